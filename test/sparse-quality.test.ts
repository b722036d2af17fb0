import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadKb } from '../kb/load.js';
import { KnowledgeBaseIndex } from '../kb/knowledge-base.js';
import { evaluate, type EvalResult } from '../kb/eval.js';
import { effectiveSettings } from '../kb/policy.js';
import { loadConfig } from '../server/config.js';
import { repoRoot } from './helpers/server.js';

/**
 * Floors for a knowledge base written with few phrasings (issue #17): test/fixtures/sparse-content is the
 * demo KB cut to each article's title and first three questions (scripts/make-sparse-kb.mjs), evaluated
 * on the held-out paraphrases test/fixtures/holdout-<lang>.jsonl (62 in scope + 8 out of scope per
 * language; never used for tuning) with the thresholds the KB chooses for itself, as the server does.
 *
 * Measured on 2026-12-03 (`frontdesk kb eval --content test/fixtures/sparse-content --cases <all six>`), after
 * body sentences became weak examples (kb/training-examples.ts), then after the offer rule was widened
 * (kb/policy.ts: the top three's confidences add up to 0.33, each with a twentieth of the best's, the best
 * with 40 % of the threshold; before: 0.3, a fifth, half). resolvedRate before → after the offer rule:
 *
 * | lang | answerPrecision | resolvedRate | oosRecall | answer threshold chosen |
 * | ar | 1.000 | 0.919 → 0.919 | 1.000 | 0.72 |
 * | en | 0.962 | 0.823 → 0.871 | 1.000 | 0.73 |
 * | et | 0.926 | 0.887 → 0.903 | 0.875 | 0.33 |
 * | fi | 0.975 | 0.823 → 0.823 | 1.000 | 0.54 |
 * | th | 0.977 | 0.903 → 0.952 | 1.000 | 0.68 |
 * | tr | 0.974 | 0.823 → 0.823 | 1.000 | 0.46 |
 *
 * Then word prefixes (4 and 6 letters) became a feature group in fi, et and tr (kb/features.ts): et 0.926 /
 * 0.903 → 0.942 / 0.887, fi 0.975 / 0.823 → 0.976 / 0.839, tr 0.974 / 0.823 → 0.974 / 0.871 (answerPrecision /
 * resolvedRate; oosRecall unchanged; thresholds et 0.43, fi 0.57, tr 0.51); other languages unchanged.
 *
 * The floors sit 4 points below (one out-of-scope case below for oosRecall); the resolvedRate floors of en,
 * et, fi, th and tr rose with their figures. The targets are answerPrecision ≥ 0.90, resolvedRate ≥
 * 0.85 and oosRecall ≥ 0.80: met in ar, en, et, th and tr; resolvedRate misses it in fi (0.839).
 * Then Finnish character n-grams weigh 2.5 instead of 1.5 (kb/vectorizer.ts, chosen on the development sets):
 * fi 0.976 / 0.839 → 0.952 / 0.871 (threshold 0.64), other languages unchanged: every target is met.
 */
const floors: Record<string, { answerPrecision: number; resolvedRate: number; oosRecall: number }> = {
  ar: { answerPrecision: 0.96, resolvedRate: 0.87, oosRecall: 0.875 },
  en: { answerPrecision: 0.92, resolvedRate: 0.83, oosRecall: 0.875 },
  et: { answerPrecision: 0.88, resolvedRate: 0.86, oosRecall: 0.75 },
  fi: { answerPrecision: 0.91, resolvedRate: 0.83, oosRecall: 0.875 },
  th: { answerPrecision: 0.93, resolvedRate: 0.91, oosRecall: 0.875 },
  tr: { answerPrecision: 0.93, resolvedRate: 0.83, oosRecall: 0.875 },
};

/**
 * oosRecall counts an offer as not answering, so offering on every question would raise resolvedRate for
 * free: at most this share of a language's out-of-scope cases may get offers (4 of 8 at most, measured; one
 * case above).
 */
const maxOosOfferRate = 0.625;

const fixtures = path.join(repoRoot, 'test', 'fixtures');

async function measure(): Promise<EvalResult> {
  const base = loadConfig({});
  const loaded = await loadKb(path.join(fixtures, 'sparse-content'));
  const index = await KnowledgeBaseIndex.build(loaded, { thresholds: { base } });
  const cases = Object.keys(floors).flatMap((lang) =>
    readFileSync(path.join(fixtures, `holdout-${lang}.jsonl`), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { text: string; lang: string; expect: string | null }),
  );
  return evaluate(index, cases, base, {
    settingsFor: (lang) => effectiveSettings(base, loaded.settings, index.chosenSettings(lang)),
  });
}

describe('a sparse knowledge base (title + three questions per article), per language', () => {
  it('answers precisely, resolves most questions with an answer or an offer, and rejects out-of-scope ones without offering on most', async () => {
    const r = await measure();
    for (const [lang, floor] of Object.entries(floors)) {
      const got = r.byLang[lang];
      const figures = {
        answerPrecision: got?.answerPrecision.value ?? 0,
        resolvedRate: got?.resolvedRate.value ?? 0,
        oosRecall: got?.oosRecall.value ?? 0,
      };
      const below = Object.entries(floor).filter(([k, min]) => figures[k as keyof typeof figures] < min);
      expect({ lang, below, figures }).toEqual({ lang, below: [], figures });
      const oosOffered = got?.oosOfferRate.value ?? 1;
      expect({ lang, oosOffered, atMost: oosOffered <= maxOosOfferRate }).toEqual({
        lang,
        oosOffered,
        atMost: true,
      });
    }
  }, 300_000);
});
