import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadKb } from '../kb/load.js';
import { KnowledgeBaseIndex } from '../kb/knowledge-base.js';
import { calibrate, fitCoefficients, type Coefficients, type Evidence } from '../kb/calibration.js';
import { seededRandom } from '../kb/softmax.js';

/**
 * `npm run bench:calibrate`: fits the confidence calibration (kb/calibration.ts) on the development cases
 * of ../shared/datasets and the demo paraphrases, then prints the coefficients and, per set, the expected
 * calibration error and the answer rates at a few thresholds. Each set weighs the same in the fit.
 */
const shared = path.resolve('..', 'shared', 'datasets');
// Out-of-scope questions for the KBs whose cases have none: CLINC150's out-of-scope training questions
// (none is about banking or a home-goods store) and deterministic nonsense words.
const oos = `${shared}/clinc150/cases-oos-train.jsonl`;
const sets = [
  { name: 'clinc150', kb: `${shared}/clinc150/kb`, cases: [`${shared}/clinc150/cases-val.jsonl`, oos] },
  {
    name: 'banking77-10shot',
    kb: `${shared}/banking77/kb-10shot`,
    cases: [`${shared}/banking77/cases-dev.jsonl`, oos, 'nonsense'],
  },
  {
    name: 'banking77-full',
    kb: `${shared}/banking77/kb-full`,
    cases: [`${shared}/banking77/cases-dev.jsonl`, oos, 'nonsense'],
  },
  { name: 'demo', kb: 'content', cases: ['test/fixtures/demo-paraphrases.jsonl', oos, 'nonsense'] },
];

/** 30 made-up "questions" of 1–4 pronounceable non-words, the same on every run. */
function nonsense(): string[] {
  const random = seededRandom(7);
  const pick = (s: string) => s[Math.floor(random() * s.length)] ?? 'a';
  const word = () =>
    Array.from(
      { length: 2 + Math.floor(random() * 3) },
      () => pick('bcdfghjklmnprstvz') + pick('aeiou'),
    ).join('');
  return Array.from({ length: 30 }, () =>
    Array.from({ length: 1 + Math.floor(random() * 4) }, word).join(' '),
  );
}

function casesOf(file: string): Array<{ text: string; lang: string; expect: string | null }> {
  if (file === 'nonsense') return nonsense().map((text) => ({ text, lang: 'en', expect: null }));
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { text: string; lang: string; expect: string | null });
}

interface Sample {
  e: Evidence;
  right: boolean;
  inScope: boolean;
}

async function samplesOf(set: (typeof sets)[number]): Promise<Sample[]> {
  const index = await KnowledgeBaseIndex.build(await loadKb(set.kb));
  const out: Sample[] = [];
  for (const file of set.cases) {
    for (const c of casesOf(file)) {
      const top = index.matcher(c.lang)?.score(c.text, 2)[0];
      const e = top ?? { p: 0, margin: 0, sim: 0, simGap: 0, lex: 0, articleId: '' };
      out.push({ e, right: top !== undefined && top.articleId === c.expect, inScope: c.expect !== null });
    }
  }
  return out;
}

function ece(samples: readonly Sample[], w: Coefficients): number {
  const buckets = Array.from({ length: 10 }, () => ({ n: 0, conf: 0, right: 0 }));
  for (const s of samples) {
    const conf = calibrate(s.e, w);
    const b = buckets[Math.min(9, Math.floor(conf * 10))];
    if (!b) continue;
    b.n++;
    b.conf += conf;
    b.right += s.right ? 1 : 0;
  }
  return buckets.reduce(
    (sum, b) => sum + (b.n ? (b.n / samples.length) * Math.abs(b.conf / b.n - b.right / b.n) : 0),
    0,
  );
}

const bySet = new Map<string, Sample[]>();
for (const set of sets) bySet.set(set.name, await samplesOf(set));
// Each set weighs the same, and within a set out-of-scope questions make up a quarter of the weight
// (the share of off-topic questions assumed for a help center).
const oosShare = 0.25;
const weighted: Array<{ e: Evidence; right: boolean; weight: number }> = [];
for (const samples of bySet.values()) {
  const ins = samples.filter((s) => s.inScope).length;
  const out = samples.length - ins;
  for (const s of samples) {
    const share = out === 0 ? 1 : s.inScope ? 1 - oosShare : oosShare;
    weighted.push({ e: s.e, right: s.right, weight: share / (s.inScope ? ins || 1 : out) });
  }
}
const w = fitCoefficients(weighted);
process.stdout.write(`coefficients: [${w.map((x) => x.toFixed(3)).join(', ')}]\n`);
for (const [name, samples] of bySet) {
  const rates = [0.3, 0.4, 0.5, 0.6, 0.7].map((t) => {
    const ins = samples.filter((s) => s.inScope);
    const oos = samples.filter((s) => !s.inScope);
    const acc = ins.filter((s) => s.right && calibrate(s.e, w) >= t).length / (ins.length || 1);
    const rec = oos.length ? (oos.filter((s) => calibrate(s.e, w) < t).length / oos.length).toFixed(3) : '-';
    return `${t}: ${acc.toFixed(3)}/${rec}`;
  });
  process.stdout.write(
    `${name.padEnd(18)} n=${samples.length} ECE=${ece(samples, w).toFixed(3)}  in-scope/oos at ${rates.join('  ')}\n`,
  );
}
