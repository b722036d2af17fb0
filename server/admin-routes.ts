import express, { type Request, type Router } from 'express';
import { z } from 'zod';
import { AppError } from '../common/errors.js';
import { hashPassword, passwordProblem } from '../handoff/passwords.js';
import type { AgentPatch, AgentStore } from '../handoff/ports.js';
import type { Agent } from '../handoff/types.js';
import type { AdminAuditStore, ApiKeyStore } from '../store/ports.js';
import { hashApiKey, newApiKey } from './api-keys.js';
import { languageCode, skillName } from './commands/agents.js';
import { publicAgent, signedInAgent } from './console-routes.js';
import { jsonRoute, parseOr400, type JsonReply } from './json-routes.js';

const languages = z.array(languageCode).min(1, 'give at least one language').max(20);
const skills = z.array(skillName.transform((s) => s.toLowerCase())).max(50);
const role = z.enum(['agent', 'admin']);
const capacity = z.number().int().min(1).max(50);
const name = z.string().trim().min(1).max(100);

const newAgentBody = z.strictObject({
  email: z.email().max(254),
  name,
  languages,
  skills: skills.default([]),
  role: role.default('agent'),
  capacity: capacity.default(3),
  password: z.string().max(200),
});
const agentPatchBody = z
  .strictObject({ name, languages, skills, role, capacity })
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'give at least one of name, languages, skills, role, capacity');
const newKeyBody = z.strictObject({
  name: z
    .string()
    .trim()
    .regex(/^[\p{L}\p{N} _.-]{1,60}$/u, '1–60 letters, digits, spaces, _ . or -'),
});
const auditQuery = z.strictObject({
  before: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

export interface AdminDeps {
  readonly agents: AgentStore;
  readonly apiKeys: ApiKeyStore;
  readonly audit: AdminAuditStore;
  /** Re-check the agent's console sockets at once (dropped when disabled): ConsoleAuth.agentChanged. */
  readonly agentChanged: (agentId: string) => void;
  readonly isOnline: (agentId: string) => boolean;
}

type Handler = (req: Request, admin: Agent) => Promise<JsonReply>;

/**
 * Admin settings in the console, under /console/api/admin (the console's guard lets only admins in):
 * agents (list, add, edit role/languages/skills/capacity, disable — signed out everywhere at once — and
 * enable), API keys (create: the key is shown once; revoke) and the audit log every action here writes to.
 */
export function adminRoutes(deps: AdminDeps): Router {
  const router = express.Router();
  const json = express.json({ limit: '20kb' });
  // The guard in console-routes.ts already let only a signed-in admin this far.
  const as = (handler: Handler) => jsonRoute(async (req) => signedInAgent(req.res ?? raise()), handler);
  const audit = (
    admin: Agent,
    action: string,
    target: string | null,
    details: Record<string, unknown> = {},
  ) => deps.audit.record({ actor: { id: admin.id, email: admin.email }, action, target, details });
  const agentById = async (req: Request): Promise<Agent> => {
    const agent = await deps.agents.get(String(req.params['id']));
    if (!agent) throw new AppError('NOT_FOUND', 'No such agent.');
    return agent;
  };
  const listed = async () => {
    const disabled = new Set(await deps.agents.disabledIds());
    return (await deps.agents.list()).map((a) => ({
      ...publicAgent(a),
      disabled: disabled.has(a.id),
      online: deps.isOnline(a.id),
    }));
  };

  router.get(
    '/console/api/admin/agents',
    as(async () => ({ status: 200, body: { agents: await listed() } })),
  );

  router.post(
    '/console/api/admin/agents',
    json,
    as(async (req, admin) => {
      const { password, ...input } = parseOr400(newAgentBody, req.body);
      const problem = passwordProblem(password);
      if (problem) throw new AppError('PAYLOAD_INVALID', 'The request is invalid.', [`password: ${problem}`]);
      const agent = await deps.agents.add({ ...input, passwordHash: await hashPassword(password) });
      await audit(admin, 'agent.add', agent.email, {
        role: agent.role,
        languages: agent.languages,
        skills: agent.skills,
        capacity: agent.capacity,
      });
      return { status: 201, body: { agent: publicAgent(agent) } };
    }),
  );

  router.patch(
    '/console/api/admin/agents/:id',
    json,
    as(async (req, admin) => {
      const patch: AgentPatch = parseOr400(agentPatchBody, req.body);
      const before = await agentById(req);
      if (before.id === admin.id && patch.role === 'agent') throw new AppError('ADMIN_SELF');
      const after = await deps.agents.update(before.id, patch);
      if (!after) throw new AppError('NOT_FOUND', 'No such agent.');
      const changes = Object.fromEntries(
        Object.keys(patch).map((k) => [
          k,
          { from: before[k as keyof AgentPatch], to: after[k as keyof AgentPatch] },
        ]),
      );
      await audit(admin, 'agent.update', after.email, changes);
      deps.agentChanged(after.id);
      return { status: 200, body: { agent: publicAgent(after) } };
    }),
  );

  for (const action of ['disable', 'enable'] as const)
    router.post(
      `/console/api/admin/agents/:id/${action}`,
      as(async (req, admin) => {
        const target = await agentById(req);
        if (action === 'disable' && target.id === admin.id) throw new AppError('ADMIN_SELF');
        // The same store call as `frontdesk agents disable`: no sign-in, every session ended.
        const done = await deps.agents[action](target.email);
        if (!done) throw new AppError('NOT_FOUND', 'No such agent.');
        await audit(admin, `agent.${action}`, done.email);
        deps.agentChanged(done.id);
        return { status: 200, body: { agents: await listed() } };
      }),
    );

  router.get(
    '/console/api/admin/api-keys',
    as(async () => ({ status: 200, body: { apiKeys: await deps.apiKeys.list() } })),
  );

  router.post(
    '/console/api/admin/api-keys',
    json,
    as(async (req, admin) => {
      const { name: label } = parseOr400(newKeyBody, req.body);
      const key = newApiKey();
      const created = await deps.apiKeys.create(label, hashApiKey(key));
      await audit(admin, 'apikey.create', created.id, { name: created.name });
      return { status: 201, body: { apiKey: created, key } };
    }),
  );

  router.post(
    '/console/api/admin/api-keys/:id/revoke',
    as(async (req, admin) => {
      const id = String(req.params['id']);
      if (!(await deps.apiKeys.revoke(id))) throw new AppError('NOT_FOUND', 'No live API key with that id.');
      const key = (await deps.apiKeys.list()).find((k) => k.id === id);
      await audit(admin, 'apikey.revoke', id, { name: key?.name ?? null });
      return { status: 200, body: { apiKey: key ?? null } };
    }),
  );

  router.get(
    '/console/api/admin/audit',
    as(async (req) => {
      const q = parseOr400(auditQuery, req.query);
      const entries = await deps.audit.list({
        limit: q.limit ?? 50,
        ...(q.before ? { before: q.before } : {}),
      });
      return { status: 200, body: { entries } };
    }),
  );
  return router;
}

const raise = (): never => {
  throw new AppError('UNAUTHENTICATED');
};
