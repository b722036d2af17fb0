import type { NextFunction, Request, Response } from 'express';
import type { z } from 'zod';
import { AppError } from '../common/errors.js';

/** Parses with the schema or throws PAYLOAD_INVALID (400) listing every field's problem. */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data as z.infer<S>;
  throw new AppError(
    'PAYLOAD_INVALID',
    'The request is invalid.',
    r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`),
  );
}

/** What a JSON route answers: a status and a body. */
export type JsonReply = { status: number; body: unknown };

/**
 * An express handler for a JSON route: `authenticate` finds who calls (or throws UNAUTHENTICATED), the
 * handler answers; any error goes to the app's error middleware (the one error format).
 */
export function jsonRoute<P>(
  authenticate: (req: Request) => Promise<P>,
  handler: (req: Request, principal: P) => Promise<JsonReply>,
) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const { status, body } = await handler(req, await authenticate(req));
      res.status(status).json(body);
    } catch (err) {
      next(err);
    }
  };
}
