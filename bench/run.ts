import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadKb } from '../kb/load.js';
import { KnowledgeBaseIndex } from '../kb/knowledge-base.js';
import { decide, effectiveSettings } from '../kb/policy.js';
import { loadConfig, processEnv } from '../server/config.js';

interface Case {
  text: string;
  lang: string;
  expect: string | null;
}

/**
 * `npm run bench [-- --content DIR --cases FILE.jsonl --repeat N]`: KB build time, query latency
 * (p50/p99 over every case, repeated) and the share answered correctly at the configured threshold.
 * Defaults to the demo content and test/fixtures/demo-paraphrases.jsonl. The last line is JSON.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      content: { type: 'string' },
      cases: { type: 'string' },
      repeat: { type: 'string', default: '20' },
    },
  });
  const config = loadConfig(processEnv());
  const contentDir = values.content ? path.resolve(values.content) : config.contentDir;
  const casesFile = path.resolve(values.cases ?? 'test/fixtures/demo-paraphrases.jsonl');
  const cases = readFileSync(casesFile, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Case);

  const rssBefore = process.memoryUsage().rss;
  const loadStart = performance.now();
  const loaded = await loadKb(contentDir);
  const loadMs = performance.now() - loadStart;
  const kb = await KnowledgeBaseIndex.build(loaded);
  const settings = effectiveSettings(
    { answerThreshold: config.answerThreshold, clarifyMargin: config.clarifyMargin },
    loaded.settings,
  );

  let inScope = 0;
  let inScopeRight = 0;
  let oos = 0;
  let oosCaught = 0;
  const times: number[] = [];
  for (let r = 0; r < Number(values.repeat); r++) {
    for (const c of cases) {
      const t = performance.now();
      const candidates = await kb.match(c.text, c.lang, 5);
      times.push(performance.now() - t);
      if (r > 0) continue;
      const d = decide(candidates, settings);
      if (c.expect === null) {
        oos++;
        if (d.kind !== 'answer') oosCaught++;
      } else {
        inScope++;
        if (d.kind === 'answer' && d.candidate.articleId === c.expect) inScopeRight++;
      }
    }
  }
  times.sort((a, b) => a - b);
  const pct = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0;
  const result = {
    articles: kb.stats.articles,
    questions: kb.stats.questions,
    loadMs: round(loadMs),
    trainMs: kb.stats.trainMs,
    queries: times.length,
    p50Ms: round(pct(0.5)),
    p99Ms: round(pct(0.99)),
    inScopeAccuracy: inScope ? round(inScopeRight / inScope) : null,
    oosRecall: oos ? round(oosCaught / oos) : null,
    rssMb: round((process.memoryUsage().rss - rssBefore) / 1e6),
  };
  const rows: Array<[string, string]> = [
    ['content', contentDir],
    ['cases', `${casesFile} (${inScope} in scope, ${oos} out of scope)`],
    ['articles / questions', `${result.articles} / ${result.questions}`],
    ['load (parse + lint)', `${result.loadMs} ms`],
    ['train (lunr + nlp.js)', `${result.trainMs} ms`],
    ['query p50 / p99', `${result.p50Ms} ms / ${result.p99Ms} ms over ${result.queries} queries`],
    ['in-scope answered right', String(result.inScopeAccuracy)],
    ['out-of-scope not answered', String(result.oosRecall)],
    ['RSS growth', `${result.rssMb} MB`],
  ];
  for (const [k, v] of rows) process.stdout.write(`${k.padEnd(28)}${v}\n`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

await main();
