import { z } from 'zod';
import { AppError } from '../common/errors.js';

/** One line of a `kb eval` cases file: a question, its language, and the article that answers it. */
export interface EvalCase {
  /** 1-based line in the cases file. */
  readonly line: number;
  readonly text: string;
  readonly lang: string;
  /** The article id that answers it, or null when it is out of scope (the bot must not answer). */
  readonly expect: string | null;
}

const caseSchema = z.object({
  text: z.string({ error: '"text" must be a string' }).trim().min(1, '"text" must not be empty'),
  lang: z.string({ error: '"lang" must be a language code (a string)' }).min(1, '"lang" must not be empty'),
  expect: z.union([z.string().min(1), z.null()], {
    error: '"expect" must be an article id (a non-empty string) or null',
  }),
});

const caseKeys = Object.keys(caseSchema.shape);

/** At most this many lines are listed in one error; the message gives the total. */
const maxListed = 20;

function fail(message: string, details: readonly string[]): never {
  const listed = details.slice(0, maxListed);
  if (details.length > maxListed) listed.push(`… and ${details.length - maxListed} more`);
  throw new AppError('CASES_INVALID', message, listed);
}

/**
 * Parses a JSON Lines cases file (blank lines are skipped). Any malformed line makes the whole file
 * invalid: throws AppError CASES_INVALID listing every bad line by number, so nothing is half-evaluated.
 */
export function parseCases(file: string, source: string): EvalCase[] {
  const cases: EvalCase[] = [];
  const bad: string[] = [];
  source
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((text, i) => {
      const line = i + 1;
      if (text.trim() === '') return;
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch (err) {
        bad.push(`line ${line}: not valid JSON (${(err as Error).message})`);
        return;
      }
      if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
        bad.push(`line ${line}: expected an object {"text", "lang", "expect"}`);
        return;
      }
      const missing = caseKeys.filter((key) => !(key in raw));
      if (missing.length > 0) {
        bad.push(`line ${line}: missing ${missing.map((k) => `"${k}"`).join(', ')}`);
        return;
      }
      const parsed = caseSchema.safeParse(raw);
      if (!parsed.success) {
        bad.push(`line ${line}: ${[...new Set(parsed.error.issues.map((i) => i.message))].join('; ')}`);
        return;
      }
      cases.push({ line, ...parsed.data });
    });
  if (bad.length > 0) fail(`${file}: ${bad.length} malformed line(s); nothing was evaluated`, bad);
  if (cases.length === 0) fail(`${file}: no cases (expected one JSON object per line)`, []);
  return cases;
}

/** What the check needs of the knowledge base. */
export interface CaseTargets {
  languages(): readonly string[];
  article(id: string, lang: string): unknown;
}

/**
 * Every case's language must have articles and every `expect` must name an article of that language;
 * otherwise throws AppError CASES_INVALID listing the offending lines (an empty KB is KB_EMPTY).
 */
export function checkCaseTargets(file: string, cases: readonly EvalCase[], kb: CaseTargets): void {
  const languages = kb.languages();
  if (languages.length === 0)
    throw new AppError('KB_EMPTY', 'The knowledge base has no articles: there is nothing to evaluate.');
  const has = `(the knowledge base has: ${languages.join(', ')})`;
  const noLang = cases.filter((c) => !languages.includes(c.lang));
  if (noLang.length > 0)
    fail(
      `${file}: ${noLang.length} case(s) in a language with no articles ${has}`,
      noLang.map((c) => `line ${c.line}: no articles in "${c.lang}"`),
    );
  const unknown = cases.filter((c) => c.expect !== null && kb.article(c.expect, c.lang) === undefined);
  if (unknown.length > 0) {
    const ids = [...new Set(unknown.map((c) => `"${c.expect ?? ''}" (${c.lang})`))];
    fail(
      `${file}: unknown article id(s) in "expect": ${ids.join(', ')}`,
      unknown.map((c) => `line ${c.line}: no article "${c.expect ?? ''}" in ${c.lang}`),
    );
  }
}
