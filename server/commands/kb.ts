import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadKb, hasErrors, type LoadedKb } from '../../kb/load.js';
import { defaultTargetPrecision, maxCvQuestions, minHeldOut } from '../../kb/thresholds.js';
import { KnowledgeBaseIndex } from '../../kb/knowledge-base.js';
import { formatProblem } from '../../kb/types.js';
import { confusionProblems } from '../../kb/confusion.js';
import { missingLocaleKeys, missingTranslations } from '../../kb/translations.js';
import { AppError } from '../../common/errors.js';
import { loadLocales } from '../locales.js';
import type { KbProblem } from '../../kb/types.js';
import { defaultOfferThreshold, effectiveSettings, type PolicySettings } from '../../kb/policy.js';
import type { Output } from './output.js';

export { kbAsk } from './kb-ask.js';

/** Only confident confusions are reported: a held-out question another article wins more likely than not. */
const confidentConfusion = 0.5;

/**
 * `frontdesk kb lint`: every problem with file and line, then (when the KB has no error) the confusion
 * check: questions that, held out, would be answered with another article. Exit 1 when there is an error.
 */
export async function kbLint(
  contentDir: string,
  out: Output,
  settings?: PolicySettings & { readonly defaultLang?: string; readonly kbChooseThresholds?: boolean },
): Promise<number> {
  const loaded = await loadKb(contentDir);
  const problems = [
    ...loaded.problems,
    ...missingTranslations(loaded.articles, settings?.defaultLang ?? 'en'),
  ];
  problems.push(...localeProblems(contentDir, loaded.languages));
  if (settings && !hasErrors(problems)) {
    const threshold = effectiveSettings(settings, loaded.settings).answerThreshold;
    problems.push(
      ...confusionProblems(loaded.articles, { threshold: Math.max(threshold, confidentConfusion) }),
    );
  }
  for (const p of problems) out.line(formatProblem(p));
  if (settings?.kbChooseThresholds && !hasErrors(problems) && loaded.articles.length > 0)
    for (const line of await thresholdLines(loaded, settings)) out.line(line);
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  out.line(
    `${loaded.articles.length} article(s) in ${loaded.languages.join(', ') || 'no language'}: ` +
      `${errors} error(s), ${warnings} warning(s)`,
  );
  return hasErrors(problems) ? 1 : 0;
}

const pct = (x: number | null): string => (x === null ? 'n/a' : `${(x * 100).toFixed(1)} %`);

/** Why a language's answer threshold was not chosen (kb/thresholds.ts `thresholdsFor`). */
function notChosen(loaded: LoadedKb, lang: string): string {
  const n = loaded.articles.filter((a) => a.lang === lang).reduce((sum, a) => sum + a.questions.length, 0);
  if (n < minHeldOut) return `${n} questions, too few to choose from (${minHeldOut} needed)`;
  return `${n} questions, too many to cross-validate at load (over ${maxCvQuestions})`;
}

/** One line per language: the thresholds in force, where they come from, and the expected rates. */
async function thresholdLines(loaded: LoadedKb, base: PolicySettings): Promise<string[]> {
  const kb = await KnowledgeBaseIndex.build(loaded, { thresholds: { base } });
  const target = loaded.settings.targetPrecision ?? defaultTargetPrecision;
  return loaded.languages.map((lang) => {
    const s = effectiveSettings(base, loaded.settings, kb.chosenSettings(lang));
    const offer = `offer ${s.offerThreshold ?? defaultOfferThreshold}`;
    const c = kb.chosen(lang);
    if (loaded.settings.answerThreshold !== undefined)
      return `thresholds ${lang}: answer ${s.answerThreshold} (config.yml), ${offer}`;
    if (!c)
      return `thresholds ${lang}: answer ${s.answerThreshold} (environment or default: ${notChosen(loaded, lang)}), ${offer}`;
    const e = c.expected;
    const how = c.reachedTarget
      ? `the lowest reaching precision ${target}`
      : `precision ${target} not reached: the most precise`;
    return (
      `thresholds ${lang}: answer ${c.answerThreshold} (${how}; cross-validation on ${e.heldOut} questions), ${offer}; ` +
      `expected answer ${pct(e.answer)} (precision ${pct(e.precision)}), offer ${pct(e.offer)}, admit ${pct(e.admit)}`
    );
  });
}

/** Locale files: malformed ones (error), KB languages without one and keys missing against en.json (warnings). */
function localeProblems(contentDir: string, languages: readonly string[]): KbProblem[] {
  if (!existsSync(path.join(contentDir, 'locales'))) return [];
  const file = (lang: string) =>
    path.join(path.relative(process.cwd(), contentDir) || '.', 'locales', `${lang}.json`);
  let locales: ReturnType<typeof loadLocales>;
  try {
    locales = loadLocales(contentDir);
  } catch (err) {
    const details = err instanceof AppError ? err.details : [String(err)];
    return details.map((message) => ({
      severity: 'error',
      code: 'locale-invalid',
      file: message.split(':')[0] ?? '',
      line: 1,
      message,
    }));
  }
  const reference = locales['en'] ?? {};
  const problems: KbProblem[] = [];
  for (const lang of languages) {
    const locale = locales[lang];
    if (!locale) {
      problems.push({
        severity: 'warning',
        code: 'locale-missing',
        file: file(lang),
        line: 1,
        message: `no bot and widget strings for "${lang}": English is shown`,
      });
      continue;
    }
    const missing = missingLocaleKeys(reference, locale);
    if (missing.length > 0) {
      problems.push({
        severity: 'warning',
        code: 'locale-key-missing',
        file: file(lang),
        line: 1,
        message: `missing ${missing.join(', ')} (English is shown)`,
      });
    }
  }
  return problems;
}
