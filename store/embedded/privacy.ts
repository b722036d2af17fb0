import type Database from 'better-sqlite3';
import { toUnresolved, type UnresolvedRow } from './unresolved-row.js';
import type { ErasureRecord, PrivacyStore } from '../../privacy/ports.js';
import { toHandoff, type Row as HandoffRow } from './handoffs.js';

const open = "('queued', 'assigned', 'pending')";

/** Privacy requests and retention in the embedded store (full scans: rare, admin-run operations). */
export function sqlitePrivacy(db: Database.Database): PrivacyStore {
  const q = {
    conversationsByEmail: db.prepare<[string], { id: string }>(
      "SELECT id FROM conversations WHERE lower(json_extract(state, '$.details.email')) = ?",
    ),
    conversationById: db.prepare<[string], { id: string }>('SELECT id FROM conversations WHERE id = ?'),
    ticketsByEmail: db.prepare<[string], { id: string; conversation_id: string | null }>(
      `SELECT id, json_extract(doc, '$.conversationId') AS conversation_id FROM tickets
       WHERE lower(json_extract(doc, '$.requester.email')) = ?`,
    ),
    ticketByIdOrNumber: db.prepare<[string, string], { id: string; conversation_id: string | null }>(
      `SELECT id, json_extract(doc, '$.conversationId') AS conversation_id FROM tickets
       WHERE id = ? OR number = ?`,
    ),
    ticketsOfConversation: db.prepare<[string], { id: string }>(
      "SELECT id FROM tickets WHERE json_extract(doc, '$.conversationId') = ?",
    ),
    handoffs: db.prepare<[string], HandoffRow>(
      'SELECT * FROM handoffs WHERE conversation_id = ? ORDER BY created_at, rowid',
    ),
    unresolved: db.prepare<[string], UnresolvedRow>(
      'SELECT * FROM unresolved WHERE conversation_id = ? ORDER BY created_at, rowid',
    ),
    deleteMessages: db.prepare('DELETE FROM messages WHERE conversation_id = ?'),
    deleteHandoffs: db.prepare('DELETE FROM handoffs WHERE conversation_id = ?'),
    deleteUnresolved: db.prepare('DELETE FROM unresolved WHERE conversation_id = ?'),
    deleteConversation: db.prepare('DELETE FROM conversations WHERE id = ?'),
    deleteTicket: db.prepare('DELETE FROM tickets WHERE id = ?'),
    record: db.prepare('INSERT INTO erasures (at, by) VALUES (?, ?)'),
    erasures: db.prepare<[], ErasureRecord>('SELECT at, by FROM erasures ORDER BY at, rowid'),
    oldConversations: db.prepare<[string, number], { id: string }>(
      `SELECT id FROM conversations c WHERE updated_at < ?
       AND NOT EXISTS (SELECT 1 FROM handoffs h WHERE h.conversation_id = c.id AND h.status IN ${open})
       AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.status NOT IN ('solved', 'closed')
                       AND json_extract(t.doc, '$.conversationId') = c.id)
       ORDER BY updated_at LIMIT ?`,
    ),
    oldTickets: db.prepare<[string, number], { id: string }>(
      `SELECT id FROM tickets WHERE status IN ('solved', 'closed') AND updated_at < ?
       ORDER BY updated_at LIMIT ?`,
    ),
  };

  const deleteConversation = (id: string) => {
    q.deleteMessages.run(id);
    q.deleteHandoffs.run(id);
    q.deleteUnresolved.run(id);
    q.deleteConversation.run(id);
  };
  const erase = db.transaction(
    (conversationIds: readonly string[], ticketIds: readonly string[], record: ErasureRecord) => {
      for (const id of conversationIds) deleteConversation(id);
      for (const id of ticketIds) q.deleteTicket.run(id);
      q.record.run(record.at, record.by);
    },
  );
  const purge = db.transaction((before: string, limit: number) => {
    const conversations = q.oldConversations.all(before, limit);
    for (const { id } of conversations) deleteConversation(id);
    const tickets = q.oldTickets.all(before, limit);
    for (const { id } of tickets) q.deleteTicket.run(id);
    return { conversations: conversations.length, tickets: tickets.length };
  });

  return {
    async locate(visitor) {
      const email = visitor.includes('@') ? visitor.toLowerCase() : null;
      const conversations = new Set<string>();
      const tickets = new Set<string>();
      const ticketRows = email
        ? q.ticketsByEmail.all(email)
        : q.ticketByIdOrNumber.all(visitor, visitor.toUpperCase());
      for (const r of email ? q.conversationsByEmail.all(email) : q.conversationById.all(visitor))
        conversations.add(r.id);
      for (const t of ticketRows) {
        tickets.add(t.id);
        if (t.conversation_id) conversations.add(t.conversation_id);
      }
      for (const c of conversations) for (const t of q.ticketsOfConversation.all(c)) tickets.add(t.id);
      const existing = [...conversations].filter((id) => q.conversationById.get(id));
      return { conversationIds: existing, ticketIds: [...tickets] };
    },
    async handoffsOf(conversationId) {
      return q.handoffs.all(conversationId).map(toHandoff);
    },
    async unresolvedOf(conversationId) {
      return q.unresolved.all(conversationId).map(toUnresolved);
    },
    async erase(ids, record) {
      erase(ids.conversationIds, ids.ticketIds, record);
    },
    async erasures() {
      return q.erasures.all();
    },
    async purgeBatch(before, limit) {
      return purge(before, limit);
    },
  };
}
