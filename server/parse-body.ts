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
