import type Database from 'better-sqlite3';
import type { TicketStore } from '../../tickets/ports.js';
import type { Ticket, TicketFilter, TicketSort } from '../../tickets/types.js';
import { newTicket, withComment, withDelivery, withPatch } from '../ticket-documents.js';
import {
  defaultLimit,
  descending,
  dueKey,
  indexVersion,
  notesText,
  overdueFrom,
  searchText,
  searchWords,
  sortKey,
  sortOf,
} from '../ticket-query.js';

interface Row {
  doc: string;
}

/** The column each sort orders by (then `seq`, the same way); each pair has an index (schema.ts). */
const sortColumn: Readonly<Record<TicketSort, string>> = {
  created: 'created_at',
  updated: 'updated_at',
  priority: 'sort_priority',
  due: 'sort_due',
};

/**
 * The query for a filter: every condition a WHERE on an indexed column (the search words on the stored
 * lower-cased text), the sort and the page in SQL, so only the page's documents are read and parsed.
 * Only fixed SQL text is built; every value is a bound parameter.
 */
export function ticketListSql(f: TicketFilter): { sql: string; params: Record<string, string | number> } {
  const where: string[] = [];
  const params: Record<string, string | number> = { limit: f.limit ?? defaultLimit };
  const eq = (column: string, value: string | undefined) => {
    if (value === undefined) return;
    where.push(`${column} = @${column}`);
    params[column] = value;
  };
  eq('status', f.status);
  eq('priority', f.priority);
  eq('lang', f.lang);
  if (f.assignee === 'none') where.push('assignee IS NULL');
  else eq('assignee', f.assignee);
  if (f.overdueAt !== undefined) {
    where.push('overdue_from < @overdueAt');
    params['overdueAt'] = f.overdueAt;
  }
  searchWords(f.q).forEach((word, i) => {
    where.push(
      f.searchNotes ? `(instr(search, @w${i}) > 0 OR instr(notes, @w${i}) > 0)` : `instr(search, @w${i}) > 0`,
    );
    params[`w${i}`] = word;
  });
  const sort = sortOf(f);
  const column = sortColumn[sort];
  const direction = descending(sort) ? 'DESC' : 'ASC';
  if (f.after) {
    where.push(`(${column}, seq) ${descending(sort) ? '<' : '>'} (@afterKey, @afterSeq)`);
    params['afterKey'] = f.after.key;
    params['afterSeq'] = f.after.seq;
  }
  const sql = `SELECT doc FROM tickets${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''}
    ORDER BY ${column} ${direction}, seq ${direction} LIMIT @limit`;
  return { sql, params };
}

/** Tickets in the embedded store: the document as JSON, what is queried as indexed columns. */
export function sqliteTickets(db: Database.Database): TicketStore {
  const indexed = `status = @status, priority = @priority, lang = @lang, assignee = @assignee,
    first_reply_due = @first_reply_due, resolution_due = @resolution_due, first_replied_at = @first_replied_at,
    solved_at = @solved_at, search = @search, notes = @notes, sort_priority = @sort_priority,
    sort_due = @sort_due, overdue_from = @overdue_from, indexed = @indexed, doc = @doc, updated_at = @updated_at`;
  const q = {
    nextSeq: db.prepare<[], { seq: number }>('SELECT COALESCE(MAX(seq), 10000) + 1 AS seq FROM tickets'),
    insert: db.prepare(
      `INSERT INTO tickets (id, seq, number, status, priority, lang, assignee, first_reply_due, resolution_due,
         first_replied_at, solved_at, search, notes, sort_priority, sort_due, overdue_from, indexed, doc,
         created_at, updated_at)
       VALUES (@id, @seq, @number, @status, @priority, @lang, @assignee, @first_reply_due, @resolution_due,
         @first_replied_at, @solved_at, @search, @notes, @sort_priority, @sort_due, @overdue_from, @indexed, @doc,
         @created_at, @updated_at)`,
    ),
    save: db.prepare(`UPDATE tickets SET ${indexed} WHERE id = @id`),
    byKey: db.prepare<[string, string], Row>('SELECT doc FROM tickets WHERE id = ? OR number = ?'),
    stale: db.prepare<[number], Row>('SELECT doc FROM tickets WHERE indexed < ?'),
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
    notes: notesText(t),
    sort_priority: sortKey(t, 'priority'),
    sort_due: dueKey(t),
    overdue_from: overdueFrom(t),
    indexed: indexVersion,
    doc: JSON.stringify(t),
    updated_at: t.updatedAt,
  });
  const parse = (row: Row) => JSON.parse(row.doc) as Ticket;
  // Rows written before these columns existed (or by an older version of them) are indexed once, here.
  db.transaction(() => {
    for (const row of q.stale.all(indexVersion)) q.save.run(columns(parse(row)));
  })();
  const read = (key: string): Ticket | null => {
    const row = q.byKey.get(key, key.toUpperCase());
    return row ? parse(row) : null;
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
    async list(filter = {}) {
      const { sql, params } = ticketListSql(filter);
      return db.prepare<[Record<string, string | number>], Row>(sql).all(params).map(parse);
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
