import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadKb, hasErrors, type LoadedKb } from '../../kb/load.js';
import { defaultTargetPrecision } from '../../kb/thresholds.js';
import { KnowledgeBaseIndex } from '../../kb/knowledge-base.js';
import { formatProblem } from '../../kb/types.js';
import { confusionProblems } from '../../kb/confusion.js';
import { missingLocaleKeys, missingTranslations } from '../../kb/translations.js';
import { AppError } from '../../common/errors.js';
import { loadLocales } from '../locales.js';
import type { KbProblem } from '../../kb/types.js';
import { decide, defaultOfferThreshold, effectiveSettings, type PolicySettings } from '../../kb/policy.js';
import { pickLanguage } from '../../bot/steps/detect-language.js';
import { matchLimit } from '../../kb/policy.js';
import type { Output } from './output.js';

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
      return `thresholds ${lang}: answer ${s.answerThreshold} (environment or default: too few or too many questions to choose), ${offer}`;
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

/**
 * `frontdesk kb ask`: the top candidates with their confidence, and what the bot would do with the
 * settings in force (the KB's `config.yml` over the process configuration `settings`).
 */
export async function kbAsk(
  contentDir: string,
  question: string,
  lang: string | undefined,
  settings: PolicySettings & { defaultLang: string; readonly kbChooseThresholds?: boolean },
  out: Output,
): Promise<number> {
  const loaded = await loadKb(contentDir);
  const kb = await KnowledgeBaseIndex.build(
    loaded,
    settings.kbChooseThresholds ? { thresholds: { base: settings } } : {},
  );
  const language = lang ?? pickLanguage(kb.languages(), [], settings.defaultLang);
  if (!kb.languages().includes(language)) {
    out.error(
      `The knowledge base has no articles in "${language}" (it has: ${kb.languages().join(', ') || 'none'}).`,
    );
    return 2;
  }
  const candidates = await kb.match(question, language, matchLimit);
  if (candidates.length === 0) out.line('(no candidate)');
  candidates.forEach((c, i) => out.line(`${i + 1}. ${c.confidence.toFixed(3)}  ${c.articleId}  ${c.title}`));
  const policy = effectiveSettings(settings, loaded.settings, kb.chosenSettings(language));
  const d = decide(candidates, policy);
  const verdict =
    d.kind === 'answer'
      ? `answer with "${d.candidate.articleId}"`
      : d.kind === 'offer'
        ? `offer ${d.options.map((o) => `"${o.articleId}"`).join(', ')} and "None of these"`
        : 'not answer (low confidence): ask to rephrase and log it as unresolved';
  out.line(`decision (threshold ${policy.answerThreshold}, margin ${policy.clarifyMargin}): ${verdict}`);
  return 0;
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
