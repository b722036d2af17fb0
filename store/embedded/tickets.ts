import type Database from 'better-sqlite3';
import type { TicketStore } from '../../tickets/ports.js';
import type { Ticket } from '../../tickets/types.js';
import {
  applyTicketFilter,
  newTicket,
  searchText,
  withComment,
  withDelivery,
  withPatch,
} from '../ticket-documents.js';

interface Row {
  doc: string;
}

/** Tickets in the embedded store: the document as JSON, the queried fields as indexed columns. */
export function sqliteTickets(db: Database.Database): TicketStore {
  const q = {
    nextSeq: db.prepare<[], { seq: number }>('SELECT COALESCE(MAX(seq), 10000) + 1 AS seq FROM tickets'),
    insert: db.prepare(
      `INSERT INTO tickets (id, seq, number, status, priority, lang, assignee, first_reply_due, resolution_due,
         first_replied_at, solved_at, search, doc, created_at, updated_at)
       VALUES (@id, @seq, @number, @status, @priority, @lang, @assignee, @first_reply_due, @resolution_due,
         @first_replied_at, @solved_at, @search, @doc, @created_at, @updated_at)`,
    ),
    save: db.prepare(
      `UPDATE tickets SET status = @status, priority = @priority, lang = @lang, assignee = @assignee,
         first_reply_due = @first_reply_due, resolution_due = @resolution_due, first_replied_at = @first_replied_at,
         solved_at = @solved_at, search = @search, doc = @doc, updated_at = @updated_at WHERE id = @id`,
    ),
    byKey: db.prepare<[string, string], Row>('SELECT doc FROM tickets WHERE id = ? OR number = ?'),
    all: db.prepare<[], Row>('SELECT doc FROM tickets ORDER BY updated_at DESC'),
  };
  const columns = (t: Ticket) => ({
    id: t.id,
    status: t.status,
    priority: t.priority,
    lang: t.lang,
    assignee: t.assignee,
    first_reply_due: t.firstReplyDue,
    resolution_due: t.resolutionDue,
    first_replied_at: t.firstRepliedAt,
    solved_at: t.solvedAt,
    search: searchText(t),
    doc: JSON.stringify(t),
    updated_at: t.updatedAt,
  });
  const read = (key: string): Ticket | null => {
    const row = q.byKey.get(key, key.toUpperCase());
    return row ? (JSON.parse(row.doc) as Ticket) : null;
  };
  const change = db.transaction((id: string, apply: (t: Ticket) => Ticket | null): Ticket | null => {
    const current = read(id);
    if (!current) return null;
    const next = apply(current);
    if (!next) return null;
    q.save.run(columns(next));
    return next;
  });
  const create = db.transaction((input: Parameters<TicketStore['create']>[0], actor: string): Ticket => {
    const { seq } = q.nextSeq.get() as { seq: number };
    const ticket = newTicket(input, `FD-${seq}`, actor);
    q.insert.run({ ...columns(ticket), seq, number: ticket.number, created_at: ticket.createdAt });
    return ticket;
  });
  return {
    async create(input, actor) {
      return create(input, actor);
    },
    async get(key) {
      return read(key);
    },
    async list(filter) {
      return applyTicketFilter(
        q.all.all().map((r) => JSON.parse(r.doc) as Ticket),
        filter,
      );
    },
    async update(id, patch, audit) {
      return change(id, (t) => withPatch(t, patch, audit));
    },
    async addComment(id, comment) {
      return change(id, (t) => withComment(t, comment));
    },
    async setCommentDelivery(id, commentId, delivery) {
      return change(id, (t) => withDelivery(t, commentId, delivery));
    },
  };
}
