import path from 'node:path';
import { parseArgs } from 'node:util';
import { KnowledgeBaseIndex } from '../kb/knowledge-base.js';
import { evaluate, type EvalResult } from '../kb/eval.js';
import type { EvalCase } from '../kb/eval-cases.js';
import { effectiveSettings } from '../kb/policy.js';
import { loadConfig } from '../server/config.js';
import { fixtures, loadShots, readCases, sharedDatasets, sparseDevCases, sparseLangs } from './dev-sets.js';

/**
 * `npm run bench:match [-- --sets sparse,banking77,clinc150]`: the figures issue #17 step 4 was measured
 * with, in one process. `sparse`: test/fixtures/sparse-content with the thresholds it chooses, on the
 * development paraphrases (paraphrases-<lang>.jsonl, demo-paraphrases.jsonl for English; what matching was
 * tuned on) and the held-out cases (holdout-<lang>.jsonl; never tuned on). `banking77`: the 10-shot KB on
 * its dev cases, with the threshold chooser off and on. `clinc150`: the full KB on its validation cases
 * (more questions than the chooser handles, so the process threshold). The last line is JSON.
 */

const r3 = (x: number | null | undefined) =>
  x === null || x === undefined ? null : Math.round(x * 1000) / 1000;

async function run(
  content: string,
  cs: EvalCase[],
  choose: boolean,
  shots?: number,
): Promise<{ r: EvalResult; index: KnowledgeBaseIndex }> {
  const base = loadConfig({});
  const loaded = await loadShots(content, shots);
  const index = await KnowledgeBaseIndex.build(loaded, choose ? { thresholds: { base } } : {});
  const r = await evaluate(index, cs, effectiveSettings(base, loaded.settings), {
    settingsFor: (lang) => effectiveSettings(base, loaded.settings, index.chosenSettings(lang)),
  });
  return { r, index };
}

function perLang(r: EvalResult, index: KnowledgeBaseIndex): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(r.byLang).map(([l, b]) => [
      l,
      {
        top1: r3(b.top1.value),
        prec: r3(b.answerPrecision.value),
        resolved: r3(b.resolvedRate.value),
        oos: r3(b.oosRecall.value),
        oosOffer: r3(b.oosOfferRate.value),
        t: index.chosen(l)?.answerThreshold ?? b.answerThreshold,
      },
    ]),
  );
}

const { values } = parseArgs({ options: { sets: { type: 'string', default: 'sparse,banking77,clinc150' } } });
const sets = (values.sets ?? '').split(',');
const out: Record<string, unknown> = {};
if (sets.includes('sparse')) {
  const content = path.join(fixtures, 'sparse-content');
  const dev = sparseDevCases();
  const held = sparseLangs.flatMap((l) => readCases(path.join(fixtures, `holdout-${l}.jsonl`)));
  const d = await run(content, dev, true);
  const h = await run(content, held, true);
  out.sparseDev = perLang(d.r, d.index);
  out.sparseHoldout = perLang(h.r, h.index);
  out.sparseTrainMs = h.r.trainMs;
  for (const [name, v] of [
    ['dev', out.sparseDev],
    ['holdout', out.sparseHoldout],
  ] as const)
    for (const [l, x] of Object.entries(v as Record<string, unknown>))
      console.log(`sparse ${name} ${l}`, JSON.stringify(x));
}
if (sets.includes('banking77')) {
  const cs = readCases(`${sharedDatasets}/banking77/cases-dev.jsonl`);
  for (const choose of [false, true]) {
    const { r, index } = await run(`${sharedDatasets}/banking77/kb-10shot`, cs, choose);
    const row = {
      inScopeAccuracy: r3(r.inScopeAccuracy.value),
      top1: r3(r.outcomes.top1.value),
      prec: r3(r.outcomes.answerPrecision.value),
      resolved: r3(r.outcomes.resolvedRate.value),
      t: index.chosen('en')?.answerThreshold ?? r.settings.answerThreshold,
      trainMs: r.trainMs,
    };
    out[`banking77-${choose ? 'on' : 'off'}`] = row;
    console.log(`banking77 chooser ${choose ? 'on' : 'off'}`, JSON.stringify(row));
  }
}
if (sets.includes('banking77-3shot')) {
  // BANKING77 cut to each article's title and first three questions: a sparse English KB with 385 dev cases.
  const { r, index } = await run(
    `${sharedDatasets}/banking77/kb-10shot`,
    readCases(`${sharedDatasets}/banking77/cases-dev.jsonl`),
    true,
    3,
  );
  const row = {
    inScopeAccuracy: r3(r.inScopeAccuracy.value),
    top1: r3(r.outcomes.top1.value),
    top3: r3(r.outcomes.top3.value),
    prec: r3(r.outcomes.answerPrecision.value),
    resolved: r3(r.outcomes.resolvedRate.value),
    t: index.chosen('en')?.answerThreshold ?? r.settings.answerThreshold,
  };
  out['banking77-3shot'] = row;
  console.log('banking77-3shot', JSON.stringify(row));
}
if (sets.includes('clinc150')) {
  const { r } = await run(
    `${sharedDatasets}/clinc150/kb`,
    readCases(`${sharedDatasets}/clinc150/cases-val.jsonl`),
    true,
  );
  const row = {
    inScopeAccuracy: r3(r.inScopeAccuracy.value),
    oosRecall: r3(r.oosRecall.value),
    top1: r3(r.outcomes.top1.value),
    trainMs: r.trainMs,
  };
  out.clinc150 = row;
  console.log('clinc150', JSON.stringify(row));
}
console.log(JSON.stringify(out));
