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

/** What the audit trail says about a comment: who added what kind, never its body. */
function commentAction(comment: Omit<TicketComment, 'id' | 'createdAt'>): string {
  if (comment.internal) return 'added an internal note';
  return comment.author.kind === 'requester' ? 'wrote (requester)' : 'replied to the requester';
}

/** The ticket with the comment added (a new id, now) and an audit entry for it, without its body. */
export function withComment(t: Ticket, comment: Omit<TicketComment, 'id' | 'createdAt'>): Ticket {
  const at = new Date().toISOString();
  const actor = `${comment.author.kind}:${comment.author.name}`;
  return {
    ...t,
    updatedAt: at,
    comments: [...t.comments, { ...comment, id: randomUUID(), createdAt: at }],
    audit: [...t.audit, { at, actor, action: commentAction(comment), changes: {} }],
  };
}

/** The ticket with that comment's delivery recorded, or null when it has no such comment. */
export function withDelivery(t: Ticket, commentId: string, delivery: CommentDelivery): Ticket | null {
  if (!t.comments.some((c) => c.id === commentId)) return null;
  return {
    ...t,
    comments: t.comments.map((c) => (c.id === commentId ? { ...c, delivery } : c)),
  };
}
