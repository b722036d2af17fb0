import { randomUUID } from 'node:crypto';
import { AppError } from '../common/errors.js';
import { ticketBounds } from '../tickets/bounds.js';
import type {
  AuditEntry,
  CommentDelivery,
  NewTicket,
  Ticket,
  TicketComment,
  TicketPatch,
} from '../tickets/types.js';

/** The transcript's latest `transcriptLines` lines, each cut to `transcriptLineChars`; whether any was left out. */
function boundedTranscript(
  lines: NewTicket['transcript'],
): Pick<Ticket, 'transcript' | 'transcriptTruncated'> {
  const { transcriptLines, transcriptLineChars } = ticketBounds;
  const kept = lines.slice(-transcriptLines).map((l) => ({
    ...l,
    text: l.text.length > transcriptLineChars ? `${l.text.slice(0, transcriptLineChars)}…` : l.text,
  }));
  return lines.length > transcriptLines
    ? { transcript: kept, transcriptTruncated: true }
    : { transcript: kept };
}

/** The first entry ("created") and the latest ones, `auditOmitted` counting those dropped between. */
function boundedAudit(t: Ticket, audit: readonly AuditEntry[]): Pick<Ticket, 'audit' | 'auditOmitted'> {
  const { audit: max } = ticketBounds;
  if (audit.length <= max) return { audit };
  const dropped = audit.length - max;
  return {
    audit: [...audit.slice(0, 1), ...audit.slice(1 + dropped)],
    auditOmitted: (t.auditOmitted ?? 0) + dropped,
  };
}

/** The email thread's root and its latest Message-IDs (what References keeps when it is trimmed). */
function boundedThread(thread: readonly string[]): readonly string[] {
  const { emailThread: max } = ticketBounds;
  return thread.length <= max ? thread : [...thread.slice(0, 1), ...thread.slice(thread.length - max + 1)];
}

/**
 * The ticket document changes every store makes the same way (each store only reads and writes it):
 * a new ticket with its number and "created" entry, a patch with its audit entry, a comment, a delivery.
 */
export function newTicket(input: NewTicket, number: string, actor: string): Ticket {
  const now = new Date().toISOString();
  return {
    ...input,
    ...boundedTranscript(input.transcript),
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
  const thread = patch.emailThread ? { emailThread: boundedThread(patch.emailThread) } : {};
  return { ...t, ...patch, ...thread, updatedAt: at, ...boundedAudit(t, [...t.audit, { ...audit, at }]) };
}

/** What the audit trail says about a comment: who added what kind, never its body. */
function commentAction(comment: Omit<TicketComment, 'id' | 'createdAt'>): string {
  if (comment.internal) return 'added an internal note';
  return comment.author.kind === 'requester' ? 'wrote (requester)' : 'replied to the requester';
}

/**
 * The ticket with the comment added (a new id, now) and an audit entry for it, without its body;
 * TICKET_FULL past the comments' bounds.
 */
export function withComment(t: Ticket, comment: Omit<TicketComment, 'id' | 'createdAt'>): Ticket {
  const chars = t.comments.reduce((n, c) => n + c.body.length, comment.body.length);
  if (t.comments.length >= ticketBounds.comments || chars > ticketBounds.commentChars)
    throw new AppError(
      'TICKET_FULL',
      `${t.number} holds as many comments as a ticket can (${ticketBounds.comments}, or ${ticketBounds.commentChars} characters); open a new ticket and mention ${t.number}.`,
    );
  const at = new Date().toISOString();
  const actor = `${comment.author.kind}:${comment.author.name}`;
  return {
    ...t,
    updatedAt: at,
    comments: [...t.comments, { ...comment, id: randomUUID(), createdAt: at }],
    ...boundedAudit(t, [...t.audit, { at, actor, action: commentAction(comment), changes: {} }]),
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
