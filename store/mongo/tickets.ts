import { Schema, type Connection } from 'mongoose';
import type { TicketStore } from '../../tickets/ports.js';
import type { Ticket } from '../../tickets/types.js';
import { applyTicketFilter, newTicket, withComment, withDelivery, withPatch } from '../ticket-documents.js';

interface TicketDoc {
  _id: string;
  number: string;
  status: string;
  priority: string;
  lang: string;
  assignee: string | null;
  updatedAt: string;
  /** Bumped by every write: a write applies only to the revision it read (optimistic concurrency). */
  rev?: number;
  doc: Ticket;
}

interface CounterDoc {
  _id: string;
  seq: number;
}

const ticketSchema = new Schema<TicketDoc>(
  {
    _id: { type: String, required: true },
    number: { type: String, required: true, unique: true },
    status: { type: String, required: true },
    priority: { type: String, required: true },
    lang: { type: String, required: true },
    assignee: { type: String, default: null },
    updatedAt: { type: String, required: true },
    rev: { type: Number, default: 0 },
    doc: { type: Schema.Types.Mixed, required: true },
  },
  { versionKey: false, minimize: false },
);
ticketSchema.index({ status: 1, updatedAt: -1 });
ticketSchema.index({ assignee: 1, status: 1 });

const counterSchema = new Schema<CounterDoc>({ _id: String, seq: Number }, { versionKey: false });

/** Tickets in MongoDB: numbers from an atomic counter ($inc), each ticket one document. */
export async function mongoTickets(connection: Connection): Promise<TicketStore> {
  const Tickets = connection.model<TicketDoc>('Ticket', ticketSchema, 'tickets');
  const Counters = connection.model<CounterDoc>('Counter', counterSchema, 'counters');
  await Promise.all([Tickets.init(), Counters.init()]);
  const read = async (key: string): Promise<Ticket | null> => {
    const d = await Tickets.findOne({ $or: [{ _id: key }, { number: key.toUpperCase() }] }).lean();
    return d ? (d.doc as Ticket) : null;
  };
  /**
   * Read, apply, write back only if nobody wrote in between (the revision), else read again: background
   * writes (delivery, email thread) never undo an agent's change.
   */
  const change = async (key: string, apply: (t: Ticket) => Ticket | null): Promise<Ticket | null> => {
    for (let attempt = 0; attempt < 20; attempt++) {
      const d = await Tickets.findOne({ $or: [{ _id: key }, { number: key.toUpperCase() }] }).lean();
      if (!d) return null;
      const next = apply(d.doc as Ticket);
      if (!next) return null;
      const rev = d.rev ?? 0;
      const res = await Tickets.updateOne(
        { _id: d._id, ...(rev === 0 ? { rev: { $in: [0, null] } } : { rev }) },
        {
          $set: {
            status: next.status,
            priority: next.priority,
            lang: next.lang,
            assignee: next.assignee,
            updatedAt: next.updatedAt,
            rev: rev + 1,
            doc: next,
          },
        },
      );
      if (res.matchedCount === 1) return next;
    }
    throw new Error(`ticket ${key}: too many concurrent writes`);
  };
  return {
    async create(input, actor) {
      const counter = await Counters.findOneAndUpdate(
        { _id: 'ticket' },
        { $inc: { seq: 1 } },
        { upsert: true, new: true, lean: true },
      );
      const ticket = newTicket(input, `FD-${10000 + (counter?.seq ?? 1)}`, actor);
      await Tickets.create([
        {
          _id: ticket.id,
          number: ticket.number,
          status: ticket.status,
          priority: ticket.priority,
          lang: ticket.lang,
          assignee: ticket.assignee,
          updatedAt: ticket.updatedAt,
          doc: ticket,
        },
      ]);
      return ticket;
    },
    get: read,
    async list(filter) {
      return applyTicketFilter(
        (await Tickets.find().lean()).map((d) => d.doc as Ticket),
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
