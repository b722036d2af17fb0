import { randomUUID } from 'node:crypto';
import { timeOrderedId } from '../time-ordered-id.js';
import { WalCheckpointer, type CheckpointerOptions } from './checkpointer.js';
import type { UnresolvedStore } from '../../bot/ports.js';
import { toUnresolved, type UnresolvedRow } from './unresolved-row.js';
import type { Store } from '../ports.js';
import type { ConversationStore } from '../../conversation/ports.js';
import type {
  Conversation,
  ConversationState,
  MessageDelivery,
  MessageMeta,
  NewMessage,
  Role,
  StoredMessage,
} from '../../conversation/types.js';
import { openDatabase } from './open-database.js';
import { sqliteMissingTranslations } from './missing-translations.js';
import { sqliteAgents } from './agents.js';
import { sqliteHandoffs } from './handoffs.js';
import { sqliteTickets } from './tickets.js';
import { sqliteApiKeys } from './api-keys.js';
import { sqliteReports } from './reports.js';
import { sqliteAudit } from './audit.js';
import { sqliteChannelAddresses } from './channel-addresses.js';
import { sqliteBlocks } from './blocks.js';
import { sqlitePrivacy } from './privacy.js';
import { sqliteRatings, sqliteReviewMarks } from './review.js';
import { GroupCommit, guardWrites, type GroupCommitOptions } from './group-commit.js';

interface ConversationRow {
  id: string;
  channel: string;
  visitor_key: string;
  lang: string | null;
  state: string;
  created_at: string;
  updated_at: string;
}

interface MessageRow {
  id: string;
  conversation_id: string;
  seq: number;
  role: string;
  text: string;
  client_id: string | null;
  meta: string;
  created_at: string;
  delivery?: string | null;
}

const initialState: ConversationState = { failures: 0 };

const toConversation = (r: ConversationRow): Conversation => ({
  id: r.id,
  channel: r.channel,
  visitorKey: r.visitor_key,
  lang: r.lang,
  state: { ...initialState, ...(JSON.parse(r.state) as Partial<ConversationState>) },
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toMessage = (r: MessageRow): StoredMessage => ({
  id: r.id,
  conversationId: r.conversation_id,
  seq: r.seq,
  role: r.role as Role,
  text: r.text,
  clientId: r.client_id,
  meta: JSON.parse(r.meta) as MessageMeta,
  createdAt: r.created_at,
  ...(r.delivery ? { delivery: JSON.parse(r.delivery) as MessageDelivery } : {}),
});

/**
 * The default store: SQLite through better-sqlite3 in WAL mode with full fsync, so an acknowledged write
 * survives a crash. The directory it creates and the file are owner-only. Pass ':memory:' for a throwaway
 * store (the terminal chat). A conversation `transaction` (a turn) is one unit of the group commit
 * (`group-commit.ts`): concurrent turns share one commit, and each settles once its commit is on disk.
 */
export function openEmbeddedStore(
  file: string,
  options: GroupCommitOptions & { checkpoints?: CheckpointerOptions } = {},
): Store {
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  const db = openDatabase(file, busyTimeoutMs);
  const checkpointer = WalCheckpointer.for(db, file, options.checkpoints);
  const group = new GroupCommit(db, {
    ...options,
    onCommit: (units) => {
      checkpointer?.wake();
      options.onCommit?.(units);
    },
  });
  const write = () => group.beforeWrite();
  const guarded = guardWrites(db, write);

  const q = {
    convByKey: db.prepare<[string, string], ConversationRow>(
      'SELECT * FROM conversations WHERE channel = ? AND visitor_key = ?',
    ),
    convById: db.prepare<[string], ConversationRow>('SELECT * FROM conversations WHERE id = ?'),
    insertConv: db.prepare(
      `INSERT INTO conversations (id, channel, visitor_key, lang, state, created_at, updated_at)
       VALUES (@id, @channel, @visitor_key, @lang, @state, @now, @now) ON CONFLICT (channel, visitor_key) DO NOTHING`,
    ),
    updateConv: db.prepare(
      'UPDATE conversations SET lang = @lang, state = @state, updated_at = @now WHERE id = @id',
    ),
    msgByClientId: db.prepare<[string, string], MessageRow>(
      'SELECT * FROM messages WHERE conversation_id = ? AND client_id = ?',
    ),
    // Two statements rather than one `UPDATE … RETURNING`, which measured 2–4 times slower here (always run
    // inside a transaction: `appendTx`).
    bumpSeq: db.prepare<[string]>('UPDATE conversations SET next_seq = next_seq + 1 WHERE id = ?'),
    lastSeq: db.prepare<[string], { seq: number }>(
      'SELECT next_seq - 1 AS seq FROM conversations WHERE id = ?',
    ),
    insertMsg: db.prepare(
      `INSERT INTO messages (id, conversation_id, seq, role, text, client_id, meta, created_at)
       VALUES (@id, @conversation_id, @seq, @role, @text, @client_id, @meta, @created_at)`,
    ),
    setDelivery: db.prepare<[string, string, string]>(
      'UPDATE messages SET delivery = ? WHERE conversation_id = ? AND id = ?',
    ),
    messages: db.prepare<[string], MessageRow>(
      'SELECT * FROM messages WHERE conversation_id = ? ORDER BY seq',
    ),
    latestMessages: db.prepare<[string, number, number], MessageRow>(
      'SELECT * FROM (SELECT * FROM messages WHERE conversation_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?) ORDER BY seq',
    ),
    insertUnresolved: db.prepare(
      `INSERT INTO unresolved (id, conversation_id, lang, text, candidates, offered, created_at, source, answer)
       VALUES (@id, @conversation_id, @lang, @text, @candidates, @offered, @created_at, @source, @answer)`,
    ),
    unresolvedAll: db.prepare<[number], UnresolvedRow>(
      'SELECT * FROM unresolved ORDER BY created_at DESC, rowid DESC LIMIT ?',
    ),
    unresolvedLang: db.prepare<[string, number], UnresolvedRow>(
      'SELECT * FROM unresolved WHERE lang = ? ORDER BY created_at DESC, rowid DESC LIMIT ?',
    ),
  };

  const appendRows = (
    conversationId: string,
    m: NewMessage,
  ): { message: StoredMessage; duplicate: boolean } => {
    const clientId = m.clientId ?? null;
    if (clientId !== null) {
      const existing = q.msgByClientId.get(conversationId, clientId);
      if (existing) return { message: toMessage(existing), duplicate: true };
    }
    const seqRow = q.bumpSeq.run(conversationId).changes === 1 ? q.lastSeq.get(conversationId) : undefined;
    if (!seqRow) throw new Error(`unknown conversation ${conversationId}`);
    const row: MessageRow = {
      id: timeOrderedId(),
      conversation_id: conversationId,
      seq: seqRow.seq,
      role: m.role,
      text: m.text,
      client_id: clientId,
      meta: JSON.stringify(m.meta ?? {}),
      created_at: new Date().toISOString(),
    };
    q.insertMsg.run(row);
    return { message: toMessage(row), duplicate: false };
  };
  const appendAlone = db.transaction(appendRows);
  // Inside a turn's batch transaction the rows are written as they are (a nested better-sqlite3 transaction
  // would add a SAVEPOINT and a RELEASE for each message); alone, the three statements are one transaction.
  // So within a batch, an insert that fails after `bumpSeq` leaves a gap in the conversation's seq numbers
  // (the batch keeps what a failed unit wrote, see group-commit.ts); seq only orders and pages, gaps are fine.
  const appendTx = (conversationId: string, m: NewMessage) =>
    db.inTransaction ? appendRows(conversationId, m) : appendAlone(conversationId, m);

  const conversations: ConversationStore = {
    transaction: (work) => group.run(work),
    async open({ channel, visitorKey, lang }) {
      // Most turns come from a visitor whose conversation exists: read it without taking the write lock.
      const existing = q.convByKey.get(channel, visitorKey);
      if (existing) return toConversation(existing);
      write();
      q.insertConv.run({
        id: randomUUID(),
        channel,
        visitor_key: visitorKey,
        lang,
        state: JSON.stringify(initialState),
        now: new Date().toISOString(),
      });
      const row = q.convByKey.get(channel, visitorKey);
      if (!row) throw new Error('conversation vanished after insert');
      return toConversation(row);
    },
    async find(channel, visitorKey) {
      const row = q.convByKey.get(channel, visitorKey);
      return row ? toConversation(row) : null;
    },
    async get(id) {
      const row = q.convById.get(id);
      return row ? toConversation(row) : null;
    },
    async update(id, patch) {
      const row = q.convById.get(id);
      if (!row) throw new Error(`unknown conversation ${id}`);
      const lang = patch.lang === undefined ? row.lang : patch.lang;
      const state = patch.state ? JSON.stringify(patch.state) : row.state;
      const now = new Date().toISOString();
      write();
      q.updateConv.run({ id, lang, state, now });
      // The row as written, without reading it back.
      return toConversation({ ...row, lang, state, updated_at: now });
    },
    async append(conversationId, message) {
      write();
      return appendTx(conversationId, message);
    },
    async recordDelivery(conversationId, messageIds, delivery) {
      const json = JSON.stringify(delivery);
      write();
      db.transaction(() => {
        for (const id of messageIds) q.setDelivery.run(json, conversationId, id);
      })();
    },
    async messages(conversationId, options = {}) {
      const before = options.before ?? Number.MAX_SAFE_INTEGER;
      const rows =
        options.limit === undefined && options.before === undefined
          ? q.messages.all(conversationId)
          : q.latestMessages.all(conversationId, before, options.limit ?? -1);
      return rows.map(toMessage);
    },
  };

  const unresolved: UnresolvedStore = {
    async record(input) {
      const row: UnresolvedRow = {
        id: timeOrderedId(),
        conversation_id: input.conversationId,
        lang: input.lang,
        text: input.text,
        candidates: JSON.stringify(input.candidates),
        offered: JSON.stringify(input.offered ?? []),
        created_at: new Date().toISOString(),
        source: input.source ?? 'unresolved',
        answer: input.answer ?? null,
      };
      write();
      q.insertUnresolved.run(row);
      return toUnresolved(row);
    },
    async list(options = {}) {
      const limit = options.limit ?? 100;
      const rows = options.lang ? q.unresolvedLang.all(options.lang, limit) : q.unresolvedAll.all(limit);
      return rows.map(toUnresolved);
    },
  };

  return {
    kind: 'embedded',
    conversations,
    unresolved,
    missingTranslations: sqliteMissingTranslations(guarded),
    agents: sqliteAgents(guarded),
    handoffs: sqliteHandoffs(guarded),
    tickets: sqliteTickets(guarded),
    apiKeys: sqliteApiKeys(guarded),
    reports: sqliteReports(guarded),
    audit: sqliteAudit(guarded),
    channelAddresses: sqliteChannelAddresses(guarded),
    blocks: sqliteBlocks(guarded),
    privacy: sqlitePrivacy(guarded),
    ratings: sqliteRatings(guarded),
    reviewMarks: sqliteReviewMarks(guarded),
    async close() {
      if (!db.open) return;
      await checkpointer?.close();
      if (!db.open) return;
      group.flush();
      db.close();
    },
  };
}
