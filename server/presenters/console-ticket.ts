import type { Ticket, TicketComment, TicketCsat } from '../../tickets/types.js';
import { ticketBasics } from './ticket.js';

/**
 * A ticket as agents see it in the console (`/console/api/tickets…`; web/console reads it as `Ticket`):
 * everything they work with, internal notes, delivery errors and the audit trail included. Chosen field
 * by field like the API's presenter (server/presenters/ticket.ts), so whatever the store adds stays
 * inside; left out are the email thread's Message-IDs (mail plumbing).
 */
export interface ConsoleTicket extends Omit<Ticket, 'emailThread' | 'mergedInto' | 'csat'> {
  readonly mergedInto: string | null;
  readonly csat: TicketCsat | null;
}

function presentComment(c: TicketComment): TicketComment {
  return {
    id: c.id,
    author: { kind: c.author.kind, id: c.author.id, name: c.author.name },
    body: c.body,
    internal: c.internal,
    createdAt: c.createdAt,
    ...(c.delivery ? { delivery: { ...c.delivery } } : {}),
  };
}

/** The ticket for an agent. */
export function presentConsoleTicket(t: Ticket): ConsoleTicket {
  return {
    ...ticketBasics(t),
    conversationId: t.conversationId,
    requester: { email: t.requester.email, name: t.requester.name, channelId: t.requester.channelId },
    comments: t.comments.map(presentComment),
    audit: t.audit.map((a) => ({ at: a.at, actor: a.actor, action: a.action, changes: a.changes })),
    csat: t.csat ?? null,
    ...(t.transcriptTruncated ? { transcriptTruncated: true } : {}),
    ...(t.auditOmitted ? { auditOmitted: t.auditOmitted } : {}),
  };
}
