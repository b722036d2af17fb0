import { AppError } from '../common/errors.js';

export interface LangCase {
  readonly text: string;
  readonly lang: string;
  readonly line: number;
}

/** `{"text": "...", "lang": "fi"}` per line; a malformed line stops with its number. */
export function parseLangCases(file: string, source: string, langs: readonly string[]): LangCase[] {
  const cases: LangCase[] = [];
  source.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw new AppError('CASES_INVALID', `${file}:${i + 1}: not valid JSON`);
    }
    const c = value as { text?: unknown; lang?: unknown };
    if (typeof c.text !== 'string' || typeof c.lang !== 'string') {
      throw new AppError('CASES_INVALID', `${file}:${i + 1}: each line needs "text" and "lang" strings`);
    }
    if (!langs.includes(c.lang)) {
      throw new AppError(
        'CASES_INVALID',
        `${file}:${i + 1}: "${c.lang}" is not one of --langs ${langs.join(',')}`,
      );
    }
    cases.push({ text: c.text, lang: c.lang, line: i + 1 });
  });
  if (cases.length === 0) throw new AppError('CASES_INVALID', `${file}: no cases`);
  return cases;
}

/** Message length buckets, in characters. */
export function sizeBucket(text: string): '1-20' | '21-60' | '61+' {
  const n = [...text].length;
  return n <= 20 ? '1-20' : n <= 60 ? '21-60' : '61+';
}

export interface LangEvalResult {
  readonly cases: number;
  readonly accuracy: number;
  readonly perLang: Record<string, number>;
  readonly bySize: Record<string, number>;
  readonly p99Ms: number;
  readonly p50Ms: number;
  readonly confusions: Array<{ expected: string; got: string; count: number }>;
  readonly misses: Array<{ line: number; text: string; expected: string; got: string }>;
}

/** Detection of each case on its own, as the first message of a new conversation with no hint. */
export function evaluateLanguages(
  detector: { detect(text: string): { lang: string } },
  cases: readonly LangCase[],
): LangEvalResult {
  const tally = (m: Map<string, [number, number]>, k: string, ok: boolean) => {
    const [r, n] = m.get(k) ?? [0, 0];
    m.set(k, [r + (ok ? 1 : 0), n + 1]);
  };
  const perLang = new Map<string, [number, number]>();
  const bySize = new Map<string, [number, number]>();
  const confusions = new Map<string, number>();
  const misses: LangEvalResult['misses'] = [];
  const times: number[] = [];
  let right = 0;
  for (const c of cases) {
    const t = performance.now();
    const got = detector.detect(c.text).lang;
    times.push(performance.now() - t);
    const ok = got === c.lang;
    if (ok) right++;
    else {
      misses.push({ line: c.line, text: c.text, expected: c.lang, got });
      confusions.set(`${c.lang}\u0000${got}`, (confusions.get(`${c.lang}\u0000${got}`) ?? 0) + 1);
    }
    tally(perLang, c.lang, ok);
    tally(bySize, sizeBucket(c.text), ok);
  }
  // Latency in steady state: the first pass above warms the JIT up; time two more passes.
  times.length = 0;
  for (let round = 0; round < 2; round++) {
    for (const c of cases) {
      const t = performance.now();
      detector.detect(c.text);
      times.push(performance.now() - t);
    }
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => round(times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0);
  const shares = (m: Map<string, [number, number]>) =>
    Object.fromEntries([...m].sort().map(([k, [r, n]]) => [k, round(r / n)]));
  return {
    cases: cases.length,
    accuracy: round(right / cases.length),
    perLang: shares(perLang),
    bySize: shares(bySize),
    p99Ms: at(0.99),
    p50Ms: at(0.5),
    confusions: [...confusions]
      .map(([k, count]) => {
        const [expected = '', got = ''] = k.split('\u0000');
        return { expected, got, count };
      })
      .sort((a, b) => b.count - a.count),
    misses,
  };
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}
