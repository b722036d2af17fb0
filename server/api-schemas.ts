import { z } from 'zod';
import { ticketPriorities, ticketStatuses } from '../tickets/types.js';

/** The REST API's bodies and the ticket as it returns it: validated here and published as OpenAPI. */
const code = z.string().regex(/^[a-z]{2,3}$/, 'a language code such as en, fi');
const tag = z.string().trim().min(1).max(40);

export const createTicketBody = z.strictObject({
  subject: z.string().trim().min(1).max(200),
  description: z.string().trim().min(1).max(10_000),
  email: z.email().nullable().default(null),
  priority: z.enum(ticketPriorities).optional(),
  category: z.string().trim().min(1).max(60).nullable().optional(),
  tags: z.array(tag).max(20).optional(),
  lang: code.default('en'),
});

export const updateTicketBody = z
  .strictObject({
    subject: z.string().trim().min(1).max(200).optional(),
    status: z.enum(ticketStatuses).optional(),
    priority: z.enum(ticketPriorities).optional(),
    category: z.string().trim().min(1).max(60).nullable().optional(),
    tags: z.array(tag).max(20).optional(),
    assignee: z.string().min(1).max(128).nullable().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'give at least one field to change');

export const commentBody = z.strictObject({
  body: z.string().trim().min(1).max(10_000),
  internal: z.boolean().default(false),
});

export const listQuery = z.strictObject({
  status: z.enum(ticketStatuses).optional(),
  priority: z.enum(ticketPriorities).optional(),
  lang: code.optional(),
  assignee: z.string().min(1).max(128).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  q: z.string().max(200).optional(),
  sort: z.enum(['created', 'updated', 'priority', 'due']).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

const iso = z.string().describe('ISO 8601 date-time');
export const ticketSchema = z.object({
  id: z.string(),
  number: z.string().regex(/^FD-\d+$/),
  subject: z.string(),
  status: z.enum(ticketStatuses),
  priority: z.enum(ticketPriorities),
  category: z.string().nullable(),
  tags: z.array(z.string()),
  lang: z.string(),
  channel: z.string(),
  conversationId: z.string().nullable(),
  requester: z.object({
    email: z.string().nullable(),
    name: z.string().nullable(),
    channelId: z.string().nullable(),
  }),
  fields: z.record(z.string(), z.union([z.string(), z.number()])),
  transcript: z.array(z.object({ role: z.string(), text: z.string(), at: iso })),
  assignee: z.string().nullable(),
  team: z.string().nullable(),
  firstReplyDue: iso.nullable(),
  resolutionDue: iso.nullable(),
  firstRepliedAt: iso.nullable(),
  solvedAt: iso.nullable(),
  comments: z.array(
    z.object({
      id: z.string(),
      author: z.object({
        kind: z.enum(['agent', 'requester', 'api']),
        id: z.string().nullable(),
        name: z.string(),
      }),
      body: z.string(),
      internal: z.boolean(),
      createdAt: iso,
      delivery: z
        .object({
          chat: z.boolean().describe("stored in the requester's web conversation"),
          email: z.enum(['sent', 'failed', 'not-configured', 'no-address']),
          error: z.string().optional(),
          at: iso,
        })
        .optional(),
    }),
  ),
  audit: z.array(
    z.object({
      at: iso,
      actor: z.string(),
      action: z.string(),
      changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
    }),
  ),
  createdAt: iso,
  updatedAt: iso,
  mergedInto: z.string().nullable().optional(),
  csat: z
    .object({ rating: z.number().int().min(1).max(5), comment: z.string().nullable(), at: iso })
    .nullable()
    .optional(),
  emailThread: z.array(z.string()).optional(),
});

export const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.array(z.string()) }),
});
