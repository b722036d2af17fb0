import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { KnowledgeBaseIndex } from '../kb/knowledge-base.js';
import type { EvalCase } from '../kb/eval-cases.js';
import {
  decide,
  defaultOfferThreshold,
  effectiveSettings,
  matchLimit,
  offerShape,
  type OfferShape,
  type PolicySettings,
} from '../kb/policy.js';
import type { Candidate } from '../kb/types.js';
import { loadConfig } from '../server/config.js';
import { fixtures, loadShots, readCases, sharedDatasets, sparseDevCases, sparseLangs } from './dev-sets.js';

/**
 * `npm run bench:offers`: offer rules side by side on development data only (never the held-out sets), as
 * the rule in kb/policy.ts was chosen. Every case is matched once; each rule then decides on the same
 * candidates with the thresholds the KB chose. Sets: the sparse KB on its development paraphrases
 * (resolvedRate per language; out-of-scope cases answered or offered), BANKING77 10-shot and 3-shot dev
 * (resolvedRate), CLINC150 validation (out-of-scope cases offered), and noise: the string literals of the
 * server's source (server/, store/) matched against the demo and the sparse KB in every language (share
 * offered, mean over KB × language). The last line is JSON.
 */

interface Rule {
  readonly name: string;
  readonly threshold: number;
  readonly shape: OfferShape;
}

const rules: readonly Rule[] = [
  { name: 'before: 0.3, a fifth, half', threshold: 0.3, shape: { shareOfTop: 0.2, leadShare: 0.5 } },
  { name: 'in force', threshold: defaultOfferThreshold, shape: offerShape },
  { name: '0.33, a twentieth, no lead', threshold: 0.33, shape: { shareOfTop: 0.05, leadShare: 0 } },
  { name: '0.30, a tenth, no lead', threshold: 0.3, shape: { shareOfTop: 0.1, leadShare: 0 } },
  { name: '0.24, top three, no lead', threshold: 0.24, shape: { shareOfTop: 0, leadShare: 0 } },
];

interface Matched {
  readonly lang: string;
  readonly expect: string | null;
  readonly candidates: readonly Candidate[];
  readonly settings: PolicySettings;
}

const base = loadConfig({});

async function matched(
  content: string,
  cases: ReadonlyArray<Pick<EvalCase, 'text' | 'lang' | 'expect'>>,
  shots?: number,
): Promise<Matched[]> {
  const loaded = await loadShots(content, shots);
  const index = await KnowledgeBaseIndex.build(loaded, { thresholds: { base } });
  const out: Matched[] = [];
  for (const c of cases)
    out.push({
      lang: c.lang,
      expect: c.expect,
      candidates: await index.match(c.text, c.lang, matchLimit),
      settings: effectiveSettings(base, loaded.settings, index.chosenSettings(c.lang)),
    });
  return out;
}

/** String literals of the server's own source: text no visitor would ask, in no language. */
function noiseTexts(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const f of readdirSync(dir).sort()) {
      const p = path.join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.ts')) files.push(p);
    }
  };
  walk('server');
  walk('store');
  const texts = new Set<string>();
  for (const f of files)
    for (const m of readFileSync(f, 'utf8').matchAll(/(['"`])([^'"`\n]{3,100})\1/g)) texts.add(m[2] ?? '');
  return [...texts];
}

/** What a rule does with matched cases: resolved in-scope, out-of-scope answered or offered, offered. */
function tally(rule: Rule, rows: readonly Matched[]) {
  const t = { inScope: 0, resolved: 0, outOfScope: 0, notAdmitted: 0, offered: 0 };
  for (const r of rows) {
    const d = decide(r.candidates, { ...r.settings, offerThreshold: rule.threshold }, rule.shape);
    const ids =
      d.kind === 'answer'
        ? [d.candidate.articleId]
        : d.kind === 'offer'
          ? d.options.map((o) => o.articleId)
          : [];
    if (r.expect === null) {
      t.outOfScope++;
      if (d.kind !== 'unresolved') t.notAdmitted++;
      if (d.kind === 'offer') t.offered++;
    } else {
      t.inScope++;
      if (ids.includes(r.expect)) t.resolved++;
    }
  }
  return t;
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;
const resolved = (t: { resolved: number; inScope: number }) => t.resolved / t.inScope;

const dev = await matched(path.join(fixtures, 'sparse-content'), sparseDevCases());
const b77Cases = readCases(`${sharedDatasets}/banking77/cases-dev.jsonl`);
const b77 = await matched(`${sharedDatasets}/banking77/kb-10shot`, b77Cases);
const b77x3 = await matched(`${sharedDatasets}/banking77/kb-10shot`, b77Cases, 3);
const clinc = await matched(
  `${sharedDatasets}/clinc150/kb`,
  readCases(`${sharedDatasets}/clinc150/cases-val.jsonl`),
);
const texts = noiseTexts();
const noise: Matched[][] = [];
for (const content of ['content', path.join(fixtures, 'sparse-content')])
  for (const lang of sparseLangs)
    noise.push(
      await matched(
        content,
        texts.map((text) => ({ text, lang, expect: null })),
      ),
    );

const out: Record<string, unknown> = { noiseTexts: texts.length };
for (const rule of rules) {
  const perLang = sparseLangs.map((l) => {
    return resolved(
      tally(
        rule,
        dev.filter((r) => r.lang === l),
      ),
    );
  });
  const devAll = tally(rule, dev);
  const clincT = tally(rule, clinc);
  const noiseRates = noise.map((rows) => tally(rule, rows).offered / rows.length);
  const row = {
    sparseDevResolved: Object.fromEntries(sparseLangs.map((l, i) => [l, r3(perLang[i] ?? 0)])),
    sparseDevMean: r3(perLang.reduce((a, b) => a + b, 0) / perLang.length),
    sparseDevOosNotAdmitted: `${devAll.notAdmitted}/${devAll.outOfScope}`,
    noiseOffered: r3(noiseRates.reduce((a, b) => a + b, 0) / noiseRates.length),
    banking77Resolved: r3(resolved(tally(rule, b77))),
    banking77x3Resolved: r3(resolved(tally(rule, b77x3))),
    clincOosOffered: `${clincT.offered}/${clincT.outOfScope}`,
  };
  out[rule.name] = row;
  console.log(rule.name, JSON.stringify(row));
}
console.log(JSON.stringify(out));
