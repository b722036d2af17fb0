import { describe, expect, it } from '@jest/globals';
import { evaluate, type EvalIndex } from './eval.js';
import { evalJson, formatEvalReport } from './eval-report.js';
import type { Candidate } from './types.js';

/** threshold 0.5 → a candidate is plausible from 0.3; margin 0.1. */
const settings = { answerThreshold: 0.5, clarifyMargin: 0.1 };

const c = (articleId: string, confidence: number): Candidate => ({ articleId, title: articleId, confidence });

interface Row {
  readonly text: string;
  readonly lang: string;
  readonly expect: string | null;
  readonly candidates: Candidate[];
  /** How long the fake match takes, ms. */
  readonly ms: number;
}

// Hand-worked outcomes (decision, top right?, bucket):
const rows: Row[] = [
  { text: 'q1', lang: 'en', expect: 'a', candidates: [c('a', 0.95)], ms: 5 }, // answer a ✓, right, b9
  { text: 'q2', lang: 'en', expect: 'a', candidates: [c('a', 0.72), c('b', 0.2)], ms: 1 }, // answer a ✓, right, b7
  { text: 'q3', lang: 'en', expect: 'b', candidates: [c('a', 0.65), c('b', 0.3)], ms: 2 }, // answer a ✗ (b→a), b6
  { text: 'q4', lang: 'en', expect: 'b', candidates: [c('c', 0.55), c('b', 0.5)], ms: 3 }, // tie: offer c, b ✓, b5
  { text: 'q5', lang: 'en', expect: 'c', candidates: [c('c', 0.42)], ms: 4 }, // offer c ✓ (≥ 0.33), right, b4
  { text: 'q6', lang: 'en', expect: null, candidates: [], ms: 6 }, // unresolved: OOS caught, conf 0, b0
  { text: 'q7', lang: 'en', expect: null, candidates: [c('b', 0.81)], ms: 7 }, // answer b: OOS missed, b8
  { text: 'q8', lang: 'fi', expect: 'a', candidates: [c('a', 0.5)], ms: 8 }, // answer a ✓ (at threshold), right, b5
  { text: 'q9', lang: 'fi', expect: 'b', candidates: [c('a', 0.6)], ms: 9 }, // answer a ✗ (fi b→a), b6
  { text: 'q10', lang: 'fi', expect: null, candidates: [c('c', 0.15), c('a', 0.1)], ms: 10 }, // 0.25 < 0.33: unresolved, caught, b1
  { text: 'q11', lang: 'en', expect: 'b', candidates: [c('a', 0.7)], ms: 100 }, // answer a ✗ (b→a), b7
];

/** An index implementing just `match`, over `rows`, whose queries advance a fake clock. */
function syntheticIndex(table: readonly Row[], trainMs?: number) {
  const clock = { now: 0 };
  const calls: Array<[string, string, number]> = [];
  const index: EvalIndex = {
    match: async (text, lang, limit) => {
      calls.push([text, lang, limit]);
      const row = table.find((r) => r.text === text && r.lang === lang);
      clock.now += row?.ms ?? 0;
      return row?.candidates ?? [];
    },
    ...(trainMs === undefined ? {} : { stats: { trainMs } }),
  };
  return { index, calls, clock: () => clock.now };
}

async function run(table: readonly Row[] = rows, trainMs = 42) {
  const { index, calls, clock } = syntheticIndex(table, trainMs);
  const result = await evaluate(index, table, settings, { clock });
  return { result, calls };
}

describe('evaluate', () => {
  it('asks the index like the bot does: every case in order, 5 candidates', async () => {
    const { calls } = await run();
    expect(calls).toEqual(rows.map((r) => [r.text, r.lang, 5]));
  });

  it('computes the headline figures from the decisions', async () => {
    const { result } = await run();
    expect(result).toMatchObject({ cases: 11, inScope: 8, outOfScope: 3, settings, trainMs: 42 });
    // in scope: q1, q2, q8 answered right of 8
    expect(result.inScopeAccuracy).toEqual({ hits: 3, total: 8, value: 3 / 8 });
    // out of scope caught: q6, q10 of q6, q7, q10
    expect(result.oosRecall).toEqual({ hits: 2, total: 3, value: 2 / 3 });
    // not answered: q4 (offer), q5 (offer), q6, q10; of them out of scope: q6, q10
    expect(result.oosPrecision).toEqual({ hits: 2, total: 4, value: 0.5 });
    // answered: q1, q2, q3, q7, q8, q9, q11; right: q1, q2, q8
    expect(result.answeredAccuracy).toEqual({ hits: 3, total: 7, value: 3 / 7 });
    expect(result.clarifyRate).toEqual({ hits: 2, total: 11, value: 2 / 11 });
    expect(result.perLang).toEqual([
      { lang: 'en', accuracy: { hits: 2, total: 6, value: 2 / 6 } },
      { lang: 'fi', accuracy: { hits: 1, total: 2, value: 0.5 } },
    ]);
  });

  it('measures what visitors get: top-1/3, answer precision, offers, resolved and wrong answers', async () => {
    const { result } = await run();
    const r = (hits: number, total: number) => ({ hits, total, value: hits / total });
    // top-1: q1 q2 q5 q8; top-3 adds q3 q4; offered right: q4 q5; answered wrong: q3 q7 q9 q11
    expect(result.outcomes).toEqual({
      top1: r(4, 8),
      top3: r(6, 8),
      answerPrecision: r(3, 7),
      offerRecall: r(2, 8),
      resolvedRate: r(5, 8),
      wrongAnswerRate: r(4, 11),
      oosOfferRate: r(0, 3),
    });
    expect(result.byLang['en']).toEqual({
      top1: r(3, 6),
      top3: r(5, 6),
      answerPrecision: r(2, 5),
      offerRecall: r(2, 6),
      resolvedRate: r(4, 6),
      wrongAnswerRate: r(3, 8),
      oosOfferRate: r(0, 2),
      inScopeAccuracy: r(2, 6),
      oosRecall: r(1, 2),
      answerThreshold: 0.5,
    });
    expect(result.byLang['fi']).toEqual({
      top1: r(1, 2),
      top3: r(1, 2),
      answerPrecision: r(1, 2),
      offerRecall: r(0, 2),
      resolvedRate: r(1, 2),
      wrongAnswerRate: r(1, 3),
      oosOfferRate: r(0, 1),
      inScopeAccuracy: r(1, 2),
      oosRecall: r(1, 1),
      answerThreshold: 0.5,
    });
  });

  it('counts the out-of-scope cases offered articles: caught (not answered), but offered', async () => {
    const oos: Row[] = [
      { text: 'o1', lang: 'en', expect: null, candidates: [c('a', 0.25), c('b', 0.1)], ms: 1 }, // 0.35: offer
      { text: 'o2', lang: 'en', expect: null, candidates: [c('a', 0.1), c('b', 0.05)], ms: 1 }, // 0.15: admit
      { text: 'o3', lang: 'en', expect: null, candidates: [c('a', 0.9)], ms: 1 }, // answer
    ];
    const { result } = await run(oos);
    expect(result.outcomes.oosOfferRate).toEqual({ hits: 1, total: 3, value: 1 / 3 });
    expect(result.oosRecall).toEqual({ hits: 2, total: 3, value: 2 / 3 });
    expect(result.byLang['en']?.oosOfferRate).toEqual({ hits: 1, total: 3, value: 1 / 3 });
    expect(JSON.parse(evalJson(result))).toMatchObject({ oosOfferRate: 0.3333 });
  });

  it("decides each case with its language's settings when given them", async () => {
    const { index } = syntheticIndex(rows);
    // fi at 0.7: q8 (0.5) and q9 (0.6) are no longer answered; en keeps 0.5.
    const perLang = (lang: string) => (lang === 'fi' ? { ...settings, answerThreshold: 0.7 } : settings);
    const result = await evaluate(index, rows, settings, { settingsFor: perLang });
    expect(result.byLang['fi']).toMatchObject({ answerThreshold: 0.7, answerPrecision: { total: 0 } });
    expect(result.byLang['en']?.answerThreshold).toBe(0.5);
    expect(result.inScopeAccuracy).toEqual({ hits: 2, total: 8, value: 2 / 8 });
  });

  it('counts wrong answers per (language, expected → answered), most frequent first', async () => {
    const { result } = await run();
    expect(result.confusions).toEqual([
      { lang: 'en', expected: 'b', answered: 'a', count: 2 },
      { lang: 'fi', expected: 'b', answered: 'a', count: 1 },
    ]);
  });

  it('keeps only the 10 most frequent confusions', async () => {
    const many: Row[] = Array.from({ length: 12 }, (_, i) => ({
      text: `m${i}`,
      lang: 'en',
      expect: `e${String(i).padStart(2, '0')}`,
      candidates: [c('x', 0.9)],
      ms: 1,
    }));
    many.push({ ...many[11], text: 'm11-again' } as Row);
    const { result } = await run(many);
    expect(result.confusions).toHaveLength(10);
    expect(result.confusions[0]).toEqual({ lang: 'en', expected: 'e11', answered: 'x', count: 2 });
    expect(result.confusions.slice(1).map((x) => x.expected)).toEqual([
      'e00',
      'e01',
      'e02',
      'e03',
      'e04',
      'e05',
      'e06',
      'e07',
      'e08',
    ]);
  });

  it('buckets the top confidence of every case and computes the ECE', async () => {
    const { result } = await run();
    const b = result.reliability;
    expect(b.map((x) => [x.from, x.to])).toEqual(
      Array.from({ length: 10 }, (_, k) => [k / 10, (k + 1) / 10]),
    );
    expect(b.map((x) => x.count)).toEqual([1, 1, 0, 0, 1, 2, 2, 2, 1, 1]);
    expect(b.map((x) => x.right)).toEqual([0, 0, 0, 0, 1, 1, 0, 1, 0, 1]);
    expect(b.map((x) => x.accuracy)).toEqual([0, 0, null, null, 1, 0.5, 0, 0.5, 0, 1]);
    const means = b.map((x) => x.meanConfidence);
    expect(means[2]).toBeNull();
    expect(means[3]).toBeNull();
    const expected = [0, 0.15, null, null, 0.42, 0.525, 0.625, 0.71, 0.81, 0.95];
    expected.forEach((m, k) => m !== null && expect(means[k]).toBeCloseTo(m, 10));
    // ECE = (1·0 + 1·0.15 + 1·0.58 + 2·0.025 + 2·0.625 + 2·0.21 + 1·0.81 + 1·0.05) / 11 = 3.31 / 11
    expect(result.ece).toBeCloseTo(3.31 / 11, 10);
  });

  it('never counts an out-of-scope top candidate as right', async () => {
    const { result } = await run([
      { text: 'x', lang: 'en', expect: null, candidates: [c('a', 0.95)], ms: 1 },
    ]);
    expect(result.reliability[9]).toMatchObject({ count: 1, right: 0, accuracy: 0 });
    expect(result.ece).toBeCloseTo(0.95, 10);
  });

  it('reports nearest-rank p50 and p99 of the query times', async () => {
    const { result } = await run();
    // sorted: 1 2 3 4 5 6 7 8 9 10 100 → p50 = 6th of 11, p99 = 11th
    expect(result.p50Ms).toBe(6);
    expect(result.p99Ms).toBe(100);
  });

  it('gives null out-of-scope figures without out-of-scope cases, and trainMs 0 without stats', async () => {
    const inScope = rows.filter((r) => r.expect !== null);
    const { index } = syntheticIndex(inScope);
    const result = await evaluate(index, inScope, settings);
    expect(result.oosRecall.value).toBeNull();
    expect(result.oosPrecision.value).toBeNull();
    expect(result.trainMs).toBe(0);
    expect(result.inScopeAccuracy.value).toBe(3 / 8);
  });

  it('gives a null precision when out-of-scope cases exist but every case was answered', async () => {
    const { result } = await run([
      { text: 'x', lang: 'en', expect: null, candidates: [c('a', 0.9)], ms: 1 },
      { text: 'y', lang: 'en', expect: 'a', candidates: [c('a', 0.9)], ms: 1 },
    ]);
    expect(result.oosRecall).toEqual({ hits: 0, total: 1, value: 0 });
    expect(result.oosPrecision).toEqual({ hits: 0, total: 0, value: null });
    expect(result.answeredAccuracy.value).toBe(0.5);
  });
});

describe('evalJson and formatEvalReport', () => {
  it('prints the specified keys first, in order, spaced like the spec', async () => {
    const { result } = await run();
    const line = evalJson(result);
    expect(line.startsWith('{"cases": 11, "inScopeAccuracy": 0.375, "oosRecall": 0.6667, ')).toBe(true);
    const json = JSON.parse(line) as Record<string, unknown>;
    expect(Object.keys(json).slice(0, 9)).toEqual([
      'cases',
      'inScopeAccuracy',
      'oosRecall',
      'oosPrecision',
      'answeredAccuracy',
      'perLang',
      'trainMs',
      'p50Ms',
      'p99Ms',
    ]);
    expect(json).toEqual({
      cases: 11,
      inScopeAccuracy: 0.375,
      oosRecall: 0.6667,
      oosPrecision: 0.5,
      answeredAccuracy: 0.4286,
      perLang: { en: 0.3333, fi: 0.5 },
      trainMs: 42,
      p50Ms: 6,
      p99Ms: 100,
      clarifyRate: 0.1818,
      ece: 0.3009,
      inScope: 8,
      outOfScope: 3,
      answerThreshold: 0.5,
      clarifyMargin: 0.1,
      offerThreshold: null,
      top1: 0.5,
      top3: 0.75,
      answerPrecision: 0.4286,
      offerRecall: 0.25,
      resolvedRate: 0.625,
      wrongAnswerRate: 0.3636,
      oosOfferRate: 0,
      byLang: {
        en: {
          top1: 0.5,
          top3: 0.8333,
          answerPrecision: 0.4,
          offerRecall: 0.3333,
          resolvedRate: 0.6667,
          wrongAnswerRate: 0.375,
          oosOfferRate: 0,
          inScopeAccuracy: 0.3333,
          oosRecall: 0.5,
          answerThreshold: 0.5,
        },
        fi: {
          top1: 0.5,
          top3: 0.5,
          answerPrecision: 0.5,
          offerRecall: 0,
          resolvedRate: 0.5,
          wrongAnswerRate: 0.3333,
          oosOfferRate: 0,
          inScopeAccuracy: 0.5,
          oosRecall: 1,
          answerThreshold: 0.5,
        },
      },
    });
  });

  it('writes a readable report with figures, languages, confusions, buckets and latency', async () => {
    const { result } = await run();
    const text = formatEvalReport(result, {
      casesFile: 'cases.jsonl',
      kbRoot: 'content/kb',
      settingsNote: 'answer threshold 0.5 (config.yml)',
    }).join('\n');
    expect(text).toMatch(
      /^11 case\(s\) from cases\.jsonl \(8 in scope, 3 out of scope\) against content\/kb$/m,
    );
    expect(text).toMatch(/^ {2}in-scope accuracy +37\.5 % {3}3\/8 /m);
    expect(text).toMatch(/^ {2}out-of-scope precision +50\.0 % {3}2\/4 /m);
    // in-scope accuracy, answer precision, resolved rate, out-of-scope recall, top-3
    expect(text).toMatch(/^ {2}fi +50\.0 % +50\.0 % +50\.0 % +100\.0 % +50\.0 % {3}1\/2$/m);
    expect(text).toMatch(/^ {2}resolved rate +62\.5 % {3}5\/8 /m);
    expect(text).toMatch(/^ {2}en {2}b → a {2}2$/m);
    expect(text).toMatch(/^ {2}0\.5–0\.6 +2 +50\.0 % {3}0\.525$/m);
    expect(text).toMatch(/^ {2}0\.2–0\.3 +0 +– {3}–$/m);
    expect(text).toMatch(/ECE\): 0\.3009$/m);
    expect(text).toMatch(/^Latency: training 42 ms; query p50 6\.000 ms, p99 100\.000 ms$/m);
  });
});
