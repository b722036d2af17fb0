import path from 'node:path';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { AppError, publicError } from '../common/errors.js';
import type { Logger } from './logger.js';

export interface HttpAppDeps {
  readonly webDir: string;
  readonly log: Logger;
  health(): Record<string, unknown>;
}

const pageCsp = [
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

  app.use((req, _res, next) => next(new AppError('NOT_FOUND', `No route for ${req.method} ${req.path}`)));
  // Express recognises an error handler by its four parameters.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (!(err instanceof AppError)) deps.log.error({ err, path: req.path }, 'request failed');
    const e = publicError(err);
    const status = err instanceof AppError ? err.status : 500;
    res.status(status).json({ error: { code: e.code, message: e.message, details: e.details } });
  });
  return app;
}
