import { Schema, type Connection } from 'mongoose';
import type { TicketStore } from '../../tickets/ports.js';
import type { Ticket } from '../../tickets/types.js';
import { newTicket, withComment, withDelivery, withPatch } from '../ticket-documents.js';
import {
  defaultLimit,
  descending,
  dueKey,
  indexVersion,
  notesText,
  overdueFrom,
  searchText,
  seqOf,
  sortKey,
  sortOf,
} from '../ticket-query.js';
import { insertWithNextNumber } from '../ticket-numbers.js';
import { ticketSchema, type TicketDoc } from './ticket-model.js';
import { sortField, ticketQuery } from './ticket-query.js';

interface CounterDoc {
  _id: string;
  seq: number;
}

const counterSchema = new Schema<CounterDoc>({ _id: String, seq: Number }, { versionKey: false });

/** A duplicate key on the ticket number (E11000 on index number_1), not on anything else. */
export function numberTaken(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown; keyPattern?: unknown; message?: unknown };
  if (e.code !== 11000) return false;
  if (typeof e.keyPattern === 'object' && e.keyPattern !== null) return 'number' in e.keyPattern;
  return /index: number_1\b/.test(String(e.message));
}

/** What is queried, beside the document (every write sets it from the document). */
export const columns = (t: Ticket): Omit<TicketDoc, '_id' | 'rev' | 'doc'> => ({
  number: t.number,
  seq: seqOf(t),
  status: t.status,
  priority: t.priority,
  lang: t.lang,
  assignee: t.assignee,
  createdAt: t.createdAt,
  updatedAt: t.updatedAt,
  search: searchText(t),
  notes: notesText(t),
  sortPriority: sortKey(t, 'priority'),
  sortDue: dueKey(t),
  overdueFrom: overdueFrom(t),
  indexed: indexVersion,
});

/** Tickets in MongoDB: numbers from an atomic counter ($inc), each ticket one document. */
export async function mongoTickets(connection: Connection): Promise<TicketStore> {
  const Tickets = connection.model<TicketDoc>('Ticket', ticketSchema, 'tickets');
  const Counters = connection.model<CounterDoc>('Counter', counterSchema, 'counters');
  await Promise.all([Tickets.init(), Counters.init()]);
  // Tickets written before these query fields existed (or by an older version of them) get them once. A
  // write in between sets them itself (and `indexed`), so this never overwrites a newer write.
  const stale = { indexed: { $not: { $gte: indexVersion } } };
  for await (const d of Tickets.find(stale, { doc: 1 }).lean().cursor())
    await Tickets.updateOne({ _id: d._id, ...stale }, { $set: columns(d.doc) });
  const read = async (key: string): Promise<Ticket | null> => {
    const d = await Tickets.findOne({ $or: [{ _id: key }, { number: key.toUpperCase() }] }).lean();
    return d ? d.doc : null;
  };
  /**
   * Read, apply, write back only if nobody wrote in between (the revision), else read again: background
   * writes (delivery, email thread) never undo an agent's change.
   */
  const change = async (key: string, apply: (t: Ticket) => Ticket | null): Promise<Ticket | null> => {
    for (let attempt = 0; attempt < 20; attempt++) {
      const d = await Tickets.findOne({ $or: [{ _id: key }, { number: key.toUpperCase() }] }).lean();
      if (!d) return null;
      const next = apply(d.doc);
      if (!next) return null;
      const rev = d.rev ?? 0;
      const res = await Tickets.updateOne(
        { _id: d._id, ...(rev === 0 ? { rev: { $in: [0, null] } } : { rev }) },
        { $set: { ...columns(next), rev: rev + 1, doc: next } },
      );
      if (res.matchedCount === 1) return next;
    }
    throw new Error(`ticket ${key}: too many concurrent writes`);
  };
  return {
    async create(input, actor) {
      return insertWithNextNumber<Ticket>({
        async next() {
          const counter = await Counters.findOneAndUpdate(
            { _id: 'ticket' },
            { $inc: { seq: 1 } },
            { upsert: true, returnDocument: 'after', lean: true },
          );
          return counter?.seq ?? 1;
        },
        async insert(number) {
          const ticket = newTicket(input, number, actor);
          await Tickets.create([{ _id: ticket.id, ...columns(ticket), doc: ticket }]);
          return ticket;
        },
        isTaken: numberTaken,
        async highestSeq() {
          const top = await Tickets.findOne({}, { seq: 1 }).sort({ seq: -1 }).lean();
          return top?.seq ?? 0;
        },
        async raiseTo(counter) {
          await Counters.updateOne({ _id: 'ticket' }, { $max: { seq: counter } }, { upsert: true });
        },
      });
    },
    get: read,
    async list(filter = {}) {
      const sort = sortOf(filter);
      const direction = descending(sort) ? -1 : 1;
      const docs = await Tickets.find(ticketQuery(filter), { doc: 1 })
        .sort({ [sortField[sort]]: direction, seq: direction })
        .limit(filter.limit ?? defaultLimit)
        .lean();
      return docs.map((d) => d.doc);
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
