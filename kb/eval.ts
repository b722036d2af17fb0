import { decide, type PolicySettings } from './policy.js';
import { matchLimit } from './policy.js';
import type { Candidate } from './types.js';
import type { EvalCase } from './eval-cases.js';
import { percentile } from '../common/percentile.js';

/** What `evaluate` needs of an index: the bot's own `match`, and its training time when it has one. */
export interface EvalIndex {
  match(text: string, lang: string, limit: number): Promise<readonly Candidate[]>;
  readonly stats?: { readonly trainMs: number };
}

/** A share with its counts; `value` is null when there is nothing to divide by. */
export interface Ratio {
  readonly hits: number;
  readonly total: number;
  readonly value: number | null;
}

export interface ReliabilityBucket {
  /** The bucket holds top confidences in [from, to); the last one also holds 1. */
  readonly from: number;
  readonly to: number;
  readonly count: number;
  /** Cases whose top candidate is the expected article. */
  readonly right: number;
  readonly accuracy: number | null;
  readonly meanConfidence: number | null;
}

export interface Confusion {
  readonly lang: string;
  readonly expected: string;
  readonly answered: string;
  readonly count: number;
}

export interface EvalResult {
  readonly cases: number;
  readonly inScope: number;
  readonly outOfScope: number;
  readonly settings: PolicySettings;
  readonly inScopeAccuracy: Ratio;
  readonly oosRecall: Ratio;
  readonly oosPrecision: Ratio;
  readonly answeredAccuracy: Ratio;
  /** Cases offered articles ("These articles may help:"), which replaced "Did you mean …?". */
  readonly clarifyRate: Ratio;
  /** What visitors experience, over all cases (see `evaluate`). */
  readonly outcomes: Outcomes;
  /** The same per language of the cases, with the language's in-scope accuracy and oosRecall. */
  readonly byLang: Readonly<
    Record<
      string,
      Outcomes & {
        readonly inScopeAccuracy: Ratio;
        readonly oosRecall: Ratio;
        readonly answerThreshold: number;
      }
    >
  >;
  /** In-scope accuracy per language of the cases, languages sorted. */
  readonly perLang: ReadonlyArray<{ readonly lang: string; readonly accuracy: Ratio }>;
  /** The most frequent wrong answers (at most 10). */
  readonly confusions: readonly Confusion[];
  /** Ten buckets of the top candidate's confidence: 0–0.1, 0.1–0.2, …, 0.9–1.0. */
  readonly reliability: readonly ReliabilityBucket[];
  readonly ece: number;
  readonly trainMs: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/** Issue #17's figures: what a visitor gets. */
export interface Outcomes {
  readonly top1: Ratio;
  readonly top3: Ratio;
  readonly answerPrecision: Ratio;
  readonly offerRecall: Ratio;
  readonly resolvedRate: Ratio;
  readonly wrongAnswerRate: Ratio;
  /** Out-of-scope cases offered articles ÷ out-of-scope cases: what an offer rule costs. */
  readonly oosOfferRate: Ratio;
}

/** Counts behind `Outcomes`, for all cases or one language. */
class Tally {
  n = 0;
  inScope = 0;
  outOfScope = 0;
  top1 = 0;
  top3 = 0;
  answered = 0;
  answeredRight = 0;
  offeredRight = 0;
  oosCaught = 0;
  oosOffered = 0;

  add(expect: string | null, ranked: readonly string[], answer: string | null, offered: readonly string[]) {
    this.n++;
    if (answer !== null) this.answered++;
    if (expect === null) {
      this.outOfScope++;
      if (answer === null) this.oosCaught++;
      if (offered.length > 0) this.oosOffered++;
      return;
    }
    this.inScope++;
    if (ranked[0] === expect) this.top1++;
    if (ranked.slice(0, 3).includes(expect)) this.top3++;
    if (answer === expect) this.answeredRight++;
    if (offered.includes(expect)) this.offeredRight++;
  }

  outcomes(): Outcomes {
    return {
      top1: ratio(this.top1, this.inScope),
      top3: ratio(this.top3, this.inScope),
      answerPrecision: ratio(this.answeredRight, this.answered),
      offerRecall: ratio(this.offeredRight, this.inScope),
      resolvedRate: ratio(this.answeredRight + this.offeredRight, this.inScope),
      wrongAnswerRate: ratio(this.answered - this.answeredRight, this.n),
      oosOfferRate: ratio(this.oosOffered, this.outOfScope),
    };
  }
}

export interface EvalOptions {
  /** Milliseconds clock for the query latency (tests pass a fake one). */
  readonly clock?: () => number;
  /** The settings for a case's language, as the bot has them (thresholds chosen per language); else `settings`. */
  readonly settingsFor?: (lang: string) => PolicySettings;
}

export const confusionsShown = 10;
const bucketCount = 10;

/**
 * Runs every case through the same steps as the bot's answer step — `index.match(text, lang, 5)` then
 * `decide(candidates, settings)` — one query at a time, and measures:
 *
 * - N cases; S = in scope (`expect` is an id), O = out of scope (`expect: null`).
 *   A case is *answered* when the decision is `answer` (not `clarify`, not `unresolved`).
 * - inScopeAccuracy  = |{i ∈ S : answered with expect_i}| / |S|
 * - oosRecall        = |{i ∈ O : not answered}| / |O|                       (null when O is empty)
 * - oosPrecision     = |{i ∈ O : not answered}| / |{i : not answered}|      (null when O is empty or every case was answered)
 * - answeredAccuracy = |{i ∈ S : answered with expect_i}| / |{i : answered}| (an answered O case is wrong)
 * - clarifyRate      = |{i : decision is offer}| / N  (the offer replaced "Did you mean …?")
 * - top1             = |{i ∈ S : the first candidate is expect_i}| / |S|
 * - top3             = |{i ∈ S : expect_i is among the first three candidates}| / |S|
 * - answerPrecision  = answeredAccuracy (answered right ÷ answered; an answered O case is wrong)
 * - offerRecall      = |{i ∈ S : offered, with expect_i among the offered articles}| / |S|
 * - resolvedRate     = |{i ∈ S : answered with expect_i, or offered with expect_i among the offers}| / |S|
 * - wrongAnswerRate  = |{i : answered, not with expect_i}| / N  (an answered O case counts)
 * - oosOfferRate     = |{i ∈ O : offered}| / |O|  (null when O is empty; oosRecall counts these as caught)
 * - byLang[l]        = the seven above, inScopeAccuracy and oosRecall over the cases of language l
 * - perLang[l]       = inScopeAccuracy over the cases of language l (null when l has only O cases)
 * - confusions: in-scope cases answered with another article, counted per (lang, expected → answered).
 * - reliability: c_i = the top candidate's confidence (0 when there is none); bucket k = min(9, ⌊10·c_i⌋).
 *   A case is *right* when its top candidate is expect_i (never for an O case), whatever the decision.
 *   Per bucket B: accuracy(B) = right / |B|, conf(B) = mean c_i.
 *   ECE = Σ_B (|B| / N) · |accuracy(B) − conf(B)|.
 * - latency: each `match` call is timed; pXX = the nearest-rank percentile, sorted[⌈XX/100 · N⌉ − 1].
 *
 * Every ratio is null when its denominator is 0.
 */
export async function evaluate(
  index: EvalIndex,
  cases: ReadonlyArray<Pick<EvalCase, 'text' | 'lang' | 'expect'>>,
  settings: PolicySettings,
  options: EvalOptions = {},
): Promise<EvalResult> {
  const clock = options.clock ?? (() => performance.now());
  const times: number[] = [];
  const tops: Array<{ confidence: number; right: boolean }> = [];
  const confusions = new Map<string, Confusion>();
  const langs = new Map<string, { hits: number; total: number }>();
  let inScope = 0;
  let correct = 0;
  let answered = 0;
  let oosCaught = 0;
  let unanswered = 0;
  let clarified = 0;
  const all = new Tally();
  const tallies = new Map<string, Tally>();

  for (const c of cases) {
    const started = clock();
    const candidates = await index.match(c.text, c.lang, matchLimit);
    times.push(clock() - started);
    const top = candidates[0];
    tops.push({ confidence: top?.confidence ?? 0, right: c.expect !== null && top?.articleId === c.expect });
    const decision = decide(candidates, options.settingsFor?.(c.lang) ?? settings);
    const answer = decision.kind === 'answer' ? decision.candidate.articleId : null;
    const offered = decision.kind === 'offer' ? decision.options.map((o) => o.articleId) : [];
    if (decision.kind === 'offer') clarified++;
    if (answer === null) unanswered++;
    else answered++;
    const ranked = candidates.map((x) => x.articleId);
    all.add(c.expect, ranked, answer, offered);
    const tally = tallies.get(c.lang) ?? new Tally();
    tallies.set(c.lang, tally);
    tally.add(c.expect, ranked, answer, offered);

    const lang = langs.get(c.lang) ?? { hits: 0, total: 0 };
    langs.set(c.lang, lang);
    if (c.expect === null) {
      if (answer === null) oosCaught++;
      continue;
    }
    inScope++;
    lang.total++;
    if (answer === c.expect) {
      correct++;
      lang.hits++;
    } else if (answer !== null) {
      const key = JSON.stringify([c.lang, c.expect, answer]);
      const seen = confusions.get(key);
      const count = (seen?.count ?? 0) + 1;
      confusions.set(key, { lang: c.lang, expected: c.expect, answered: answer, count });
    }
  }

  const n = cases.length;
  const outOfScope = n - inScope;
  const reliability = buckets(tops);
  const ece = reliability.reduce(
    (sum, b) =>
      b.accuracy === null || b.meanConfidence === null
        ? sum
        : sum + (b.count / n) * Math.abs(b.accuracy - b.meanConfidence),
    0,
  );
  times.sort((a, b) => a - b);
  return {
    cases: n,
    inScope,
    outOfScope,
    settings,
    inScopeAccuracy: ratio(correct, inScope),
    oosRecall: ratio(oosCaught, outOfScope),
    oosPrecision: outOfScope === 0 ? ratio(0, 0) : ratio(oosCaught, unanswered),
    answeredAccuracy: ratio(correct, answered),
    clarifyRate: ratio(clarified, n),
    outcomes: all.outcomes(),
    byLang: Object.fromEntries(
      [...tallies.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([lang, t]) => [
          lang,
          {
            ...t.outcomes(),
            inScopeAccuracy: ratio(t.answeredRight, t.inScope),
            oosRecall: ratio(t.oosCaught, t.outOfScope),
            answerThreshold: (options.settingsFor?.(lang) ?? settings).answerThreshold,
          },
        ]),
    ),
    perLang: [...langs.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([lang, r]) => ({ lang, accuracy: ratio(r.hits, r.total) })),
    confusions: [...confusions.values()].sort(byCountThenName).slice(0, confusionsShown),
    reliability,
    ece,
    trainMs: index.stats?.trainMs ?? 0,
    p50Ms: percentile(times, 0.5),
    p99Ms: percentile(times, 0.99),
  };
}

function ratio(hits: number, total: number): Ratio {
  return { hits, total, value: total === 0 ? null : hits / total };
}

function buckets(tops: ReadonlyArray<{ confidence: number; right: boolean }>): ReliabilityBucket[] {
  const sums = Array.from({ length: bucketCount }, () => ({ count: 0, right: 0, confidence: 0 }));
  for (const t of tops) {
    // The epsilon keeps a computed 0.7 that came out as 0.69999… in the 0.7–0.8 bucket.
    const k = Math.max(0, Math.min(bucketCount - 1, Math.floor(t.confidence * bucketCount + 1e-9)));
    const s = sums[k];
    if (!s) continue;
    s.count++;
    s.confidence += t.confidence;
    if (t.right) s.right++;
  }
  return sums.map((s, k) => ({
    from: k / bucketCount,
    to: (k + 1) / bucketCount,
    count: s.count,
    right: s.right,
    accuracy: s.count === 0 ? null : s.right / s.count,
    meanConfidence: s.count === 0 ? null : s.confidence / s.count,
  }));
}

function byCountThenName(a: Confusion, b: Confusion): number {
  const name = (c: Confusion) => `${c.lang}\u0000${c.expected}\u0000${c.answered}`;
  return b.count - a.count || (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0);
}
