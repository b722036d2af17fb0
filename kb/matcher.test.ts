import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decide, type PolicySettings } from './policy.js';
import { loadKb } from './load.js';
import { LanguageMatcher } from './matcher.js';
import type { Article, Candidate } from './types.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The config defaults (server/config.ts): ANSWER_THRESHOLD and CLARIFY_MARGIN. */
const policy: PolicySettings = { answerThreshold: 0.25, clarifyMargin: 0.05 };

interface Paraphrase {
  readonly text: string;
  readonly lang: string;
  readonly expect: string | null;
}

function isParaphrase(x: unknown): x is Paraphrase {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as Record<string, unknown>;
  return (
    typeof r['text'] === 'string' &&
    typeof r['lang'] === 'string' &&
    (typeof r['expect'] === 'string' || r['expect'] === null)
  );
}

function readParaphrases(): Paraphrase[] {
  const source = readFileSync(path.join(repoRoot, 'test/fixtures/demo-paraphrases.jsonl'), 'utf8');
  return source
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l, i) => {
      const parsed: unknown = JSON.parse(l);
      if (!isParaphrase(parsed)) throw new Error(`demo-paraphrases.jsonl:${i + 1}: unexpected shape`);
      return parsed;
    });
}

function expectWellFormed(candidates: readonly Candidate[]): void {
  for (const c of candidates) {
    expect(c.confidence).toBeGreaterThanOrEqual(0);
    expect(c.confidence).toBeLessThanOrEqual(1);
  }
  const confidences = candidates.map((c) => c.confidence);
  expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
}

let articles: readonly Article[] = [];
let matcher: LanguageMatcher;

beforeAll(async () => {
  const kb = await loadKb(path.join(repoRoot, 'content'));
  articles = kb.articles.filter((a) => a.lang === 'en');
  matcher = await LanguageMatcher.build('en', articles);
});

describe('LanguageMatcher on the demo content', () => {
  it('has the 21 demo articles to work with', () => {
    expect(articles).toHaveLength(21);
  });

  it('ranks every article first for its own title', async () => {
    const misses: string[] = [];
    for (const a of articles) {
      const [top] = await matcher.match(a.title);
      if (top?.articleId !== a.id) misses.push(`${a.id} → ${top?.articleId ?? 'nothing'}`);
    }
    expect(misses).toEqual([]);
  });

  it('ranks every article first for each of its own questions', async () => {
    const misses: string[] = [];
    for (const a of articles) {
      for (const q of a.questions) {
        const [top] = await matcher.match(q);
        if (top?.articleId !== a.id) misses.push(`${a.id}: "${q}" → ${top?.articleId ?? 'nothing'}`);
      }
    }
    // Own examples are training data: nearly all must come back to their article. Today 1 of 127 does not:
    // contact-us "what is your customer service email" → support-hours.
    const total = articles.reduce((n, a) => n + a.questions.length, 0);
    expect(misses.length / total).toBeLessThanOrEqual(0.05);
  });

  it('gives confidences in [0, 1], sorted descending, with titles, for many questions', async () => {
    const questions = [...articles.map((a) => a.title), ...readParaphrases().map((p) => p.text)];
    for (const q of questions) {
      const candidates = await matcher.match(q);
      expect(candidates.length).toBeLessThanOrEqual(5);
      expectWellFormed(candidates);
      for (const c of candidates) expect(c.title).toBe(articles.find((a) => a.id === c.articleId)?.title);
    }
  });

  it('respects the limit', async () => {
    expect(await matcher.match('order', 2)).toHaveLength(2);
    expect(await matcher.match('my order payment refund return', 20)).not.toHaveLength(0);
  });

  it('gives nothing, or a very low confidence, for unknown words', async () => {
    for (const q of ['zxqv blorp', 'qwertyuiop asdfgh', '']) {
      const candidates = await matcher.match(q);
      expectWellFormed(candidates);
      expect(candidates[0]?.confidence ?? 0).toBeLessThan(0.2);
    }
  });

  it('does not throw on lunr query syntax in the question', async () => {
    const nasty = [
      'title:foo +bar -baz ~2 ^3 * "',
      'title:',
      '*',
      '+ - ~ ^ : " \\',
      'body:refund^10 questions:*',
      'order~1 refund*',
      '"unclosed quote',
      '🙂 ✓ → ',
    ];
    for (const q of nasty) {
      const candidates = await matcher.match(q);
      expectWellFormed(candidates);
    }
  });
});

describe('LanguageMatcher in a language without a stemmer', () => {
  it('still matches (character n-grams carry the morphology) and ranks nonsense low', async () => {
    const nl = articles.map((a) => ({ ...a, lang: 'nl' }));
    const unstemmed = LanguageMatcher.build('nl', nl);
    const [top, ...rest] = unstemmed.match('How do I track my order?');
    expect(top?.articleId).toBe('track-order');
    expect(top?.confidence).toBeGreaterThan(0.9);
    expectWellFormed([...(top ? [top] : []), ...rest]);
    expect(unstemmed.match('zxqv blorp')[0]?.confidence ?? 0).toBeLessThan(0.2);
  });
});

describe('LanguageMatcher.suggest (as the visitor types)', () => {
  it('completes the word being typed', () => {
    expect(matcher.suggest('how do I ret').map((c) => c.articleId)).toContain('return-an-item');
    expect(matcher.suggest('where is my par').map((c) => c.articleId)).toContain('track-order');
    expect(matcher.suggest('reset my passw')[0]?.articleId).toBe('reset-password');
  });

  it('suggests at most `limit` articles, and nothing for nonsense or stop words only', () => {
    expect(matcher.suggest('order', 3).length).toBeLessThanOrEqual(3);
    expect(matcher.suggest('zxqv blorp')).toEqual([]);
    expect(matcher.suggest('how do I')).toEqual([]);
  });
});

describe('paraphrase regression floor (demo content, real decision policy)', () => {
  // Measured with the calibrated matcher (npm run bench): see the figures in docs/ARCHITECTURE.md §9.
  // Raise these floors when the matcher improves.
  const inScopeFloor = 0.7;
  const outOfScopeFloor = 0.8;

  it(`answers ≥ ${inScopeFloor} of in-scope questions correctly and declines ≥ ${outOfScopeFloor} of the rest`, async () => {
    const cases = readParaphrases();
    let inScope = 0;
    let inScopeRight = 0;
    let outOfScope = 0;
    let outOfScopeDeclined = 0;
    const wrongAnswers: string[] = [];
    for (const c of cases) {
      expect(c.lang).toBe('en');
      const decision = decide(matcher.match(c.text), policy);
      const answered = decision.kind === 'answer' ? decision.candidate.articleId : null;
      if (c.expect === null) {
        outOfScope++;
        if (answered === null) outOfScopeDeclined++;
      } else {
        inScope++;
        if (answered === c.expect) inScopeRight++;
        else if (answered !== null) wrongAnswers.push(`"${c.text}" → ${answered} (want ${c.expect})`);
      }
    }
    expect(inScope).toBe(42);
    expect(outOfScope).toBe(10);
    const figures = { inScope: inScopeRight / inScope, outOfScope: outOfScopeDeclined / outOfScope };
    expect(figures.inScope).toBeGreaterThanOrEqual(inScopeFloor);
    expect(figures.outOfScope).toBeGreaterThanOrEqual(outOfScopeFloor);
    // Confidently wrong answers are worse than no answer; today there are 5.
    expect(wrongAnswers.length).toBeLessThanOrEqual(6);
  });
});
