import express, { type Request, type Router } from 'express';
import { z } from 'zod';
import { AppError } from '../common/errors.js';
import type { AgentStore } from '../handoff/ports.js';
import type { TicketStore } from '../tickets/ports.js';
import type { TicketService } from '../tickets/service.js';
import type { Ticket } from '../tickets/types.js';
import type { FormDefinition } from '../forms/types.js';
import type { Agent } from '../handoff/types.js';
import { commentBody, listQuery, updateTicketBody } from './api-schemas.js';
import { readCookie, sessionCookie, type ConsoleAuth } from './auth.js';
import { jsonRoute, parseOr400, type JsonReply } from './json-routes.js';
import { presentConsoleTicket } from './presenters/console-ticket.js';
import { ticketPage } from './ticket-paging.js';
import { assertMayChangeTicket } from './ticket-access.js';

const mergeBody = z.strictObject({ into: z.string().trim().min(1).max(64) });

type Handler = (req: Request, agent: Agent) => Promise<JsonReply>;

/**
 * Tickets in the agent console (session cookie, 401 without): list in pages with filters, search (internal
 * notes too) and sort; open
 * one; change status, priority, tags or assignee; reply or add an internal note; merge a duplicate. The
 * same schemas and service as the REST API, acting as `agent:<name>`.
 */
export function consoleTicketRoutes(deps: {
  auth: ConsoleAuth;
  agents: AgentStore;
  tickets: TicketStore;
  service: TicketService;
  /** The KB's forms, whose labels name the form values. */
  forms?: () => readonly FormDefinition[];
}): Router {
  const router = express.Router();
  const json = express.json({ limit: '100kb' });
  const as = (handler: Handler) =>
    jsonRoute(async (req) => {
      const agent = await deps.auth.agentFor(readCookie(req.headers.cookie, sessionCookie));
      if (!agent) throw new AppError('UNAUTHENTICATED');
      return agent;
    }, handler);
  const actor = (a: Agent) => `agent:${a.name}`;
  const present = (t: Ticket) => presentConsoleTicket(t, deps.forms?.() ?? []);
  const id = (req: Request) => String(req.params['id']);
  /** The ticket, when this agent may change it (assignee, team, admin: server/ticket-access.ts); else 403. */
  const changeable = async (ticketId: string, agent: Agent) => {
    const t = await deps.tickets.get(ticketId);
    if (!t) throw new AppError('NOT_FOUND', `No ticket ${ticketId}.`);
    assertMayChangeTicket(agent, t, await deps.agents.list());
    return t;
  };

  router.get(
    '/console/api/tickets',
    as(async (req, agent) => {
      const { overdue, assignee, cursor, ...filter } = parseOr400(listQuery, req.query);
      const now = new Date().toISOString();
      const page = await ticketPage(deps.tickets, {
        ...filter,
        searchNotes: true,
        ...(cursor ? { after: cursor } : {}),
        ...(assignee ? { assignee: assignee === 'me' ? agent.id : assignee } : {}),
        ...(overdue === 'true' ? { overdueAt: now } : {}),
      });
      return {
        status: 200,
        body: { tickets: page.tickets.map(present), now, next: page.next },
      };
    }),
  );
  router.get(
    '/console/api/tickets/:id',
    as(async (req) => {
      const t = await deps.tickets.get(id(req));
      if (!t) throw new AppError('NOT_FOUND', `No ticket ${id(req)}.`);
      return { status: 200, body: present(t) };
    }),
  );
  router.patch(
    '/console/api/tickets/:id',
    json,
    as(async (req, agent) => {
      const patch = parseOr400(updateTicketBody, req.body);
      if (patch.assignee && !(await deps.agents.get(patch.assignee)))
        throw new AppError('PAYLOAD_INVALID', 'The request is invalid.', ['assignee: no such agent']);
      await changeable(id(req), agent);
      return {
        status: 200,
        body: present(await deps.service.update(id(req), patch, actor(agent))),
      };
    }),
  );
  router.post(
    '/console/api/tickets/:id/comments',
    json,
    as(async (req, agent) => {
      const b = parseOr400(commentBody, req.body);
      await changeable(id(req), agent);
      const t = await deps.service.comment(id(req), {
        author: { kind: 'agent', id: agent.id, name: agent.name },
        body: b.body,
        internal: b.internal,
      });
      return { status: 201, body: present(t) };
    }),
  );
  router.post(
    '/console/api/tickets/:id/merge',
    json,
    as(async (req, agent) => {
      const { into } = parseOr400(mergeBody, req.body);
      await changeable(id(req), agent);
      // The target gets the duplicate's details as a note: it must be changeable too, unless the merge
      // will be refused anyway (a closed or merged target: the service says why, nothing changes).
      const intoTicket = await deps.tickets.get(into);
      if (intoTicket && intoTicket.status !== 'closed' && !intoTicket.mergedInto)
        assertMayChangeTicket(agent, intoTicket, await deps.agents.list());
      const author = { kind: 'agent' as const, id: agent.id, name: agent.name };
      const { source, target } = await deps.service.merge(id(req), into, actor(agent), author);
      return {
        status: 200,
        body: { source: present(source), target: present(target) },
      };
    }),
  );
  router.get(
    '/console/api/agents',
    as(async () => ({
      status: 200,
      body: { agents: (await deps.agents.list()).map((a) => ({ id: a.id, name: a.name, role: a.role })) },
    })),
  );
  return router;
}
