import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import type { UnresolvedQuestion, UnresolvedStore } from '../../bot/ports.js';
import type { Store } from '../ports.js';
import type { ConversationStore } from '../../conversation/ports.js';
import type {
  Conversation,
  ConversationState,
  MessageDelivery,
  MessageMeta,
  Role,
  StoredMessage,
} from '../../conversation/types.js';
import { mongoMissingTranslations } from './missing-translations.js';
import { mongoAgents } from './agents.js';
import { mongoHandoffs } from './handoffs.js';
import { mongoTickets } from './tickets.js';
import { mongoApiKeys } from './api-keys.js';
import { mongoReports } from './reports.js';
import { mongoAudit } from './audit.js';
import { mongoChannelAddresses } from './channel-addresses.js';
import { mongoBlocks } from './blocks.js';
import { mongoPrivacy } from './privacy.js';
import { mongoRatings, mongoReviewMarks } from './review.js';
import { registerModels, type ConversationDoc, type MessageDoc, type UnresolvedDoc } from './models.js';
import { AppError } from '../../common/errors.js';
import {
  isUnavailableError,
  mongoConnectOptions,
  operationTimeoutMs,
  setupFailedMessage,
  unreachableMessage,
} from './connection.js';
import { guardStore } from '../guard.js';

const initialState: ConversationState = { failures: 0 };

const toConversation = (d: ConversationDoc): Conversation => ({
  id: d._id,
  channel: d.channel,
  visitorKey: d.visitorKey,
  lang: d.lang,
  state: { ...initialState, ...(d.state as Partial<ConversationState>) },
  createdAt: d.createdAt.toISOString(),
  updatedAt: d.updatedAt.toISOString(),
});

const toMessage = (d: MessageDoc): StoredMessage => ({
  id: d._id,
  conversationId: d.conversationId,
  seq: d.seq,
  role: d.role as Role,
  text: d.text,
  clientId: d.clientId,
  meta: d.meta as MessageMeta,
  createdAt: d.createdAt.toISOString(),
  ...(d.delivery ? { delivery: d.delivery as MessageDelivery } : {}),
});

const toUnresolved = (d: UnresolvedDoc): UnresolvedQuestion => ({
  id: d._id,
  conversationId: d.conversationId,
  lang: d.lang,
  text: d.text,
  candidates: d.candidates.map((c) => ({ articleId: c.articleId, confidence: c.confidence })),
  offered: [...(d.offered ?? [])],
  createdAt: d.createdAt.toISOString(),
  ...(d.source && d.source !== 'unresolved' ? { source: d.source } : {}),
  ...(typeof d.answer === 'string' ? { answer: d.answer } : {}),
});

const isDuplicateKey = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && 'code' in err && (err as { code: unknown }).code === 11000;

/**
 * MongoDB through mongoose, used when MONGODB_URI is set. Passes the same contract suite as the embedded
 * store. The database is `dbName`, else the URI's, else `frontdesk`; an unreachable server is one
 * STORE_UNAVAILABLE error naming the host, the reason and the URI (password masked).
 */
export async function openMongoStore(uri: string, options: { dbName?: string } = {}): Promise<Store> {
  const connectOptions = mongoConnectOptions(uri, options.dbName);
  const connection = mongoose.createConnection(uri, { ...connectOptions });
  try {
    await connection.asPromise();
  } catch (err) {
    await connection.close().catch(() => undefined);
    throw new AppError('STORE_UNAVAILABLE', unreachableMessage(uri, connectOptions.dbName, err));
  }
  try {
    // A little over the driver's own budget: the driver reports first; this only catches what it missed.
    const timeoutMs = operationTimeoutMs(uri) + 2000;
    return guardStore(await mongoStore(connection), { isUnavailable: isUnavailableError, timeoutMs });
  } catch (err) {
    await connection.close().catch(() => undefined);
    throw new AppError('STORE_UNAVAILABLE', setupFailedMessage(uri, connectOptions.dbName, err));
  }
}

/** The store on an open connection: models registered, indexes created (the collections' `init`). */
async function mongoStore(connection: mongoose.Connection): Promise<Store> {
  const { Conversation: Conv, Message: Msg, Unresolved: Unr } = registerModels(connection);
  await Promise.all([Conv.init(), Msg.init(), Unr.init()]);

  const conversations: ConversationStore = {
    // Writes are acknowledged by MongoDB one by one (journaled); a turn's run in order, not in one session.
    transaction: (work) => work(),
    async open({ channel, visitorKey, lang }) {
      const now = new Date();
      try {
        const doc = await Conv.findOneAndUpdate(
          { channel, visitorKey },
          {
            $setOnInsert: {
              _id: randomUUID(),
              lang,
              state: initialState,
              nextSeq: 1,
              createdAt: now,
              updatedAt: now,
            },
          },
          { upsert: true, returnDocument: 'after', lean: true },
        );
        if (doc) return toConversation(doc);
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
      const existing = await Conv.findOne({ channel, visitorKey }).lean();
      if (!existing) throw new Error('conversation vanished after upsert');
      return toConversation(existing);
    },
    async find(channel, visitorKey) {
      const doc = await Conv.findOne({ channel, visitorKey }).lean();
      return doc ? toConversation(doc) : null;
    },
    async get(id) {
      const doc = await Conv.findById(id).lean();
      return doc ? toConversation(doc) : null;
    },
    async update(id, patch) {
      const set: Record<string, unknown> = { updatedAt: new Date() };
      if (patch.lang !== undefined) set['lang'] = patch.lang;
      if (patch.state !== undefined) set['state'] = patch.state;
      const doc = await Conv.findByIdAndUpdate(id, { $set: set }, { returnDocument: 'after', lean: true });
      if (!doc) throw new Error(`unknown conversation ${id}`);
      return toConversation(doc);
    },
    async append(conversationId, m) {
      const clientId = m.clientId ?? null;
      if (clientId !== null) {
        const existing = await Msg.findOne({ conversationId, clientId }).lean();
        if (existing) return { message: toMessage(existing), duplicate: true };
      }
      const conv = await Conv.findByIdAndUpdate(
        conversationId,
        { $inc: { nextSeq: 1 } },
        { returnDocument: 'before', lean: true },
      );
      if (!conv) throw new Error(`unknown conversation ${conversationId}`);
      const doc: MessageDoc = {
        _id: randomUUID(),
        conversationId,
        seq: conv.nextSeq,
        role: m.role,
        text: m.text,
        clientId,
        meta: { ...(m.meta ?? {}) },
        createdAt: new Date(),
      };
      try {
        await Msg.insertMany([doc]);
      } catch (err) {
        if (clientId === null || !isDuplicateKey(err)) throw err;
        const existing = await Msg.findOne({ conversationId, clientId }).lean();
        if (existing) return { message: toMessage(existing), duplicate: true };
        throw err;
      }
      return { message: toMessage(doc), duplicate: false };
    },
    async recordDelivery(conversationId, messageIds, delivery) {
      if (messageIds.length === 0) return;
      await Msg.updateMany(
        { conversationId, _id: { $in: [...messageIds] } },
        { $set: { delivery: { ...delivery } } },
      );
    },
    async messages(conversationId, options = {}) {
      if (options.limit === 0) return [];
      const filter =
        options.before === undefined ? { conversationId } : { conversationId, seq: { $lt: options.before } };
      if (options.limit === undefined) {
        return (await Msg.find(filter).sort({ seq: 1 }).lean()).map(toMessage);
      }
      const latest = await Msg.find(filter).sort({ seq: -1 }).limit(options.limit).lean();
      return latest.reverse().map(toMessage);
    },
  };

  const unresolved: UnresolvedStore = {
    async record(input) {
      const doc: UnresolvedDoc = {
        // ObjectIds increase within a process, so `_id` breaks createdAt ties in insert order.
        _id: new mongoose.Types.ObjectId().toHexString(),
        conversationId: input.conversationId,
        lang: input.lang,
        text: input.text,
        candidates: input.candidates.map((c) => ({ ...c })),
        offered: [...(input.offered ?? [])],
        createdAt: new Date(),
        ...(input.source ? { source: input.source } : {}),
        ...(input.answer !== undefined ? { answer: input.answer } : {}),
      };
      await Unr.create([doc]);
      return toUnresolved(doc);
    },
    async list(options = {}) {
      if (options.limit === 0) return [];
      const filter = options.lang ? { lang: options.lang } : {};
      const docs = await Unr.find(filter)
        .sort({ createdAt: -1, _id: -1 })
        .limit(options.limit ?? 100)
        .lean();
      return docs.map(toUnresolved);
    },
  };

  return {
    kind: 'mongo',
    conversations,
    unresolved,
    missingTranslations: await mongoMissingTranslations(connection),
    agents: await mongoAgents(connection),
    handoffs: await mongoHandoffs(connection),
    tickets: await mongoTickets(connection),
    apiKeys: await mongoApiKeys(connection),
    reports: mongoReports(connection),
    audit: await mongoAudit(connection),
    channelAddresses: await mongoChannelAddresses(connection),
    blocks: await mongoBlocks(connection),
    privacy: mongoPrivacy(connection),
    ratings: await mongoRatings(connection),
    reviewMarks: await mongoReviewMarks(connection),
    async close() {
      await connection.close();
    },
  };
}
