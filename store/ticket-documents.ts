import { randomUUID } from 'node:crypto';
import type {
  AuditEntry,
  CommentDelivery,
  NewTicket,
  Ticket,
  TicketComment,
  TicketPatch,
} from '../tickets/types.js';

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
