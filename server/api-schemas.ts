import { z } from 'zod';
import { isBlank, neutraliseText } from '../common/visible-text.js';
import { ticketPriorities, ticketSorts, ticketStatuses } from '../tickets/types.js';
import { decodeCursor } from './ticket-paging.js';

/**
 * The REST API's request bodies and queries (validated here, published as OpenAPI) and its error body; the
 * ticket it returns is the presenter's (server/presenters/ticket.ts).
 */
const code = z.string().regex(/^[a-z]{2,3}$/, 'a language code such as en, fi');
const tag = z.string().trim().min(1).max(40);
/**
 * Text people read in the console (subject, description, comment): control and bidi override characters
 * removed, trimmed, and not empty or only invisible characters (the same rules as chat messages).
 */
const typedText = (max: number) =>
  z
    .string()
    .overwrite(neutraliseText)
    .trim()
    .min(1)
    .max(max)
    .refine((t) => !isBlank(t), 'is only invisible characters');

export const createTicketBody = z.strictObject({
  subject: typedText(200),
  description: typedText(10_000),
  email: z.email().nullable().default(null),
  priority: z.enum(ticketPriorities).optional(),
  category: z.string().trim().min(1).max(60).nullable().optional(),
  tags: z.array(tag).max(20).optional(),
  lang: code.default('en'),
});

export const updateTicketBody = z
  .strictObject({
    subject: typedText(200).optional(),
    status: z.enum(ticketStatuses).optional(),
    priority: z.enum(ticketPriorities).optional(),
    category: z.string().trim().min(1).max(60).nullable().optional(),
    tags: z.array(tag).max(20).optional(),
    assignee: z.string().min(1).max(128).nullable().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'give at least one field to change');

export const commentBody = z.strictObject({
  body: typedText(10_000),
  internal: z.boolean().default(false),
});

/** The query of a ticket list (REST API and console); `cursor` comes back as the TicketCursor it encodes. */
export const listQuery = z
  .strictObject({
    status: z.enum(ticketStatuses).optional(),
    priority: z.enum(ticketPriorities).optional(),
    lang: code.optional(),
    assignee: z.string().min(1).max(128).optional().describe('an agent id, or none for unassigned'),
    overdue: z.enum(['true', 'false']).optional(),
    q: z.string().max(200).optional().describe('words, all of which must appear'),
    sort: z.enum(ticketSorts).default('updated'),
    limit: z.coerce.number().int().min(1).max(500).default(100).describe('tickets per page'),
    cursor: z
      .string()
      .max(400)
      .transform((text, ctx) => {
        const cursor = decodeCursor(text);
        if (!cursor)
          ctx.addIssue({ code: 'custom', message: 'not a cursor from this list; start without it' });
        return cursor ?? z.NEVER;
      })
      .optional()
      .describe('`next` of the page before, for the page after it (same sort)'),
  })
  .superRefine((query, ctx) => {
    if (query.cursor && query.cursor.sort !== query.sort)
      ctx.addIssue({
        code: 'custom',
        path: ['cursor'],
        message: `made for sort=${query.cursor.sort}, not sort=${query.sort}`,
      });
  });

export const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.array(z.string()) }),
});
