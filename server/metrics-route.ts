import { timingSafeEqual, createHash } from 'node:crypto';
import express, { type Router } from 'express';
import { AppError } from '../common/errors.js';
import type { Metrics } from './metrics.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * GET /metrics: 404 unless METRICS_TOKEN is set; then only `Authorization: Bearer <METRICS_TOKEN>`
 * (compared in constant time) gets the Prometheus text format, anything else 401.
 */
export function metricsRoute(metrics: Metrics | null, token: string | undefined): Router {
  const router = express.Router();
  router.get('/metrics', async (req, res, next) => {
    try {
      if (!metrics || !token) throw new AppError('NOT_FOUND', 'Metrics are off (set METRICS_TOKEN).');
      const given = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
      if (!timingSafeEqual(digest(given), digest(token))) {
        res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
        throw new AppError('UNAUTHENTICATED', 'Send "Authorization: Bearer <METRICS_TOKEN>".');
      }
      res.setHeader('Content-Type', metrics.registry.contentType);
      res.send(await metrics.registry.metrics());
    } catch (err) {
      next(err);
    }
  });
  return router;
}
