import type { Article, Candidate } from './types.js';
import { decide, matchLimit, type PolicySettings } from './policy.js';
import { matcherKey } from './matcher-cache.js';

/** The precision the chosen answer threshold aims at when `config.yml` sets no `targetPrecision`. */
export const defaultTargetPrecision = 0.9;

/** Fewer held-out questions than this in a language: too few to choose from; the process settings apply. */
export const minHeldOut = 20;

/** At most this many folds: each question is held out once, with several per article in a fold. */
export const maxFolds = 3;

/**
 * A language with more questions than this keeps the process threshold: cross-validation would cost
 * several trainings of a large model at load time, and a KB with that many phrasings is the kind the
 * default threshold was calibrated on (CLINC150: 15,000).
 */
export const maxCvQuestions = 2000;

/** The thresholds tried: 0.05, 0.06, …, 0.95. */
const grid = Array.from({ length: 91 }, (_, i) => Math.round((0.05 + i * 0.01) * 100) / 100);

/** What choosing needs besides the articles. */
export interface ChooseOptions {
  /** The answered precision to reach (`targetPrecision` in config.yml, default 0.9). */
  readonly targetPrecision: number;
  /**
   * The lowest threshold it may choose: the process's (ANSWER_THRESHOLD). Held-out questions are all in
   * scope, so the out-of-scope questions a lower threshold would answer are invisible to the check.
   */
  readonly floor: number;
  readonly clarifyMargin: number;
  readonly offerThreshold?: number;
}

/** A matcher trained on some articles, as the chooser needs it (LanguageMatcher.build). */
export type TrainMatcher = (
  lang: string,
  articles: readonly Article[],
) => { match(text: string, limit?: number): Candidate[] };

/** How the bot would fare on the knowledge base's own questions, each held out of training. */
export interface ExpectedRates {
  readonly heldOut: number;
  readonly answer: number;
  readonly offer: number;
  readonly admit: number;
  /** Answered with the question's own article ÷ answered (null: none answered). */
  readonly precision: number | null;
  /** Offered with the question's own article among the offers ÷ held out. */
  readonly offerRecall: number;
}

export interface ChosenThresholds {
  readonly answerThreshold: number;
  /** False when no threshold reached the target: the one with the best precision was taken. */
  readonly reachedTarget: boolean;
  readonly targetPrecision: number;
  readonly expected: ExpectedRates;
}

interface HeldOut {
  readonly expect: string;
  readonly candidates: readonly Candidate[];
}

/**
 * Cross-validation on the KB's own questions: question j of every article goes to fold j mod F
 * (F = min(maxFolds, most questions of an article)); each fold's questions are matched by a matcher trained
 * without them (titles always stay, so every article can still be found). Every question is held out once.
 */
export function heldOutCandidates(
  lang: string,
  articles: readonly Article[],
  train: TrainMatcher,
): HeldOut[] {
  const most = Math.max(0, ...articles.map((a) => a.questions.length));
  const folds = Math.min(maxFolds, most);
  const out: HeldOut[] = [];
  for (let f = 0; f < folds; f++) {
    const inFold = (j: number) => j % folds === f;
    const training = articles.map((a) => ({ ...a, questions: a.questions.filter((_, j) => !inFold(j)) }));
    const matcher = train(lang, training);
    for (const a of articles)
      a.questions.forEach((q, j) => {
        if (inFold(j)) out.push({ expect: a.id, candidates: matcher.match(q, matchLimit) });
      });
  }
  return out;
}

/** What the bot would do with each held-out question under `s`. */
export function expectedRates(heldOut: readonly HeldOut[], s: PolicySettings): ExpectedRates {
  let answered = 0;
  let right = 0;
  let offered = 0;
  let offeredRight = 0;
  for (const h of heldOut) {
    const d = decide(h.candidates, s);
    if (d.kind === 'answer') {
      answered++;
      if (d.candidate.articleId === h.expect) right++;
    } else if (d.kind === 'offer') {
      offered++;
      if (d.options.some((o) => o.articleId === h.expect)) offeredRight++;
    }
  }
  const n = heldOut.length || 1;
  return {
    heldOut: heldOut.length,
    answer: answered / n,
    offer: offered / n,
    admit: (heldOut.length - answered - offered) / n,
    precision: answered === 0 ? null : right / answered,
    offerRecall: offeredRight / n,
  };
}

/**
 * The lowest answer threshold (of 0.05, 0.06, …, 0.95, not below `floor`) whose answered precision on the
 * held-out questions reaches `targetPrecision`; when none does, the one with the best precision. Undefined
 * with fewer than `minHeldOut` held-out questions. The offer threshold is not chosen here: held-out
 * questions are all in scope, so they cannot tell a useful offer from noise (see `defaultOfferThreshold`).
 */
export function chooseThresholds(
  heldOut: readonly HeldOut[],
  targetPrecision: number,
  base: Omit<PolicySettings, 'answerThreshold'>,
  floor = 0,
): ChosenThresholds | undefined {
  if (heldOut.length < minHeldOut) return undefined;
  let best: { t: number; precision: number } | null = null;
  for (const t of grid.filter((g) => g >= floor - 1e-9)) {
    const rates = expectedRates(heldOut, { ...base, answerThreshold: t });
    if (rates.precision === null) continue;
    if (rates.precision >= targetPrecision)
      return { answerThreshold: t, reachedTarget: true, targetPrecision, expected: rates };
    if (!best || rates.precision > best.precision) best = { t, precision: rates.precision };
  }
  const t = best?.t ?? grid[grid.length - 1] ?? 0.95;
  return {
    answerThreshold: t,
    reachedTarget: false,
    targetPrecision,
    expected: expectedRates(heldOut, { ...base, answerThreshold: t }),
  };
}

const cache = new Map<string, ChosenThresholds | undefined>();
const cacheCapacity = 32;

/**
 * The thresholds for one language of a KB (`chooseThresholds` over `heldOutCandidates`), undefined when the
 * language has too few or too many questions (`minHeldOut`, `maxCvQuestions`).
 * Deterministic, so cached by the articles and the options: a reload that changed another language, or a
 * second build in the same process, does not train again.
 */
export function thresholdsFor(
  lang: string,
  articles: readonly Article[],
  options: ChooseOptions,
  train: TrainMatcher,
): ChosenThresholds | undefined {
  const questions = articles.reduce((n, a) => n + a.questions.length, 0);
  if (questions < minHeldOut || questions > maxCvQuestions) return undefined;
  const key = `${matcherKey(lang, articles)}:${JSON.stringify(options)}`;
  if (cache.has(key)) return cache.get(key);
  const { targetPrecision, floor, clarifyMargin, offerThreshold } = options;
  const base = { clarifyMargin, ...(offerThreshold === undefined ? {} : { offerThreshold }) };
  const chosen = chooseThresholds(heldOutCandidates(lang, articles, train), targetPrecision, base, floor);
  cache.set(key, chosen);
  for (const oldest of cache.keys()) {
    if (cache.size <= cacheCapacity) break;
    cache.delete(oldest);
  }
  return chosen;
}
