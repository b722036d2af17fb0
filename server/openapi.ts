import { z } from 'zod';
import { commentBody, createTicketBody, errorSchema, listQuery, updateTicketBody } from './api-schemas.js';
import { apiTicketSchema } from './presenters/ticket.js';

const json = (schema: z.ZodType, io: 'input' | 'output' = 'output') =>
  z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const content = (schema: object) => ({ 'application/json': { schema } });
const errors = Object.fromEntries(
  [
    ['400', 'Invalid body or query: `details` lists each field'],
    ['401', 'Missing, unknown or revoked API key'],
    ['404', 'No such ticket'],
    ['409', 'A status change that is not allowed, with the reason'],
  ].map(([status, description]) => [status, { description, content: content(ref('Error')) }]),
);
const pick = (...codes: string[]) => Object.fromEntries(codes.map((c) => [c, errors[c]]));
const idParam = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'Ticket id or number (FD-10427)',
  schema: { type: 'string' },
};

/** The OpenAPI 3.1 document of the REST API, served at /api/openapi.json; built from the zod schemas the API validates with. */
export function openApiDocument(serverUrl: string): object {
  const query = json(listQuery, 'input') as { properties: Record<string, object> };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Frontdesk tickets API',
      version: '1.0.0',
      description: 'Tickets filed by the bot or by integrations.',
    },
    servers: [{ url: serverUrl }],
    security: [{ apiKey: [] }],
    components: {
      securitySchemes: {
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API key from `frontdesk apikeys create`.',
        },
      },
      schemas: {
        Ticket: json(apiTicketSchema),
        TicketList: {
          type: 'object',
          required: ['tickets', 'next'],
          additionalProperties: false,
          properties: {
            tickets: { type: 'array', items: ref('Ticket') },
            next: {
              type: ['string', 'null'],
              description: 'The `cursor` of the next page (same query); null on the last page.',
            },
          },
        },
        CreateTicket: json(createTicketBody, 'input'),
        UpdateTicket: json(updateTicketBody, 'input'),
        Comment: json(commentBody, 'input'),
        Error: json(errorSchema),
      },
    },
    paths: {
      '/api/tickets': {
        get: {
          operationId: 'listTickets',
          parameters: Object.entries(query.properties).map(([name, schema]) => ({
            name,
            in: 'query',
            required: false,
            schema,
          })),
          responses: {
            '200': { description: 'Matching tickets', content: content(ref('TicketList')) },
            ...pick('400', '401'),
          },
        },
        post: {
          operationId: 'createTicket',
          requestBody: { required: true, content: content(ref('CreateTicket')) },
          responses: {
            '201': { description: 'Created', content: content(ref('Ticket')) },
            ...pick('400', '401'),
          },
        },
      },
      '/api/tickets/{id}': {
        parameters: [idParam],
        get: {
          operationId: 'getTicket',
          responses: {
            '200': { description: 'The ticket', content: content(ref('Ticket')) },
            ...pick('401', '404'),
          },
        },
        patch: {
          operationId: 'updateTicket',
          requestBody: { required: true, content: content(ref('UpdateTicket')) },
          responses: {
            '200': { description: 'Updated', content: content(ref('Ticket')) },
            ...pick('400', '401', '404', '409'),
          },
        },
      },
      '/api/tickets/{id}/comments': {
        parameters: [idParam],
        post: {
          operationId: 'addComment',
          requestBody: { required: true, content: content(ref('Comment')) },
          responses: {
            '201': { description: 'The ticket with the comment', content: content(ref('Ticket')) },
            ...pick('400', '401', '404'),
          },
        },
      },
    },
  };
}
