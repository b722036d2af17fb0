import path from 'node:path';
import express, { type Express, type NextFunction, type Request, type Response, type Router } from 'express';
import { AppError, isStoreUnavailable, publicError, RateLimitedError } from '../common/errors.js';
import type { Logger } from './logger.js';
import type { TrustProxy } from './config.js';

export interface HttpAppDeps {
  readonly webDir: string;
  readonly log: Logger;
  /** Express's `trust proxy`: whose X-Forwarded-For gives `req.ip` (false: the socket's address). */
  readonly trustProxy?: TrustProxy;
  health(): Record<string, unknown>;
  /** More routes (the agent console), mounted before the 404 handler. */
  readonly routers?: readonly Router[];
}

/** The Content-Security-Policy of Frontdesk's own pages (the demo page and the agent console). */
export const pageCsp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/** The HTTP side: the demo page, the widget script, health. Thin routes; errors through the catalog. */
export function createHttpApp(deps: HttpAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  const trust = deps.trustProxy ?? false;
  if (trust !== false) app.set('trust proxy', typeof trust === 'object' ? [...trust] : trust);
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
    next();
  });

  app.get('/', (_req, res) => {
    res.setHeader('Content-Security-Policy', pageCsp);
    res.sendFile(path.join(deps.webDir, 'index.html'));
  });
  app.get('/widget.js', (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    res.sendFile(path.join(deps.webDir, 'widget.js'));
  });
  app.get('/favicon.ico', (_req, res) => {
    res.status(204).end();
  });
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', ...deps.health() });
  });

  for (const router of deps.routers ?? []) app.use(router);
  app.use((req, _res, next) => next(new AppError('NOT_FOUND', `No route for ${req.method} ${req.path}`)));
  // Express recognises an error handler by its four parameters.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  app.use((raw: unknown, req: Request, res: Response, _next: NextFunction) => {
    const err = bodyParserError(raw) ?? raw;
    if (!(err instanceof AppError)) deps.log.error({ err, path: req.path }, 'request failed');
    else if (isStoreUnavailable(err)) deps.log.warn({ path: req.path }, 'the store did not answer');
    const e = publicError(err);
    const status = err instanceof AppError ? err.status : 500;
    if (err instanceof RateLimitedError)
      res.setHeader('Retry-After', String(Math.max(1, Math.ceil(err.retryAfterMs / 1000))));
    res.status(status).json({ error: { code: e.code, message: e.message, details: e.details } });
  });
  return app;
}

/**
 * Errors express and its body parser raise for bad input (malformed JSON, too large, an unknown charset or
 * encoding, a bad percent-escape in the path) as the catalog's PAYLOAD_INVALID (400): bad input is never a 500.
 */
export function bodyParserError(err: unknown): AppError | null {
  if (typeof err !== 'object' || err === null) return null;
  const { type, status } = err as { type?: unknown; status?: unknown };
  if (type === 'entity.parse.failed') return new AppError('PAYLOAD_INVALID', 'The body is not valid JSON.');
  if (type === 'entity.too.large') return new AppError('PAYLOAD_INVALID', 'The body is too large.');
  if (type === 'charset.unsupported' || type === 'encoding.unsupported')
    return new AppError('PAYLOAD_INVALID', "The body's charset or encoding is not supported.");
  if (err instanceof URIError) return new AppError('PAYLOAD_INVALID', 'The URL has a bad percent-escape.');
  if (typeof status === 'number' && status >= 400 && status < 500 && !(err instanceof AppError))
    return new AppError('PAYLOAD_INVALID');
  return null;
}
