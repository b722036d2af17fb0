import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { frontdesk } from './helpers/cli.js';

const article = (id: string, title: string, questions: readonly string[], body: string): string =>
  [
    '---',
    `id: ${id}`,
    `title: ${title}`,
    'questions:',
    ...questions.map((q) => `  - ${q}`),
    '---',
    body,
    '',
  ].join('\n');

/**
 * Five articles with no words in common, so an article's own question leaves no doubt. The KB's threshold
 * (0.6) sits well below what such a question scores and well above what made-up words can.
 */
const fixtureKb: Record<string, string> = {
  'en/reset-password.md': article(
    'reset-password',
    'How do I reset my password?',
    ['I forgot my password', 'locked out of my account'],
    'Use the Forgot password link.',
  ),
  'en/track-order.md': article(
    'track-order',
    'How do I track my order?',
    ['where is my parcel', 'tracking number for my delivery'],
    'Follow the tracking link.',
  ),
  'en/gift-cards.md': article(
    'gift-cards',
    'How do gift cards work?',
    ['can I buy a voucher', 'gift card balance'],
    'Gift cards last two years.',
  ),
  'de/versand.md': article(
    'versand',
    'Wie lange dauert der Versand?',
    ['wann kommt mein Paket', 'Lieferzeit nach Deutschland'],
    'Zwei bis drei Werktage.',
  ),
  'de/rueckgabe.md': article(
    'rueckgabe',
    'Wie schicke ich Ware zurueck?',
    ['Retoure anmelden', 'Ruecksendung beantragen'],
    'Im Kundenkonto unter Retouren.',
  ),
  'config.yml': '# tuned for this KB\nanswerThreshold: 0.6\n',
};

const line = (text: string, lang: string, expect: string | null): string =>
  JSON.stringify({ text, lang, expect });

/**
 * Outcomes, worked by hand (every in-scope text is one of an article's own questions):
 *  1–3 answered right · 4 is track-order's question labelled reset-password → answered wrong ·
 *  5 gibberish in scope → not answered · 6 an article title marked out of scope → answered (a miss) ·
 *  7–8 gibberish out of scope → not answered (caught) · 9–10 German, answered right.
 * In scope 7, right 5 → 5/7; out of scope 3, caught 2 → 2/3; not answered 3 (5, 7, 8), of which out of
 * scope 2 → 2/3; answered 7, right 5 → 5/7; en 3/5, de 2/2.
 */
const fixtureCases = [
  line('I forgot my password', 'en', 'reset-password'),
  line('where is my parcel', 'en', 'track-order'),
  line('can I buy a voucher', 'en', 'gift-cards'),
  line('tracking number for my delivery', 'en', 'reset-password'),
  line('zxqv blorp', 'en', 'gift-cards'),
  line('How do gift cards work?', 'en', null),
  line('qwfp zhgt', 'en', null),
  line('jjqx wkkz', 'en', null),
  line('wann kommt mein Paket', 'de', 'versand'),
  line('Retoure anmelden', 'de', 'rueckgabe'),
].join('\n');

let dir = '';
let content = '';
const file = (name: string, text: string): string => {
  const full = path.join(dir, name);
  writeFileSync(full, text);
  return full;
};

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'fd-kb-eval-'));
  content = path.join(dir, 'content');
  for (const [rel, text] of Object.entries(fixtureKb)) {
    const full = path.join(content, 'kb', rel);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  file('cases.jsonl', `${fixtureCases}\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('frontdesk kb eval (runCli in-process)', () => {
  it('--json: the last line holds the specified figures, with the KB config over the environment', async () => {
    const r = await frontdesk(
      ['kb', 'eval', '--content', content, '--cases', path.join(dir, 'cases.jsonl'), '--json'],
      { env: { ANSWER_THRESHOLD: '0.9', CLARIFY_MARGIN: '0.07' } },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const last = r.stdout.trimEnd().split('\n').at(-1) ?? '';
    expect(last).toMatch(/^\{"cases": 10, "inScopeAccuracy": 0\.7143, /);
    const json = JSON.parse(last) as Record<string, unknown>;
    expect(Object.keys(json).slice(0, 9)).toEqual([
      'cases',
      'inScopeAccuracy',
      'oosRecall',
      'oosPrecision',
      'answeredAccuracy',
      'perLang',
      'trainMs',
      'p50Ms',
      'p99Ms',
    ]);
    expect(json).toMatchObject({
      cases: 10,
      inScopeAccuracy: 0.7143,
      oosRecall: 0.6667,
      oosPrecision: 0.6667,
      answeredAccuracy: 0.7143,
      perLang: { de: 1, en: 0.6 },
      clarifyRate: 0,
      inScope: 7,
      outOfScope: 3,
      answerThreshold: 0.6, // config.yml wins over ANSWER_THRESHOLD=0.9
      clarifyMargin: 0.07, // config.yml leaves it out: CLARIFY_MARGIN applies
    });
    const { trainMs, p50Ms, p99Ms, ece } = json as {
      trainMs: number;
      p50Ms: number;
      p99Ms: number;
      ece: number;
    };
    expect(Number.isInteger(trainMs) && trainMs >= 0).toBe(true);
    expect(p50Ms).toBeGreaterThanOrEqual(0);
    expect(p99Ms).toBeGreaterThanOrEqual(p50Ms);
    expect(ece).toBeGreaterThanOrEqual(0);
    expect(ece).toBeLessThanOrEqual(1);

    expect(r.stdout).toMatch(
      /^settings: answer threshold 0\.6 \(config\.yml\), clarify margin 0\.07 \(environment/m,
    );
    expect(r.stdout).toMatch(/^ {2}en {2}reset-password → track-order {2}1$/m);
    const bucketCounts = [...r.stdout.matchAll(/^ {2}\d\.\d–\d\.\d +(\d+) /gm)].map((m) => Number(m[1]));
    expect(bucketCounts).toHaveLength(10);
    expect(bucketCounts.reduce((a, b) => a + b, 0)).toBe(10);
  });

  it('without --json prints only the readable report', async () => {
    const r = await frontdesk(['kb', 'eval', '--content', content, '--cases', path.join(dir, 'cases.jsonl')]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/^\{/m);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toMatch(/^Latency: training \d+ ms; query p50 /);
  });

  it('a malformed line: its number, exit 2, nothing evaluated', async () => {
    const cases = file(
      'bad.jsonl',
      `${line('where is my parcel', 'en', 'track-order')}\n\n{"text": "x", "lang": "en"}\n`,
    );
    const r = await frontdesk(['kb', 'eval', '--content', content, '--cases', cases, '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /bad\.jsonl: 1 malformed line\(s\); nothing was evaluated\n {2}line 3: missing "expect"/,
    );
  });

  it('an unknown article id (looked up in the case language): the ids and lines, exit 2', async () => {
    const cases = file(
      'unknown.jsonl',
      [line('where is my parcel', 'en', 'track-order'), line('wo ist mein Paket', 'de', 'track-order')].join(
        '\n',
      ),
    );
    const r = await frontdesk(['kb', 'eval', '--content', content, '--cases', cases]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /unknown article id\(s\) in "expect": "track-order" \(de\)\n {2}line 2: no article/,
    );
  });

  it('a case language without articles, and an empty KB: clear messages, exit 2', async () => {
    const fi = file('fi.jsonl', line('missä on pakettini', 'fi', null));
    const r = await frontdesk(['kb', 'eval', '--content', content, '--cases', fi]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /1 case\(s\) in a language with no articles \(the knowledge base has: de, en\)\n {2}line 1: no articles in "fi"/,
    );

    const empty = path.join(dir, 'empty');
    mkdirSync(path.join(empty, 'kb', 'en'), { recursive: true });
    const e = await frontdesk(['kb', 'eval', '--content', empty, '--cases', path.join(dir, 'cases.jsonl')]);
    expect(e.code).toBe(2);
    expect(e.stderr).toMatch(/The knowledge base has no articles: there is nothing to evaluate/);
  });

  it('missing flags print usage; a missing folder or cases file is a clear error; all exit 2', async () => {
    const cases = path.join(dir, 'cases.jsonl');
    for (const args of [['--content', content], ['--cases', cases], []]) {
      const r = await frontdesk(['kb', 'eval', ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/kb eval needs --content DIR and --cases FILE\.jsonl[\s\S]*Usage:/);
    }
    const noDir = await frontdesk(['kb', 'eval', '--content', path.join(dir, 'nope'), '--cases', cases]);
    expect(noDir.code).toBe(2);
    expect(noDir.stderr).toMatch(/content folder does not exist/);
    const noCases = await frontdesk([
      'kb',
      'eval',
      '--content',
      content,
      '--cases',
      path.join(dir, 'nope.jsonl'),
    ]);
    expect(noCases.code).toBe(2);
    expect(noCases.stderr).toMatch(/The cases file does not exist: .*nope\.jsonl/);
  });
});
