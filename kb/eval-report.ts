import type { EvalResult, Outcomes, Ratio } from './eval.js';

/** Where the report says the figures come from. */
export interface ReportContext {
  readonly casesFile: string;
  readonly kbRoot: string;
  /** Each setting with its source, e.g. `threshold 0.35 (environment)`. */
  readonly settingsNote: string;
}

const round = (x: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};
const share = (r: Ratio): number | null => (r.value === null ? null : round(r.value, 4));
const percent = (r: Ratio): string => (r.value === null ? 'n/a' : `${(r.value * 100).toFixed(1)} %`);
const counts = (r: Ratio): string => `${r.hits}/${r.total}`;

/**
 * The `--json` line. The keys up to `p99Ms` are the ones docs/ARCHITECTURE.md §4 specifies, in that order;
 * extra keys follow. Shares are rounded to 4 decimals, milliseconds to 3.
 */
export function evalJson(r: EvalResult): string {
  return spacedJson({
    cases: r.cases,
    inScopeAccuracy: share(r.inScopeAccuracy),
    oosRecall: share(r.oosRecall),
    oosPrecision: share(r.oosPrecision),
    answeredAccuracy: share(r.answeredAccuracy),
    perLang: Object.fromEntries(r.perLang.map((l) => [l.lang, share(l.accuracy)])),
    trainMs: Math.round(r.trainMs),
    p50Ms: round(r.p50Ms, 3),
    p99Ms: round(r.p99Ms, 3),
    clarifyRate: share(r.clarifyRate),
    ece: round(r.ece, 4),
    inScope: r.inScope,
    outOfScope: r.outOfScope,
    answerThreshold: r.settings.answerThreshold,
    clarifyMargin: r.settings.clarifyMargin,
    offerThreshold: r.settings.offerThreshold ?? null,
    ...outcomeShares(r.outcomes),
    byLang: Object.fromEntries(
      Object.entries(r.byLang).map(([lang, o]) => [
        lang,
        {
          ...outcomeShares(o),
          inScopeAccuracy: share(o.inScopeAccuracy),
          oosRecall: share(o.oosRecall),
          answerThreshold: o.answerThreshold,
        },
      ]),
    ),
  });
}

function outcomeShares(o: Outcomes): Record<keyof Outcomes, number | null> {
  return {
    top1: share(o.top1),
    top3: share(o.top3),
    answerPrecision: share(o.answerPrecision),
    offerRecall: share(o.offerRecall),
    resolvedRate: share(o.resolvedRate),
    wrongAnswerRate: share(o.wrongAnswerRate),
    oosOfferRate: share(o.oosOfferRate),
  };
}

type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };

/** One-line JSON written as the spec shows it: `{"cases": 52, "perLang": {"en": 0.45}}`. */
function spacedJson(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(spacedJson).join(', ')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}: ${spacedJson(v)}`)
      .join(', ')}}`;
  return JSON.stringify(value);
}

/** The readable report, one string per line. */
export function formatEvalReport(r: EvalResult, ctx: ReportContext): string[] {
  const lines: string[] = [
    `${r.cases} case(s) from ${ctx.casesFile} (${r.inScope} in scope, ${r.outOfScope} out of scope) ` +
      `against ${ctx.kbRoot}`,
    `settings: ${ctx.settingsNote}`,
    '',
  ];
  const figure = (label: string, ratio: Ratio, note: string) =>
    lines.push(`  ${label.padEnd(24)}${percent(ratio).padStart(8)}   ${counts(ratio)} ${note}`);
  figure('in-scope accuracy', r.inScopeAccuracy, 'answered with the expected article');
  figure('out-of-scope recall', r.oosRecall, 'out-of-scope questions not answered');
  figure('out-of-scope precision', r.oosPrecision, 'unanswered questions that were out of scope');
  figure('answered accuracy', r.answeredAccuracy, 'answers that were the expected article');
  figure('offer rate', r.clarifyRate, 'offered articles ("These articles may help:")');
  figure('top-1', r.outcomes.top1, 'in-scope cases whose first candidate is the expected article');
  figure('top-3', r.outcomes.top3, 'in-scope cases with the expected article in the first three');
  figure('offer recall', r.outcomes.offerRecall, 'in-scope cases offered, the expected article among them');
  figure('resolved rate', r.outcomes.resolvedRate, 'in-scope cases answered right or offered right');
  figure('wrong answer rate', r.outcomes.wrongAnswerRate, 'cases answered with a wrong article');
  figure('out-of-scope offer rate', r.outcomes.oosOfferRate, 'out-of-scope questions offered articles');

  lines.push(
    '',
    'Per language: in-scope accuracy, answer precision, resolved rate, out-of-scope recall, top-3:',
  );
  for (const l of r.perLang) {
    const o = r.byLang[l.lang];
    const more = o
      ? [o.answerPrecision, o.resolvedRate, o.oosRecall, o.top3].map((x) => percent(x).padStart(8)).join('')
      : '';
    lines.push(`  ${l.lang.padEnd(8)}${percent(l.accuracy).padStart(8)}${more}   ${counts(l.accuracy)}`);
  }

  lines.push('', 'Most confused (expected → answered, count):');
  if (r.confusions.length === 0) lines.push('  none');
  for (const c of r.confusions) lines.push(`  ${c.lang}  ${c.expected} → ${c.answered}  ${c.count}`);

  lines.push(
    '',
    'Reliability of the top candidate (right = the top candidate is the expected article):',
    '  confidence   cases   right   mean confidence',
  );
  for (const b of r.reliability) {
    const range = `${b.from.toFixed(1)}–${b.to.toFixed(1)}`;
    const right = b.accuracy === null ? '–' : `${(b.accuracy * 100).toFixed(1)} %`;
    const mean = b.meanConfidence === null ? '–' : b.meanConfidence.toFixed(3);
    lines.push(`  ${range.padEnd(10)}${String(b.count).padStart(8)}${right.padStart(8)}   ${mean}`);
  }
  lines.push(`  expected calibration error (ECE): ${r.ece.toFixed(4)}`);

  lines.push(
    '',
    `Latency: training ${Math.round(r.trainMs)} ms; query p50 ${r.p50Ms.toFixed(3)} ms, ` +
      `p99 ${r.p99Ms.toFixed(3)} ms`,
  );
  return lines;
}
