import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { parseYaml } from '../kb/front-matter.js';

/** A content settings file checked: its value (the fallback when absent or bad) and its problems. */
export interface CheckedContentConfig<T> {
  readonly value: T;
  /** `file:line: key: message`, one per problem; empty when the file is absent or good. */
  readonly problems: readonly string[];
}

/**
 * A YAML settings file of the content folder (`business-hours.yml`, `tickets.yml`), checked with its
 * schema; without the file, the schema's defaults (`fallback`). Every problem is reported with the file
 * and the line of the YAML node it is about (or of the syntax error), as `kb lint` does for articles.
 */
export function checkContentConfig<S extends z.ZodType>(
  contentDir: string,
  name: string,
  schema: S,
  fallback: z.infer<S>,
): CheckedContentConfig<z.infer<S>> {
  const file = path.join(contentDir, name);
  if (!existsSync(file)) return { value: fallback, problems: [] };
  const yaml = parseYaml(readFileSync(file, 'utf8'), 1);
  if (yaml.errors.length > 0)
    return { value: fallback, problems: yaml.errors.map((e) => `${file}:${e.line}: ${e.message}`) };
  const parsed = schema.safeParse(yaml.value ?? {});
  if (parsed.success) return { value: parsed.data as z.infer<S>, problems: [] };
  return {
    value: fallback,
    problems: parsed.error.issues.map((i) => {
      const keys = i.path.filter((k): k is string | number => typeof k !== 'symbol');
      return `${file}:${yaml.lineOf(keys)}: ${keys.join('.') || '(file)'}: ${i.message}`;
    }),
  };
}
