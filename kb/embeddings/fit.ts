import type { Article, Candidate } from '../types.js';
import { LanguageMatcher } from '../matcher.js';
import { maxCvQuestions, maxFolds } from '../thresholds.js';
import { combine, fitCombiner, type CombinerSample, type SemanticCoefficients } from './combiner.js';
import { semanticEvidence, type SemanticEvidence, type SemanticIndex } from './semantic-index.js';

/** Fewer questions than this in a language: the combiner keeps the identity (the lexical confidence). */
export const minFitQuestions = 10;

/** The articles the semantic engine adds to the lexical matcher's pool: its best few. */
export const semanticPool = 3;

const none: SemanticEvidence = { sem: 0, semGap: 0 };

/** The share of the fit's weight on simulated out-of-scope questions (as bench/calibrate.ts). */
const oosShare = 0.25;

interface HeldOutCandidate {
  readonly articleId: string;
  readonly lexical: number;
  readonly e: SemanticEvidence;
}

/** A held-out question's candidates, with and without its own article (the simulated out-of-scope case). */
interface HeldOut {
  readonly expect: string;
  readonly candidates: readonly HeldOutCandidate[];
  readonly without: readonly HeldOutCandidate[];
}

export interface FittedCombiner {
  readonly coefficients: SemanticCoefficients;
  /** The held-out questions' candidates under the fitted combiner (to choose the answer threshold). */
  readonly heldOut: ReadonlyArray<{ readonly expect: string; readonly candidates: readonly Candidate[] }>;
}

/**
 * Fits the combiner (kb/embeddings/combiner.ts) on the knowledge base's own questions by cross-validation,
 * as kb/thresholds.ts chooses thresholds: question j of every article goes to fold j mod F; each fold's
 * questions are matched by a lexical matcher trained without them and compared with the other texts' vectors
 * only. Each held-out question is also matched with its own article removed (its candidates all wrong): the
 * out-of-scope questions a help center gets, which the fit must not answer. (The removed article's classifier
 * share stays with the fold's matcher: an approximation that spares a training per article.)
 * Undefined below `minFitQuestions` or above kb/thresholds.ts's `maxCvQuestions` questions.
 */
export function fitForLanguage(lang: string, semantic: SemanticIndex): FittedCombiner | undefined {
  const articles = semantic.articles;
  const questions = articles.reduce((n, a) => n + a.questions.length, 0);
  if (questions < minFitQuestions || questions > maxCvQuestions) return undefined;
  const heldOut = heldOutSemantic(lang, articles, semantic);
  if (heldOut.length === 0) return undefined;
  const samples: CombinerSample[] = [];
  const perQuestion = 1 / heldOut.length;
  for (const h of heldOut) {
    for (const c of h.candidates)
      samples.push({
        lexical: c.lexical,
        e: c.e,
        right: c.articleId === h.expect,
        weight: (1 - oosShare) * perQuestion,
      });
    for (const c of h.without)
      samples.push({ lexical: c.lexical, e: c.e, right: false, weight: oosShare * perQuestion });
  }
  const coefficients = fitCombiner(samples);
  return {
    coefficients,
    heldOut: heldOut.map((h) => ({
      expect: h.expect,
      candidates: ranked(h.candidates, coefficients, articles),
    })),
  };
}

function ranked(
  candidates: readonly HeldOutCandidate[],
  w: SemanticCoefficients,
  articles: readonly Article[],
): Candidate[] {
  const title = new Map(articles.map((a) => [a.id, a.title]));
  return candidates
    .map((c) => ({
      articleId: c.articleId,
      title: title.get(c.articleId) ?? c.articleId,
      confidence: combine(c.lexical, c.e, w),
    }))
    .sort((a, b) => b.confidence - a.confidence || a.articleId.localeCompare(b.articleId))
    .slice(0, 5);
}

function heldOutSemantic(lang: string, articles: readonly Article[], semantic: SemanticIndex): HeldOut[] {
  const most = Math.max(0, ...articles.map((a) => a.questions.length));
  const folds = Math.min(maxFolds, most);
  const out: HeldOut[] = [];
  // One fold only: a training per language (this runs on the server's thread), a third of the questions.
  for (let f = 0; f < Math.min(1, folds); f++) {
    const inFold = (j: number) => j >= 0 && j % folds === f;
    const training = articles.map((a) => ({ ...a, questions: a.questions.filter((_, j) => !inFold(j)) }));
    const matcher = LanguageMatcher.build(lang, training);
    articles.forEach((a, i) => {
      a.questions.forEach((q, j) => {
        const qv = semantic.vectorOf(i, j);
        if (!inFold(j) || !qv) return;
        const best = semantic.best(qv, (t) => !inFold(t.question));
        const removed = Float64Array.from(best, (s, k) => (k === i ? -1 : s));
        const both = candidatesFor(matcher, q, [best, removed], articles);
        out.push({
          expect: a.id,
          candidates: both.map((c) => ({ articleId: c.articleId, lexical: c.lexical, e: c.e[0] ?? none })),
          without: both
            .filter((c) => c.articleId !== a.id)
            .map((c) => ({ articleId: c.articleId, lexical: c.lexical, e: c.e[1] ?? none })),
        });
      });
    });
  }
  return out;
}

/**
 * The lexical candidates plus the semantic engine's best under each of `bests` (per-article cosines), with
 * the lexical confidence and, per entry of `bests`, the semantic evidence.
 */
export function candidatesFor(
  matcher: LanguageMatcher,
  text: string,
  bests: readonly Float64Array[],
  articles: readonly Article[],
  limit = 5,
): Array<{ articleId: string; lexical: number; e: SemanticEvidence[] }> {
  const include = new Set<string>();
  const evidence = bests.map((best) => {
    const { evidence: e, ranked: order } = semanticEvidence(best);
    for (const k of order.slice(0, semanticPool))
      if ((best[k] as number) > -1) include.add(articles[k]?.id ?? '');
    return e;
  });
  const index = new Map(articles.map((a, k) => [a.id, k]));
  return matcher.score(text, limit + include.size, [...include]).map((s) => ({
    articleId: s.articleId,
    lexical: s.confidence,
    e: evidence.map((e) => e[index.get(s.articleId) ?? -1] ?? { sem: 0, semGap: 0 }),
  }));
}
