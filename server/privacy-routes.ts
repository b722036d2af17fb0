import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { eraseVisitor, exportVisitor, type VisitorDataDeps } from '../privacy/visitor-data.js';
import { signedInAgent } from './console-routes.js';
import { jsonRoute, parseOr400 } from './json-routes.js';

const visitorQuery = z.object({ visitor: z.string().trim().min(1).max(320) });
const eraseBody = z.strictObject({ visitor: z.string().trim().min(1).max(320), confirm: z.literal(true) });

/**
 * Visitors' data for admins (GDPR access and erasure), under /console/api/admin, so the console's admin
 * guard (server/console-routes.ts) has already answered 401 or 403 for anyone else. Mount after it.
 * GET …/visitors/export?visitor=V → the export document (as an attachment); POST …/visitors/erase
 * {visitor, confirm: true} → how many conversations and tickets were erased.
 */
export function privacyRoutes(deps: VisitorDataDeps): Router {
  const router = express.Router();
  router.get(
    '/console/api/admin/visitors/export',
    jsonRoute(
      async () => null,
      async (req) => {
        const { visitor } = parseOr400(visitorQuery, req.query);
        return { status: 200, body: await exportVisitor(deps, visitor) };
      },
    ),
  );
  router.post(
    '/console/api/admin/visitors/erase',
    express.json({ limit: '10kb' }),
    async (req: Request, res: Response, next: NextFunction) => {
      try {
        const admin = signedInAgent(res);
        const { visitor } = parseOr400(eraseBody, req.body);
        res.status(200).json({ erased: await eraseVisitor(deps, visitor, `admin:${admin.id}`) });
      } catch (err) {
        next(err);
      }
    },
  );
  return router;
}
