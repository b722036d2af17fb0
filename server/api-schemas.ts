import { z } from 'zod';
import { ticketPriorities, ticketStatuses } from '../tickets/types.js';

/**
 * The REST API's request bodies and queries (validated here, published as OpenAPI) and its error body; the
 * ticket it returns is the presenter's (server/presenters/ticket.ts).
 */
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

export const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.array(z.string()) }),
});
