import express, { type Request, type Router } from 'express';
import { jsonRoute, parseOr400, type JsonReply } from './json-routes.js';
import { AppError, RateLimitedError } from '../common/errors.js';
import type { Limit, RateLimits } from '../common/rate-limiter.js';
import type { ApiKey, ApiKeyStore } from '../store/ports.js';
import type { TicketService } from '../tickets/service.js';
import type { TicketStore } from '../tickets/ports.js';
import { commentBody, createTicketBody, listQuery, updateTicketBody } from './api-schemas.js';
import { openApiDocument } from './openapi.js';
import { authenticateApiKey } from './api-keys.js';
import { presentTicket } from './presenters/ticket.js';
import { ticketPage } from './ticket-paging.js';
import type { AgentStore } from '../handoff/ports.js';

type Handler = (req: Request, key: ApiKey) => Promise<JsonReply>;

/**
 * The REST API for tickets (list in pages, get, create, update, comment), authenticated by `Authorization:
 * Bearer <API key>` (401 otherwise), validated by schema (400 with field-level details), answered through
 * the API's ticket presenter, described at /api/openapi.json.
 */
export function apiRoutes(deps: {
  keys: ApiKeyStore;
  tickets: TicketStore;
  service: TicketService;
  /** To check that an `assignee` is a real agent. */
  agents: Pick<AgentStore, 'get'>;
  publicUrl: () => string;
  /** Tickets created per API key, and per client address; null = no limit. */
  createLimits?: { perKey: Limit | null; perAddress: Limit | null; counted: RateLimits };
}): Router {
  const router = express.Router();
  router.get('/api/openapi.json', (_req, res) => {
    res.json(openApiDocument(deps.publicUrl()));
  });
  const authed = (handler: Handler) =>
    jsonRoute((req) => authenticateApiKey(deps.keys, req.headers.authorization), handler);
  const actor = (key: ApiKey) => `api:${key.name}`;
  const found = async (id: string) => {
    const t = await deps.tickets.get(id);
    if (!t) throw new AppError('NOT_FOUND', `No ticket ${id}.`);
    return t;
  };
  const body = express.json({ limit: '100kb' });

  router.get(
    '/api/tickets',
    authed(async (req) => {
      const { overdue, cursor, ...filter } = parseOr400(listQuery, req.query);
      const page = await ticketPage(deps.tickets, {
        ...filter,
        ...(cursor ? { after: cursor } : {}),
        ...(overdue === 'true' ? { overdueAt: new Date().toISOString() } : {}),
      });
      return { status: 200, body: { tickets: page.tickets.map(presentTicket), next: page.next } };
    }),
  );
  router.get(
    '/api/tickets/:id',
    authed(async (req) => ({ status: 200, body: presentTicket(await found(String(req.params['id']))) })),
  );
  router.post(
    '/api/tickets',
    body,
    authed(async (req, key) => {
      const limits = deps.createLimits;
      const decision = limits
        ? await limits.counted.takeAll([
            [limits.perKey, key.id],
            [limits.perAddress, req.ip ?? ''],
          ])
        : { ok: true as const };
      if (!decision.ok)
        throw new RateLimitedError(decision.retryAfterMs, 'Too many tickets created; please slow down.');
      const b = parseOr400(createTicketBody, req.body);
      return { status: 201, body: presentTicket(await deps.service.create(b, actor(key))) };
    }),
  );
  router.patch(
    '/api/tickets/:id',
    body,
    authed(async (req, key) => {
      const b = parseOr400(updateTicketBody, req.body);
      if (b.assignee && !(await deps.agents.get(b.assignee)))
        throw new AppError('PAYLOAD_INVALID', 'The request is invalid.', ['assignee: no such agent']);
      return {
        status: 200,
        body: presentTicket(await deps.service.update(String(req.params['id']), b, actor(key))),
      };
    }),
  );
  router.post(
    '/api/tickets/:id/comments',
    body,
    authed(async (req, key) => {
      const b = parseOr400(commentBody, req.body);
      const t = await deps.service.comment(String(req.params['id']), {
        author: { kind: 'api', id: key.id, name: key.name },
        body: b.body,
        internal: b.internal,
      });
      return { status: 201, body: presentTicket(t) };
    }),
  );
  return router;
}
