import { randomUUID } from 'node:crypto';
import type {
  AuditEntry,
  CommentDelivery,
  NewTicket,
  Ticket,
  TicketComment,
  TicketFilter,
  TicketPatch,
} from '../tickets/types.js';

const priorityRank: Readonly<Record<string, number>> = { urgent: 0, high: 1, normal: 2, low: 3 };

/** What a ticket is searched on: subject, fields, requester and comments, lower-cased. */
export function searchText(t: Ticket): string {
  return [
    t.number,
    t.subject,
    t.requester.email ?? '',
    ...Object.values(t.fields).map(String),
    ...t.comments.map((c) => c.body),
  ]
    .join(' ')
    .toLocaleLowerCase();
}

/** Not yet met and due before `at`: an overdue first reply or resolution. */
export function isOverdue(t: Ticket, at: string): boolean {
  const open = t.status !== 'solved' && t.status !== 'closed';
  const reply = t.firstReplyDue !== null && t.firstRepliedAt === null && t.firstReplyDue < at;
  const resolution = t.resolutionDue !== null && t.resolutionDue < at;
  return open && (reply || resolution);
}

/** The filter and sort every store applies the same way, after its own indexed narrowing. */
export function applyTicketFilter(tickets: readonly Ticket[], f: TicketFilter = {}): Ticket[] {
  const words = (f.q ?? '').toLocaleLowerCase().split(/\s+/).filter(Boolean);
  const out = tickets.filter(
    (t) =>
      (!f.status || t.status === f.status) &&
      (!f.priority || t.priority === f.priority) &&
      (!f.lang || t.lang === f.lang) &&
      (!f.assignee || t.assignee === (f.assignee === 'none' ? null : f.assignee)) &&
      (!f.overdueAt || isOverdue(t, f.overdueAt)) &&
      words.every((w) => searchText(t).includes(w)),
  );
  const due = (t: Ticket) =>
    t.firstRepliedAt === null ? (t.firstReplyDue ?? '9') : (t.resolutionDue ?? '9');
  const sorters: Record<NonNullable<TicketFilter['sort']>, (a: Ticket, b: Ticket) => number> = {
    created: (a, b) => b.createdAt.localeCompare(a.createdAt) || b.number.localeCompare(a.number),
    updated: (a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.number.localeCompare(a.number),
    priority: (a, b) =>
      (priorityRank[a.priority] ?? 9) - (priorityRank[b.priority] ?? 9) || due(a).localeCompare(due(b)),
    due: (a, b) => due(a).localeCompare(due(b)),
  };
  return out.sort(sorters[f.sort ?? 'updated']).slice(0, f.limit ?? 100);
}

/**
 * The ticket document changes every store makes the same way (each store only reads and writes it):
 * a new ticket with its number and "created" entry, a patch with its audit entry, a comment, a delivery.
 */
export function newTicket(input: NewTicket, number: string, actor: string): Ticket {
  const now = new Date().toISOString();
  return {
    ...input,
    id: randomUUID(),
    number,
    firstRepliedAt: null,
    solvedAt: null,
    comments: [],
    audit: [{ at: now, actor, action: 'created', changes: {} }],
    createdAt: now,
    updatedAt: now,
  };
}

/** The ticket with the patch applied and the audit entry appended. */
export function withPatch(t: Ticket, patch: TicketPatch, audit: Omit<AuditEntry, 'at'>): Ticket {
  const at = new Date().toISOString();
  return { ...t, ...patch, updatedAt: at, audit: [...t.audit, { ...audit, at }] };
}

/** The ticket with the comment added (a new id, now). */
export function withComment(t: Ticket, comment: Omit<TicketComment, 'id' | 'createdAt'>): Ticket {
  const at = new Date().toISOString();
  return { ...t, updatedAt: at, comments: [...t.comments, { ...comment, id: randomUUID(), createdAt: at }] };
}

/** The ticket with that comment's delivery recorded, or null when it has no such comment. */
export function withDelivery(t: Ticket, commentId: string, delivery: CommentDelivery): Ticket | null {
  if (!t.comments.some((c) => c.id === commentId)) return null;
  return {
    ...t,
    comments: t.comments.map((c) => (c.id === commentId ? { ...c, delivery } : c)),
  };
}
