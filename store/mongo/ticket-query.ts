import type { QueryFilter } from 'mongoose';
import type { TicketCursor, TicketFilter, TicketSort } from '../../tickets/types.js';
import { descending, searchWords } from '../ticket-query.js';
import type { TicketDoc } from './ticket-model.js';

/** The field each sort orders by (then `seq`, the same way); each pair has an index (ticket-model.ts). */
export const sortField: Readonly<Record<TicketSort, 'createdAt' | 'updatedAt' | 'sortPriority' | 'sortDue'>> =
  {
    created: 'createdAt',
    updated: 'updatedAt',
    priority: 'sortPriority',
    due: 'sortDue',
  };

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** After the cursor's ticket: a bounded range on the sort field, the tie on it broken by `seq`. */
function pageAfter(c: TicketCursor): QueryFilter<TicketDoc> {
  const desc = descending(c.sort);
  const bound = desc ? { $lte: c.key } : { $gte: c.key };
  const past = desc ? { $lt: c.key } : { $gt: c.key };
  const seq = desc ? { $lt: c.seq } : { $gt: c.seq };
  switch (c.sort) {
    case 'created':
      return { createdAt: bound, $or: [{ createdAt: past }, { seq }] };
    case 'updated':
      return { updatedAt: bound, $or: [{ updatedAt: past }, { seq }] };
    case 'priority':
      return { sortPriority: bound, $or: [{ sortPriority: past }, { seq }] };
    case 'due':
      return { sortDue: bound, $or: [{ sortDue: past }, { seq }] };
  }
}

/**
 * The MongoDB query for a filter, on the indexed fields beside the document (the search words as a
 * substring match on the stored lower-cased text); the caller sorts by `sortField` and `seq` and limits.
 */
export function ticketQuery(f: TicketFilter): QueryFilter<TicketDoc> {
  const and: Array<QueryFilter<TicketDoc>> = [];
  if (f.status !== undefined) and.push({ status: f.status });
  if (f.priority !== undefined) and.push({ priority: f.priority });
  if (f.lang !== undefined) and.push({ lang: f.lang });
  if (f.assignee !== undefined) and.push({ assignee: f.assignee === 'none' ? null : f.assignee });
  // `$type` as in the partial index, so the index serves it.
  if (f.overdueAt !== undefined) and.push({ overdueFrom: { $type: 'string', $lt: f.overdueAt } });
  for (const word of searchWords(f.q)) {
    const re = new RegExp(escapeRegExp(word));
    and.push(f.searchNotes ? { $or: [{ search: re }, { notes: re }] } : { search: re });
  }
  if (f.after) and.push(pageAfter(f.after));
  return and.length > 0 ? { $and: and } : {};
}
