import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { parseYaml } from './front-matter.js';
import type { KbProblem } from './types.js';

/** The KB's own decision settings (`config.yml` beside the `<lang>/` folders); only what the file sets. */
export interface KbSettings {
  readonly answerThreshold?: number;
  readonly clarifyMargin?: number;
  /** Offer the likely articles when their confidences add up to at least this. */
  readonly offerThreshold?: number;
  /** The answered precision the thresholds chosen by cross-validation aim at (default 0.9). */
  readonly targetPrecision?: number;
}

export const kbConfigFile = 'config.yml';

const share = (name: string) =>
  z
    .number({ error: `${name} must be a number between 0 and 1` })
    .min(0, `${name} must be between 0 and 1`)
    .max(1, `${name} must be between 0 and 1`);

/** Every key `config.yml` may hold; unknown keys are warnings. */
export const kbConfigSchema = z.object({
  answerThreshold: share('answerThreshold').optional(),
  clarifyMargin: share('clarifyMargin').optional(),
  offerThreshold: share('offerThreshold').optional(),
  targetPrecision: share('targetPrecision').optional(),
});

const knownKeys = Object.keys(kbConfigSchema.shape) as Array<keyof KbSettings>;

export interface KbConfigResult {
  /** The keys that are valid; a bad value is left out (its problem says why). */
  readonly settings: KbSettings;
  readonly problems: KbProblem[];
}

/** Parses the text of `config.yml`; never throws, reports each problem with its line. */
export function parseKbConfig(file: string, source: string): KbConfigResult {
  const problems: KbProblem[] = [];
  const problem = (line: number, code: string, message: string, severity: KbProblem['severity'] = 'error') =>
    problems.push({ severity, code, file, line, message });

  const yaml = parseYaml(source.replace(/^\uFEFF/, ''), 1);
  for (const e of yaml.errors) problem(e.line, 'yaml-invalid', e.message);
  if (yaml.errors.length > 0) return { settings: {}, problems };

  const raw = yaml.value;
  if (raw === null || raw === undefined) return { settings: {}, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problem(1, 'config-invalid', 'config.yml must be a mapping of keys to values');
    return { settings: {}, problems };
  }
  const record = raw as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!(knownKeys as string[]).includes(key))
      problem(yaml.lineOf([key]), 'key-unknown', `unknown key "${key}"`, 'warning');
  }
  const settings: { -readonly [K in keyof KbSettings]: KbSettings[K] } = {};
  for (const key of knownKeys) {
    if (!(key in record)) continue;
    const parsed = kbConfigSchema.shape[key].safeParse(record[key]);
    if (parsed.success) settings[key] = parsed.data;
    else
      problem(
        yaml.lineOf([key]),
        'config-invalid',
        `${parsed.error.issues[0]?.message ?? `${key} is invalid`} (got ${JSON.stringify(record[key])})`,
      );
  }
  return { settings, problems };
}

/** Reads `<kbRoot>/config.yml` when there is one; an absent file means no override. */
export async function readKbConfig(kbRoot: string): Promise<KbConfigResult> {
  const full = path.join(kbRoot, kbConfigFile);
  if (!existsSync(full)) return { settings: {}, problems: [] };
  return parseKbConfig(path.relative(process.cwd(), full) || full, await readFile(full, 'utf8'));
}
