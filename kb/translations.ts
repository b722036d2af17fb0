import path from 'node:path';
import type { Article, KbProblem } from './types.js';

/**
 * Translations the KB lacks: an article id present in some languages and missing in others. Reported once
 * per article, as a warning at the id line of the default language's file (or the first file found).
 */
export function missingTranslations(articles: readonly Article[], defaultLang: string): KbProblem[] {
  const languages = [...new Set(articles.map((a) => a.lang))].sort();
  if (languages.length < 2) return [];
  const byId = new Map<string, Article[]>();
  for (const a of articles) byId.set(a.id, [...(byId.get(a.id) ?? []), a]);
  const problems: KbProblem[] = [];
  for (const [id, versions] of byId) {
    const have = new Set(versions.map((a) => a.lang));
    const missing = languages.filter((l) => !have.has(l));
    if (missing.length === 0) continue;
    const anchor = versions.find((a) => a.lang === defaultLang) ?? versions[0];
    if (!anchor) continue;
    problems.push({
      severity: 'warning',
      code: 'translation-missing',
      file: anchor.file,
      line: anchor.idLine,
      message: `"${id}" has no translation in ${missing.join(', ')} (expected ${missing.map((l) => path.join(l, path.basename(anchor.file))).join(', ')})`,
    });
  }
  return problems;
}

/** Keys of a locale file missing against the reference locale (nested keys joined with "."). */
export function missingLocaleKeys(
  reference: Record<string, unknown>,
  locale: Record<string, unknown>,
): string[] {
  const keys = (o: Record<string, unknown>, prefix = ''): string[] =>
    Object.entries(o).flatMap(([k, v]) =>
      typeof v === 'object' && v !== null
        ? keys(v as Record<string, unknown>, `${prefix}${k}.`)
        : [`${prefix}${k}`],
    );
  const have = new Set(keys(locale));
  return keys(reference).filter((k) => !have.has(k));
}
