import type { Connection } from 'mongoose';
import type { UnresolvedQuestion } from '../../bot/ports.js';
import type { ErasureRecord, PrivacyStore } from '../../privacy/ports.js';
import { toHandoff, type HandoffDoc } from './handoffs.js';
import type { UnresolvedDoc } from './models.js';
import type { TicketDoc } from './ticket-model.js';

interface IdDoc {
  _id: string;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Privacy requests and retention in MongoDB, on the collections the other mongo modules define
 * (conversations, messages, unresolved, handoffs, tickets) plus `erasures`. The same contract as the
 * embedded store's (store/embedded/privacy.ts); MongoDB without a replica set has no multi-document
 * transaction, so an erasure deletes in order (messages first) and records last.
 */
export function mongoPrivacy(connection: Connection): PrivacyStore {
  const col = <T extends object>(name: string) => connection.collection<T>(name);
  const conversations = col<IdDoc & { updatedAt: Date }>('conversations');
  const messages = col<{ conversationId: string }>('messages');
  const unresolved = col<UnresolvedDoc>('unresolved');
  const handoffs = col<HandoffDoc>('handoffs');
  const tickets = col<TicketDoc>('tickets');
  const erasures = col<{ at: string; by: string }>('erasures');
  const exactly = (email: string) => new RegExp(`^${escapeRegex(email)}$`, 'i');

  const deleteConversations = async (ids: readonly string[]) => {
    if (ids.length === 0) return;
    const list = [...ids];
    await messages.deleteMany({ conversationId: { $in: list } });
    await handoffs.deleteMany({ conversationId: { $in: list } });
    await unresolved.deleteMany({ conversationId: { $in: list } });
    await conversations.deleteMany({ _id: { $in: list } });
  };

  return {
    async locate(visitor) {
      const email = visitor.includes('@') ? exactly(visitor) : null;
      const found = new Set<string>();
      const ticketIds = new Set<string>();
      const convs = await conversations
        .find(email ? { 'state.details.email': email } : { _id: visitor }, { projection: { _id: 1 } })
        .toArray();
      for (const c of convs) found.add(c._id);
      const ts = await tickets
        .find(
          email
            ? { 'doc.requester.email': email }
            : { $or: [{ _id: visitor }, { number: visitor.toUpperCase() }] },
          { projection: { _id: 1, 'doc.conversationId': 1 } },
        )
        .toArray();
      for (const t of ts) {
        ticketIds.add(t._id);
        if (t.doc.conversationId) found.add(t.doc.conversationId);
      }
      const linked = await tickets
        .find({ 'doc.conversationId': { $in: [...found] } }, { projection: { _id: 1 } })
        .toArray();
      for (const t of linked) ticketIds.add(t._id);
      const existing = await conversations
        .find({ _id: { $in: [...found] } }, { projection: { _id: 1 } })
        .toArray();
      return { conversationIds: existing.map((c) => c._id), ticketIds: [...ticketIds] };
    },
    async handoffsOf(conversationId) {
      const docs = await handoffs.find({ conversationId }).sort({ createdAt: 1 }).toArray();
      return docs.map((d) => toHandoff(d));
    },
    async unresolvedOf(conversationId): Promise<UnresolvedQuestion[]> {
      const docs = await unresolved.find({ conversationId }).sort({ createdAt: 1 }).toArray();
      return docs.map((d) => ({
        id: d._id,
        conversationId: d.conversationId,
        lang: d.lang,
        text: d.text,
        candidates: d.candidates.map((c) => ({ articleId: c.articleId, confidence: c.confidence })),
        offered: [...(d.offered ?? [])],
        createdAt: d.createdAt.toISOString(),
      }));
    },
    async erase(ids, record: ErasureRecord) {
      await deleteConversations(ids.conversationIds);
      if (ids.ticketIds.length > 0) await tickets.deleteMany({ _id: { $in: [...ids.ticketIds] } });
      await erasures.insertOne({ at: record.at, by: record.by });
    },
    async erasures() {
      const docs = await erasures.find().sort({ at: 1 }).toArray();
      return docs.map((d) => ({ at: d.at, by: d.by }));
    },
    async purgeBatch(before, limit) {
      const openConversations = await handoffs.distinct('conversationId', {
        status: { $in: ['queued', 'assigned', 'pending'] },
      });
      const openTicketConversations = await tickets.distinct('doc.conversationId', {
        status: { $nin: ['solved', 'closed'] },
      });
      const old = await conversations
        .find(
          {
            updatedAt: { $lt: new Date(before) },
            _id: { $nin: [...openConversations, ...openTicketConversations].filter(Boolean) },
          },
          { projection: { _id: 1 } },
        )
        .sort({ updatedAt: 1 })
        .limit(limit)
        .toArray();
      await deleteConversations(old.map((c) => c._id));
      const oldTickets = await tickets
        .find(
          { status: { $in: ['solved', 'closed'] }, updatedAt: { $lt: before } },
          { projection: { _id: 1 } },
        )
        .sort({ updatedAt: 1 })
        .limit(limit)
        .toArray();
      if (oldTickets.length > 0) await tickets.deleteMany({ _id: { $in: oldTickets.map((t) => t._id) } });
      return { conversations: old.length, tickets: oldTickets.length };
    },
  };
}
