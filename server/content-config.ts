import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { AppError } from '../common/errors.js';

/**
 * A YAML settings file of the content folder (`business-hours.yml`, `tickets.yml`), checked with its
 * schema; without the file, the schema's defaults (`fallback`). A bad file stops the start with every
 * problem listed, file and key named.
 */
export function readContentConfig<S extends z.ZodType>(
  contentDir: string,
  name: string,
  schema: S,
  fallback: z.infer<S>,
): z.infer<S> {
  const file = path.join(contentDir, name);
  if (!existsSync(file)) return fallback;
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    const reason = err instanceof Error ? (err.message.split('\n')[0] ?? err.message) : 'invalid YAML';
    throw new AppError('CONFIG_INVALID', `${file}: ${reason}`);
  }
  const parsed = schema.safeParse(raw ?? {});
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `${file}: ${i.path.join('.') || '(file)'}: ${i.message}`);
    throw new AppError('CONFIG_INVALID', `Invalid ${name} (${details.length} problem(s))`, details);
  }
  return parsed.data as z.infer<S>;
}
