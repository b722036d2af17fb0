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
 * body sentences became weak examples (kb/training-examples.ts; before → after):
 *
 * | lang | answerPrecision | resolvedRate | oosRecall | answer threshold chosen |
 * | ar | 1.000 → 1.000 | 0.919 → 0.919 | 1.000 | 0.69 → 0.72 |
 * | en | 0.914 → 0.962 | 0.823 → 0.823 | 1.000 | 0.59 → 0.73 |
 * | et | 0.891 → 0.926 | 0.839 → 0.887 | 0.875 | 0.30 → 0.33 |
 * | fi | 0.976 → 0.975 | 0.839 → 0.823 | 1.000 | 0.51 → 0.54 |
 * | th | 0.976 → 0.977 | 0.919 → 0.903 | 1.000 | 0.73 → 0.68 |
 * | tr | 0.949 → 0.974 | 0.790 → 0.823 | 1.000 | 0.52 → 0.46 |
 *
 * The floors sit 4 points below (one out-of-scope case below for oosRecall); fi and th resolvedRate floors
 * fell by one point with their figures (one question each, of 62, no longer resolved), the others
 * rose or stayed. The targets are answerPrecision ≥ 0.90, resolvedRate ≥ 0.85 and oosRecall ≥ 0.80:
 * met in ar, et and th; resolvedRate misses it in en, fi and tr.
 */
const floors: Record<string, { answerPrecision: number; resolvedRate: number; oosRecall: number }> = {
  ar: { answerPrecision: 0.96, resolvedRate: 0.87, oosRecall: 0.875 },
  en: { answerPrecision: 0.92, resolvedRate: 0.78, oosRecall: 0.875 },
  et: { answerPrecision: 0.88, resolvedRate: 0.84, oosRecall: 0.75 },
  fi: { answerPrecision: 0.93, resolvedRate: 0.78, oosRecall: 0.875 },
  th: { answerPrecision: 0.93, resolvedRate: 0.86, oosRecall: 0.875 },
  tr: { answerPrecision: 0.93, resolvedRate: 0.78, oosRecall: 0.875 },
};

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
  it('answers precisely, resolves most questions with an answer or an offer, and rejects out-of-scope ones', async () => {
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
    }
  }, 300_000);
});
