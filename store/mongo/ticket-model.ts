import { Schema } from 'mongoose';
import type { Ticket } from '../../tickets/types.js';

/** A ticket in MongoDB: the document, and beside it what is queried (store/ticket-query.ts), indexed. */
export interface TicketDoc {
  _id: string;
  number: string;
  /** The number's digits: the tie-break of every sort. */
  seq: number;
  status: string;
  priority: string;
  lang: string;
  assignee: string | null;
  createdAt: string;
  updatedAt: string;
  /** Lower-cased public search text, and the internal notes' (agents only). */
  search: string;
  notes: string;
  sortPriority: string;
  sortDue: string;
  overdueFrom: string | null;
  /** The version of these query fields (`indexVersion`); older ones are recomputed at start. */
  indexed: number;
  /** Bumped by every write: a write applies only to the revision it read (optimistic concurrency). */
  rev?: number;
  doc: Ticket;
}

export const ticketSchema = new Schema<TicketDoc>(
  {
    _id: { type: String, required: true },
    number: { type: String, required: true, unique: true },
    seq: { type: Number, default: 0 },
    status: { type: String, required: true },
    priority: { type: String, required: true },
    lang: { type: String, required: true },
    assignee: { type: String, default: null },
    createdAt: { type: String, default: '' },
    updatedAt: { type: String, required: true },
    search: { type: String, default: '' },
    notes: { type: String, default: '' },
    sortPriority: { type: String, default: '' },
    sortDue: { type: String, default: '' },
    overdueFrom: { type: String, default: null },
    indexed: { type: Number, default: 0 },
    rev: { type: Number, default: 0 },
    doc: { type: Schema.Types.Mixed, required: true },
  },
  { versionKey: false, minimize: false },
);
// Each filter's field, and each sort with its tie-break (store/mongo/ticket-query.ts).
ticketSchema.index({ status: 1, updatedAt: -1, seq: -1 });
ticketSchema.index({ assignee: 1, status: 1 });
ticketSchema.index({ lang: 1, status: 1 });
ticketSchema.index({ priority: 1, status: 1 });
ticketSchema.index({ updatedAt: -1, seq: -1 });
ticketSchema.index({ createdAt: -1, seq: -1 });
ticketSchema.index({ sortPriority: 1, seq: 1 });
ticketSchema.index({ sortDue: 1, seq: 1 });
// Tickets whose query fields an older version computed (recomputed at start, store/mongo/tickets.ts).
ticketSchema.index({ indexed: 1 });
// The highest number, when the counter has to catch up with the tickets (store/ticket-numbers.ts).
ticketSchema.index({ seq: -1 });
ticketSchema.index({ overdueFrom: 1 }, { partialFilterExpression: { overdueFrom: { $type: 'string' } } });
