import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../common/errors.js';

export type LocaleStrings = Record<string, unknown>;

/**
 * Reads `content/locales/<lang>.json`. A malformed file, or a key whose value is neither a string nor a
 * nested object of strings, stops start-up with the file and key named.
 */
export function loadLocales(contentDir: string): Record<string, LocaleStrings> {
  const dir = path.join(contentDir, 'locales');
  const result: Record<string, LocaleStrings> = {};
  if (!existsSync(dir)) return result;
  const problems: string[] = [];
  for (const name of readdirSync(dir)
    .filter((f) => /^[a-z]{2,3}(-[A-Za-z0-9]+)?\.json$/.test(f))
    .sort()) {
    const file = path.join(dir, name);
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      problems.push(`${file}: not valid JSON (${(err as Error).message})`);
      continue;
    }
    const bad = badKeys(data, '');
    if (bad.length > 0)
      problems.push(...bad.map((k) => `${file}: key "${k}" must be a string or an object of strings`));
    else result[name.replace(/\.json$/, '')] = data as LocaleStrings;
  }
  if (problems.length > 0) throw new AppError('CONFIG_INVALID', 'Invalid locale files', problems);
  return result;
}

function badKeys(value: unknown, prefix: string): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [prefix || '(root)'];
  const bad: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') continue;
    bad.push(...badKeys(v, key));
  }
  return bad;
}

/** The flat `widget.*` strings for one language, falling back key by key to the fallback language. */
export function widgetStrings(
  locales: Record<string, LocaleStrings>,
  lang: string,
  fallback: string,
): Record<string, string> {
  const pick = (l: string): Record<string, string> => {
    const w = locales[l]?.['widget'];
    if (typeof w !== 'object' || w === null) return {};
    return Object.fromEntries(
      Object.entries(w).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
  };
  return { ...pick(fallback), ...pick(lang) };
}
