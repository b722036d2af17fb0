import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadKb } from '../kb/load.js';
import { KnowledgeBaseIndex } from '../kb/knowledge-base.js';
import { decide } from '../kb/policy.js';
import { loadConfig, processEnv } from '../server/config.js';
import { IntentModel } from './nlpjs-baseline.js';
import { percentile } from '../common/percentile.js';

/**
 * `npm run bench:nlu [-- --sets clinc150,banking77-10shot,banking77-full,demo]`: the naive nlp.js baseline
 * (default settings, answers when its top score ≥ 0.5) and Frontdesk's matcher (default threshold and
 * decision policy), side by side in one process on the shared datasets. The last line is JSON.
 */
const shared = path.resolve('..', 'shared', 'datasets');
const allSets: Record<string, { kb: string; cases: string }> = {
  clinc150: { kb: `${shared}/clinc150/kb`, cases: `${shared}/clinc150/cases-val.jsonl` },
  'banking77-10shot': { kb: `${shared}/banking77/kb-10shot`, cases: `${shared}/banking77/cases-dev.jsonl` },
  'banking77-full': { kb: `${shared}/banking77/kb-full`, cases: `${shared}/banking77/cases-dev.jsonl` },
  demo: { kb: 'content', cases: 'test/fixtures/demo-paraphrases.jsonl' },
};

interface Row {
  set: string;
  system: string;
  inScopeAccuracy: number;
  oosRecall: number | null;
  trainMs: number;
  p50Ms: number;
  p99Ms: number;
}

type Predict = (text: string) => Promise<string | null>;

async function measure(
  set: string,
  system: string,
  trainMs: number,
  predict: Predict,
  cases: Case[],
): Promise<Row> {
  const times: number[] = [];
  let ins = 0;
  let insRight = 0;
  let oos = 0;
  let oosCaught = 0;
  for (const c of cases) {
    const t = performance.now();
    const answer = await predict(c.text);
    times.push(performance.now() - t);
    if (c.expect === null) {
      oos++;
      if (answer === null) oosCaught++;
    } else {
      ins++;
      if (answer === c.expect) insRight++;
    }
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => round(percentile(times, q, 'floor'));
  return {
    set,
    system,
    inScopeAccuracy: round(insRight / (ins || 1)),
    oosRecall: oos ? round(oosCaught / oos) : null,
    trainMs: Math.round(trainMs),
    p50Ms: at(0.5),
    p99Ms: at(0.99),
  };
}

interface Case {
  text: string;
  lang: string;
  expect: string | null;
}

const { values } = parseArgs({
  options: { sets: { type: 'string', default: Object.keys(allSets).join(',') } },
});
const config = loadConfig(processEnv());
const rows: Row[] = [];
for (const name of (values.sets ?? '').split(',').filter(Boolean)) {
  const set = allSets[name];
  if (!set) throw new Error(`unknown set "${name}" (known: ${Object.keys(allSets).join(', ')})`);
  const loaded = await loadKb(set.kb);
  const cases = readFileSync(set.cases, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Case);

  let t = performance.now();
  const baseline = await IntentModel.train('en', loaded.articles);
  rows.push(
    await measure(
      name,
      'nlp.js (default)',
      performance.now() - t,
      async (text) => {
        const [top] = await baseline.classify(text);
        return top && top.score >= 0.5 ? top.articleId : null;
      },
      cases,
    ),
  );

  t = performance.now();
  const index = await KnowledgeBaseIndex.build(loaded);
  const settings = { answerThreshold: config.answerThreshold, clarifyMargin: config.clarifyMargin };
  rows.push(
    await measure(
      name,
      'Frontdesk',
      performance.now() - t,
      async (text) => {
        const d = decide(await index.match(text, 'en', 5), settings);
        return d.kind === 'answer' ? d.candidate.articleId : null;
      },
      cases,
    ),
  );
}

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)} %`);
process.stdout.write(
  `| set | system | in-scope accuracy | out-of-scope recall | training | p50 query | p99 query |\n`,
);
process.stdout.write(`| --- | --- | --- | --- | --- | --- | --- |\n`);
for (const r of rows) {
  process.stdout.write(
    `| ${r.set} | ${r.system} | ${pct(r.inScopeAccuracy)} | ${pct(r.oosRecall)} | ${(r.trainMs / 1000).toFixed(1)} s | ${r.p50Ms} ms | ${r.p99Ms} ms |\n`,
  );
}
process.stdout.write(`${JSON.stringify(rows)}\n`);

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
