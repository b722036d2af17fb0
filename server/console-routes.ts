import path from 'node:path';
import express, { type Response, type Router } from 'express';
import { z } from 'zod';
import { AppError } from '../common/errors.js';
import type { Agent } from '../handoff/types.js';
import { LoginLockedError, readCookie, sessionCookie, type ConsoleAuth } from './auth.js';
import { pageCsp } from './http-app.js';

const loginSchema = z.object({
  email: z.string().trim().min(3).max(254),
  password: z.string().min(1).max(200),
});

export const publicAgent = (a: Agent) => ({
  id: a.id,
  name: a.name,
  email: a.email,
  languages: a.languages,
  skills: a.skills,
  capacity: a.capacity,
  role: a.role,
});

/**
 * The agent console over HTTP: the page and its script, and sign-in with an HTTP-only, SameSite=Strict
 * session cookie (Secure when the public URL is https). Every /console/api route but login needs it (401).
 * Login answers with `lastFailedLogins` (count, lastAt, lastIp of the failures since the last sign-in, or
 * null); during a lockout it answers 429 LOGIN_LOCKED with Retry-After.
 */
export function consoleRoutes(deps: { auth: ConsoleAuth; webDir: string; secureCookies: boolean }): Router {
  const router = express.Router();
  const cookie = (token: string, maxAgeSeconds: number) =>
    [
      `${sessionCookie}=${token}`,
      'HttpOnly',
      'SameSite=Strict',
      'Path=/',
      `Max-Age=${maxAgeSeconds}`,
      ...(deps.secureCookies ? ['Secure'] : []),
    ].join('; ');

  router.get('/console', (_req, res) => {
    res.setHeader('Content-Security-Policy', pageCsp);
    res.sendFile(path.join(deps.webDir, 'console.html'));
  });
  router.get('/console.js', (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(path.join(deps.webDir, 'console.js'));
  });

  router.post('/console/api/login', express.json({ limit: '10kb' }), async (req, res, next) => {
    try {
      const parsed = loginSchema.safeParse(req.body);
      if (!parsed.success)
        throw new AppError(
          'PAYLOAD_INVALID',
          'Send {"email": "...", "password": "..."}.',
          parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
        );
      const { token, agent, expiresAt, lastFailedLogins } = await deps.auth.login(
        parsed.data.email,
        parsed.data.password,
        req.ip ?? req.socket.remoteAddress ?? 'unknown',
      );
      res.setHeader('Set-Cookie', cookie(token, Math.floor((expiresAt.getTime() - Date.now()) / 1000)));
      res.json({ agent: publicAgent(agent), lastFailedLogins });
    } catch (err) {
      if (err instanceof LoginLockedError) res.setHeader('Retry-After', String(err.retryAfterSeconds));
      next(err);
    }
  });

  router.post('/console/api/logout', async (req, res, next) => {
    try {
      await deps.auth.logout(readCookie(req.headers.cookie, sessionCookie));
      res.setHeader('Set-Cookie', cookie('', 0));
      res.status(204).end();
    } catch (err) {
      next(err);
    }
  });

  router.get('/console/api/me', async (req, res, next) => {
    try {
      const agent = await deps.auth.agentFor(readCookie(req.headers.cookie, sessionCookie));
      if (!agent) throw new AppError('UNAUTHENTICATED');
      res.json({ agent: publicAgent(agent) });
    } catch (err) {
      next(err);
    }
  });

  /**
   * Anything else under /console/api needs a session; the signed-in agent is `res.locals.agent` (read it with
   * `signedInAgent(res)`). Everything under /console/api/admin is for admins only (403 FORBIDDEN for agents):
   * admin routes go there, so no admin route can forget the check.
   */
  router.use('/console/api', async (req, res, next) => {
    const agent = await deps.auth.agentFor(readCookie(req.headers.cookie, sessionCookie)).catch(() => null);
    if (agent) res.locals.agent = agent;
    next(agent ? undefined : new AppError('UNAUTHENTICATED'));
  });
  router.use('/console/api/admin', (_req, res, next) => {
    next(signedInAgent(res).role === 'admin' ? undefined : new AppError('FORBIDDEN'));
  });
  return router;
}

/** The agent the session middleware above found (routes under /console/api only). */
export function signedInAgent(res: Response): Agent {
  const agent: unknown = res.locals.agent;
  if (!isAgent(agent)) throw new AppError('UNAUTHENTICATED');
  return agent;
}

const isAgent = (value: unknown): value is Agent =>
  typeof value === 'object' && value !== null && 'id' in value && 'role' in value;
