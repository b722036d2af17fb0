import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { francAll } from 'franc-min';
import { AppError } from '../../common/errors.js';
import { loadKb } from '../../kb/load.js';
import { textsByLanguage } from '../../kb/texts.js';
import { LanguageDetector } from '../../lang/detector.js';
import { evaluateLanguages, parseLangCases } from '../../lang/eval.js';
import { iso6393, toIso1 } from '../../lang/codes.js';
import type { Output } from './output.js';

export interface LangEvalOptions {
  readonly casesFile: string;
  readonly langs: readonly string[];
  readonly contentDir: string;
  readonly defaultLang: string;
  readonly json: boolean;
}

/**
 * `frontdesk lang eval`: language identification on labelled messages, each as the first message of a new
 * conversation, restricted to --langs; the KB in the content folder (when it exists) adds its own text to
 * the model, as in the running bot. Also shows franc-min, restricted the same way, for comparison.
 */
export async function langEval(o: LangEvalOptions, out: Output): Promise<number> {
  if (!existsSync(o.casesFile))
    throw new AppError('CASES_INVALID', `The cases file does not exist: ${o.casesFile}`);
  const cases = parseLangCases(o.casesFile, await readFile(o.casesFile, 'utf8'), o.langs);
  const texts = existsSync(o.contentDir) ? textsByLanguage((await loadKb(o.contentDir)).articles) : {};
  const started = performance.now();
  const detector = LanguageDetector.build(o.langs, texts, o.defaultLang);
  const buildMs = Math.round(performance.now() - started);
  const result = evaluateLanguages(detector, cases);

  const only = o.langs.map((l) => iso6393[l] ?? l);
  const franc = evaluateLanguages(
    { detect: (text: string) => ({ lang: toIso1(francAll(text, { only, minLength: 1 })[0]?.[0] ?? 'und') }) },
    cases,
  );

  const pct = (x: number | undefined) => (x === undefined ? '—' : `${(x * 100).toFixed(1)} %`);
  out.line(`${result.cases} cases in ${o.langs.join(', ')} (model built in ${buildMs} ms)`);
  out.line(`accuracy ${pct(result.accuracy)}   (franc-min restricted the same way: ${pct(franc.accuracy)})`);
  out.line(
    'per language: ' +
      o.langs.map((l) => `${l} ${pct(result.perLang[l])} (franc-min ${pct(franc.perLang[l])})`).join(', '),
  );
  out.line(
    'by length:    ' +
      Object.keys(result.bySize)
        .map((b) => `${b} chars ${pct(result.bySize[b])} (franc-min ${pct(franc.bySize[b])})`)
        .join(', '),
  );
  out.line(`latency: p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms`);
  for (const c of result.confusions.slice(0, 10)) out.line(`  ${c.expected} → ${c.got}: ${c.count}`);
  for (const m of result.misses.slice(0, 20))
    out.line(`  line ${m.line}: ${JSON.stringify(m.text)} is ${m.expected}, detected ${m.got}`);
  if (o.json) {
    const { cases: n, accuracy, perLang, bySize, p99Ms } = result;
    out.line(
      JSON.stringify({
        cases: n,
        accuracy,
        perLang,
        bySize,
        p99Ms,
        p50Ms: result.p50Ms,
        francMin: franc.accuracy,
      }),
    );
  }
  return 0;
}
