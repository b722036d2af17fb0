import type { Ticket, TicketCursor, TicketFilter, TicketSort } from '../tickets/types.js';

/**
 * How both stores find and order tickets: the values they keep beside the document as indexed columns
 * (fields) and query with their own database (SQL in the embedded store, a MongoDB query in mongo). Every
 * write recomputes them from the document; `indexVersion` tells rows computed by an older version apart.
 */
export const indexVersion = 1;

/** The query's page size when the filter gives none. */
export const defaultLimit = 100;

/** After every ISO date: what a ticket without a due time sorts as. */
const noDue = '9';
const priorityRank: Readonly<Record<string, string>> = { urgent: '0', high: '1', normal: '2', low: '3' };

/** The due time the `due` sort orders by: the first reply's until it is given, then the resolution's. */
export function dueKey(t: Ticket): string {
  return (t.firstRepliedAt === null ? t.firstReplyDue : t.resolutionDue) ?? noDue;
}

/** The earliest instant it is overdue at (an unmet first reply due or the resolution due); null once solved or closed. */
export function overdueFrom(t: Ticket): string | null {
  if (t.status === 'solved' || t.status === 'closed') return null;
  const dues = [t.firstRepliedAt === null ? t.firstReplyDue : null, t.resolutionDue].filter(
    (d): d is string => d !== null,
  );
  return dues.sort()[0] ?? null;
}

/** Its key for a sort: with its number (`seqOf`), a total order both stores index. */
export function sortKey(t: Ticket, sort: TicketSort): string {
  switch (sort) {
    case 'created':
      return t.createdAt;
    case 'updated':
      return t.updatedAt;
    case 'priority':
      // The rank digit, then the due key: one text key orders by priority, then by due time.
      return `${priorityRank[t.priority] ?? '9'}${dueKey(t)}`;
    case 'due':
      return dueKey(t);
  }
}

/** Newest first for the time sorts; lowest key (highest priority, soonest due) first for the others. */
export const descending = (sort: TicketSort): boolean => sort === 'created' || sort === 'updated';

/** The number's digits (FD-10427 → 10427): the tie-break, newest first with the time sorts. */
export const seqOf = (t: Ticket): number => Number(t.number.slice(3));

/** Where the page after this ticket starts. */
export function cursorAfter(t: Ticket, sort: TicketSort): TicketCursor {
  return { sort, key: sortKey(t, sort), seq: seqOf(t) };
}

/** What `q` matches for anyone: number, subject, requester email, form values, public comments; lower-cased. */
export function searchText(t: Ticket): string {
  return [
    t.number,
    t.subject,
    t.requester.email ?? '',
    ...Object.values(t.fields).map(String),
    ...t.comments.filter((c) => !c.internal).map((c) => c.body),
  ]
    .join(' ')
    .toLocaleLowerCase();
}

/** What `q` also matches for agents: the internal notes, lower-cased. */
export function notesText(t: Ticket): string {
  return t.comments
    .filter((c) => c.internal)
    .map((c) => c.body)
    .join(' ')
    .toLocaleLowerCase();
}

/** The words of `q`, lower-cased like the search text; each must appear. */
export function searchWords(q: string | undefined): string[] {
  return (q ?? '').toLocaleLowerCase().split(/\s+/).filter(Boolean);
}

/** The filter's sort (updated by default); a cursor made for another sort is a caller's bug. */
export function sortOf(f: TicketFilter): TicketSort {
  const sort = f.sort ?? 'updated';
  if (f.after && f.after.sort !== sort)
    throw new Error(`a cursor for the ${f.after.sort} sort cannot page the ${sort} sort`);
  return sort;
}
