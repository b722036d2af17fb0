import { beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadKb, type LoadedKb } from '../kb/load.js';
import { KnowledgeBaseIndex } from '../kb/knowledge-base.js';
import { evaluate } from '../kb/eval.js';
import { LanguageDetector } from '../lang/detector.js';
import { textsByLanguage } from '../kb/texts.js';
import { evaluateLanguages, parseLangCases } from '../lang/eval.js';
import { loadConfig } from '../server/config.js';
import { repoRoot } from './helpers/server.js';

/**
 * Regression floors for the multilingual demo, on the sets in test/fixtures. Measured on 2026-11-22 with
 * `frontdesk lang eval` / `frontdesk kb eval` (see the closing note of the multilingual issue): language ID
 * 99.6 % over the six languages (≤ 20 characters 99.1 %). Paraphrase matching, in scope: on the development
 * sets (`paraphrases-<lang>`, the content was tuned on them, so they are saturated) en 100, fi 100, et 100,
 * tr 100, ar 96.2, th 100 %; on the held-out sets (`holdout-<lang>`, written before that tuning and never
 * tuned on) en 85.5, fi 93.5, et 93.5, tr 85.5, ar 87.1, th 95.2 %. Floors sit a little below.
 */
const fixtures = path.join(repoRoot, 'test', 'fixtures');
const content = path.join(repoRoot, 'content');
const devFloors: Record<string, number> = { en: 0.95, fi: 0.95, et: 0.95, tr: 0.95, ar: 0.92, th: 0.95 };
const holdoutFloors: Record<string, number> = { en: 0.82, fi: 0.9, et: 0.9, tr: 0.82, ar: 0.83, th: 0.92 };
const devFile = (lang: string) => (lang === 'en' ? 'demo-paraphrases.jsonl' : `paraphrases-${lang}.jsonl`);
const cases = (file: string) =>
  readFileSync(path.join(fixtures, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { text: string; expect: string | null });
const matchingFloors = Object.keys(devFloors).flatMap((lang) => [
  [lang, devFile(lang), devFloors[lang] ?? 1] as const,
  [lang, `holdout-${lang}.jsonl`, holdoutFloors[lang] ?? 1] as const,
]);

/** The demo KB, loaded and indexed once for every floor below. */
let loaded: LoadedKb;
let index: KnowledgeBaseIndex;
beforeAll(async () => {
  loaded = await loadKb(content);
  index = await KnowledgeBaseIndex.build(loaded);
}, 60_000);

describe('multilingual quality floors', () => {
  it('identifies the language of the chat-like development messages', async () => {
    const langs = ['en', 'fi', 'et', 'tr', 'ar', 'th'];
    const model = LanguageDetector.build(langs, textsByLanguage(loaded.articles), 'en');
    const files = langs.map((l) => path.join(fixtures, `langid-${l}.jsonl`)).filter((f) => existsSync(f));
    expect(files.length).toBeGreaterThanOrEqual(3);
    const cases = files.flatMap((f) => parseLangCases(f, readFileSync(f, 'utf8'), langs));
    const r = evaluateLanguages(model, cases);
    expect(r.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(r.bySize['1-20']).toBeGreaterThanOrEqual(0.92);
    expect(r.bySize['21-60']).toBeGreaterThanOrEqual(0.98);
  }, 60_000);

  it.each(matchingFloors)(
    'answers paraphrased %s questions (%s) at or above its floor',
    async (lang, file, floor) => {
      const r = await evaluate(
        index,
        cases(file).map((c) => ({ ...c, lang })),
        loadConfig({}),
      );
      expect(r.inScopeAccuracy.value).toBeGreaterThanOrEqual(floor);
    },
    60_000,
  );
});
