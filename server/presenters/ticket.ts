import { z } from 'zod';
import { ticketPriorities, ticketStatuses, type Ticket, type TicketComment } from '../../tickets/types.js';

/**
 * A ticket as REST API clients see it (`/api/tickets…`), and its schema, which the OpenAPI document
 * publishes. Each field is chosen here, never spread from the stored document, so whatever the store adds
 * stays inside. Left out: the audit trail, internal notes, the email thread's Message-IDs, the
 * conversation id and the requester's channel id (internal ids), a failed email's error text (the
 * server's SMTP details).
 */
const iso = z.string().describe('ISO 8601 date-time');

export const apiCommentSchema = z.object({
  id: z.string(),
  author: z.object({
    kind: z.enum(['agent', 'requester', 'api']),
    id: z.string().nullable().describe('the agent id or the API key id; null for the requester'),
    name: z.string(),
  }),
  body: z.string(),
  createdAt: iso,
  delivery: z
    .object({
      chat: z.boolean().describe("stored in the requester's web conversation"),
      email: z.enum(['sent', 'failed', 'not-configured', 'no-address', 'unverified']),
      at: iso,
    })
    .optional()
    .describe('how the reply reached the requester, once tried'),
});

export const apiTicketSchema = z.object({
  id: z.string(),
  number: z.string().regex(/^FD-\d+$/),
  subject: z.string(),
  status: z.enum(ticketStatuses),
  priority: z.enum(ticketPriorities),
  category: z.string().nullable(),
  tags: z.array(z.string()),
  lang: z.string(),
  channel: z.string().describe('where it came from: web, api, …'),
  requester: z.object({ email: z.string().nullable(), name: z.string().nullable() }),
  fields: z
    .record(z.string(), z.union([z.string(), z.number()]))
    .describe('form values; sensitive ones masked'),
  transcript: z
    .array(z.object({ role: z.string(), text: z.string(), at: iso }))
    .describe('the chat it was filed from (internal notes left out)'),
  assignee: z.string().nullable().describe('an agent id'),
  team: z.string().nullable(),
  firstReplyDue: iso.nullable(),
  resolutionDue: iso.nullable(),
  firstRepliedAt: iso.nullable(),
  solvedAt: iso.nullable(),
  comments: z.array(apiCommentSchema).describe('public replies, oldest first (internal notes are left out)'),
  csat: z
    .object({ rating: z.number().int().min(1).max(5), comment: z.string().nullable(), at: iso })
    .nullable()
    .describe("the requester's rating once solved"),
  mergedInto: z.string().nullable().describe('the number of the ticket this one was merged into'),
  createdAt: iso,
  updatedAt: iso,
});

export type ApiTicket = z.output<typeof apiTicketSchema>;
export type ApiComment = z.output<typeof apiCommentSchema>;

function presentComment(c: TicketComment): ApiComment {
  return {
    id: c.id,
    author: { kind: c.author.kind, id: c.author.id, name: c.author.name },
    body: c.body,
    createdAt: c.createdAt,
    ...(c.delivery
      ? { delivery: { chat: c.delivery.chat, email: c.delivery.email, at: c.delivery.at } }
      : {}),
  };
}

/**
 * The fields every audience of a ticket sees as stored (the API's and the console's presenters both start
 * from them); the requester, comments, CSAT and internals are each presenter's own choice.
 */
export function ticketBasics(t: Ticket) {
  return {
    id: t.id,
    number: t.number,
    subject: t.subject,
    status: t.status,
    priority: t.priority,
    category: t.category,
    tags: [...t.tags],
    lang: t.lang,
    channel: t.channel,
    fields: { ...t.fields },
    transcript: t.transcript.map((l) => ({ role: l.role, text: l.text, at: l.at })),
    assignee: t.assignee,
    team: t.team,
    firstReplyDue: t.firstReplyDue,
    resolutionDue: t.resolutionDue,
    firstRepliedAt: t.firstRepliedAt,
    solvedAt: t.solvedAt,
    mergedInto: t.mergedInto ?? null,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  };
}

/** The ticket for an API client. */
export function presentTicket(t: Ticket): ApiTicket {
  return {
    ...ticketBasics(t),
    requester: { email: t.requester.email, name: t.requester.name },
    comments: t.comments.filter((c) => !c.internal).map(presentComment),
    csat: t.csat ? { rating: t.csat.rating, comment: t.csat.comment, at: t.csat.at } : null,
  };
}
