import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadKb } from '../kb/load.js';
import { KnowledgeBaseIndex } from '../kb/knowledge-base.js';
import { evaluate } from '../kb/eval.js';
import { loadConfig } from '../server/config.js';
import { repoRoot } from './helpers/server.js';

/**
 * Accuracy regression floors on the shared datasets, at the default settings, through the bot's decision
 * policy (what `frontdesk kb eval` measures). Measured on 2026-11-22 with `npm run bench:nlu`:
 * CLINC150 val 92.0 % in scope / 75.0 % out of scope; BANKING77 10-shot 74.8 %; full 88.8 %.
 * Floors sit 1.5 points (4–5 on the small out-of-scope count) below.
 */
const datasets = path.resolve(repoRoot, '..', 'shared', 'datasets');
const settings = loadConfig({});

/** The figures `frontdesk kb eval` reports, through the same function. */
async function measure(kbDir: string, casesFile: string) {
  if (!existsSync(datasets)) throw new Error(`../shared/datasets is missing (looked in ${datasets})`);
  const index = await KnowledgeBaseIndex.build(await loadKb(path.join(datasets, kbDir)));
  const cases = readFileSync(path.join(datasets, casesFile), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { text: string; lang: string; expect: string | null });
  const r = await evaluate(index, cases, settings);
  return { inScope: r.inScopeAccuracy.value ?? 0, oos: r.oosRecall.value };
}

describe('answer quality floors on the shared datasets', () => {
  it('CLINC150 validation: in scope ≥ 90.5 %, out of scope ≥ 70 %', async () => {
    const r = await measure('clinc150/kb', 'clinc150/cases-val.jsonl');
    expect(r.inScope).toBeGreaterThanOrEqual(0.905);
    expect(r.oos).toBeGreaterThanOrEqual(0.7);
  }, 120_000);

  it('BANKING77 10-shot: ≥ 73 %', async () => {
    expect(
      (await measure('banking77/kb-10shot', 'banking77/cases-dev.jsonl')).inScope,
    ).toBeGreaterThanOrEqual(0.73);
  }, 120_000);

  it('BANKING77 full: ≥ 87 %', async () => {
    expect((await measure('banking77/kb-full', 'banking77/cases-dev.jsonl')).inScope).toBeGreaterThanOrEqual(
      0.87,
    );
  }, 120_000);
});
