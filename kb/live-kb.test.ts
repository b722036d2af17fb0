import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LiveKnowledgeBase } from './live-kb.js';
import type { KbStats } from './knowledge-base.js';
import { formatProblem, type KbProblem } from './types.js';

/** An article; id on line 2, title on line 3, questions from line 5. */
function article(id: string, title: string, questions: readonly string[], body: string): string {
  return [
    '---',
    `id: ${id}`,
    `title: ${title}`,
    'questions:',
    ...questions.map((q) => `  - ${q}`),
    '---',
    body,
    '',
  ].join('\n');
}

const smallKb: Record<string, string> = {
  'reset-password.md': article(
    'reset-password',
    'How do I reset my password?',
    ['I forgot my password', 'locked out of my account'],
    'Click **Forgot password?** on the sign in page.',
  ),
  'track-order.md': article(
    'track-order',
    'How do I track my order?',
    ['where is my parcel', 'tracking number for my delivery'],
    'Open the shipping email and follow the tracking link.',
  ),
  'refund-timing.md': article(
    'refund-timing',
    'When will I get my refund?',
    ['how long does a refund take', 'money back not received'],
    'Refunds reach your account within 5 to 10 working days.',
  ),
};

const giftCards = article(
  'gift-cards',
  'How do gift cards work?',
  ['can I buy a voucher', 'gift card balance'],
  'Gift cards are valid for two years.',
);

interface Recorder {
  readonly problems: Array<{ problems: readonly KbProblem[]; kept: boolean }>;
  readonly reloaded: KbStats[];
  readonly errors: unknown[];
}

let contentDir = '';
let enDir = '';
let live: LiveKnowledgeBase | null = null;
let events: Recorder;

const write = (name: string, content: string): void => writeFileSync(path.join(enDir, name), content);

async function open(): Promise<LiveKnowledgeBase> {
  live = await LiveKnowledgeBase.open(contentDir, {
    onProblems: (problems, kept) => events.problems.push({ problems, kept }),
    onReloaded: (stats) => events.reloaded.push(stats),
    onError: (err) => events.errors.push(err),
  });
  return live;
}

async function topFor(kb: LiveKnowledgeBase, question: string): Promise<string | undefined> {
  return (await kb.match(question, 'en'))[0]?.articleId;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

beforeEach(() => {
  contentDir = mkdtempSync(path.join(os.tmpdir(), 'fd-live-kb-'));
  enDir = path.join(contentDir, 'kb', 'en');
  mkdirSync(enDir, { recursive: true });
  for (const [name, content] of Object.entries(smallKb)) write(name, content);
  events = { problems: [], reloaded: [], errors: [] };
});

afterEach(async () => {
  await live?.close();
  live = null;
  rmSync(contentDir, { recursive: true, force: true });
});

describe('LiveKnowledgeBase.open', () => {
  it('serves the articles it loaded', async () => {
    const kb = await open();
    expect(kb.stats).toMatchObject({ languages: ['en'], articles: 3, questions: 9 });
    expect(kb.languages()).toEqual(['en']);
    expect(await topFor(kb, 'I forgot my password')).toBe('reset-password');
    expect(kb.article('track-order', 'en')?.title).toBe('How do I track my order?');
    expect(kb.problems).toEqual([]);
    expect(events.problems).toEqual([]);
  });

  it('starts with whatever parsed and reports the rest with kept=false', async () => {
    write('broken.md', 'no front matter');
    const kb = await open();
    expect(kb.stats.articles).toBe(3);
    expect(events.problems).toHaveLength(1);
    expect(events.problems[0]?.kept).toBe(false);
    expect(events.problems[0]?.problems.map((p) => p.code)).toEqual(['front-matter-missing']);
  });
});

describe('LiveKnowledgeBase.reload', () => {
  it('makes a new valid article matchable', async () => {
    const kb = await open();
    expect(await topFor(kb, 'How do gift cards work?')).not.toBe('gift-cards');
    write('gift-cards.md', giftCards);
    await kb.reload();
    expect(await topFor(kb, 'How do gift cards work?')).toBe('gift-cards');
    expect(kb.article('gift-cards', 'en')?.body).toBe('Gift cards are valid for two years.');
    expect(events.reloaded.map((s) => s.articles)).toEqual([4]);
    expect(events.errors).toEqual([]);
  });

  it('keeps the last good KB live when a file breaks, and applies the fix later', async () => {
    const kb = await open();
    const broken = [
      '---',
      'id: gift-cards',
      'title: How do gift cards work?',
      'questions: can I buy a voucher',
      '---',
      'Body',
    ].join('\n');
    write('gift-cards.md', broken);
    await kb.reload();

    expect(await topFor(kb, 'I forgot my password')).toBe('reset-password');
    expect(kb.article('gift-cards', 'en')).toBeUndefined();
    expect(kb.stats.articles).toBe(3);
    expect(events.reloaded).toEqual([]);
    expect(events.problems).toHaveLength(1);
    const report = events.problems[0];
    expect(report?.kept).toBe(true);
    const problem = report?.problems[0];
    expect(problem).toMatchObject({ severity: 'error', code: 'front-matter-invalid', line: 4 });
    expect(problem && path.resolve(problem.file)).toBe(path.join(enDir, 'gift-cards.md'));
    expect(problem && formatProblem(problem)).toMatch(
      /gift-cards\.md:4: error front-matter-invalid: questions: /,
    );
    expect(kb.problems).toBe(report?.problems);

    write('gift-cards.md', giftCards);
    await kb.reload();
    expect(await topFor(kb, 'How do gift cards work?')).toBe('gift-cards');
    expect(await topFor(kb, 'I forgot my password')).toBe('reset-password');
    expect(kb.problems).toEqual([]);
    expect(events.reloaded.map((s) => s.articles)).toEqual([4]);
  });

  it('keeps the last good KB when a cross-file error appears (duplicate question)', async () => {
    const kb = await open();
    write('dup.md', article('dup', 'A duplicate', ['where is my parcel'], 'Body'));
    await kb.reload();
    expect(events.problems[0]?.kept).toBe(true);
    expect(events.problems[0]?.problems.map((p) => p.code)).toEqual(['question-duplicate']);
    expect(kb.article('dup', 'en')).toBeUndefined();
    expect(await topFor(kb, 'where is my parcel')).toBe('track-order');
  });

  it('applies a reload that has only warnings and reports them with kept=false', async () => {
    const kb = await open();
    write('gift-cards.md', giftCards.replace('questions:', 'colour: gold\nquestions:'));
    await kb.reload();
    expect(kb.article('gift-cards', 'en')).toBeDefined();
    expect(events.problems).toEqual([
      { problems: [expect.objectContaining({ code: 'key-unknown' })], kept: false },
    ]);
  });

  it('runs overlapping reloads one after the other', async () => {
    const kb = await open();
    write('gift-cards.md', giftCards);
    await Promise.all([kb.reload(), kb.reload(), kb.reload()]);
    expect(events.reloaded).toHaveLength(3);
    expect(await topFor(kb, 'How do gift cards work?')).toBe('gift-cards');
  });

  it('reports a vanished content folder through onError and keeps serving', async () => {
    const kb = await open();
    rmSync(contentDir, { recursive: true, force: true });
    await kb.reload();
    expect(events.errors).toEqual([expect.objectContaining({ id: 'CONTENT_DIR_MISSING' })]);
    expect(await topFor(kb, 'I forgot my password')).toBe('reset-password');
  });
});

describe('LiveKnowledgeBase.watch', () => {
  it('picks up a new article file by itself', async () => {
    const kb = await open();
    await kb.watch(50);
    write('gift-cards.md', giftCards);
    const seen = await waitFor(async () => (await topFor(kb, 'How do gift cards work?')) === 'gift-cards');
    expect(seen).toBe(true);
    await kb.close();
    expect(events.errors).toEqual([]);
  });

  it('picks up a save made after the KB was read but before watching started (a save during start-up)', async () => {
    const kb = await open();
    write('gift-cards.md', giftCards);
    await kb.watch(50);
    const seen = await waitFor(async () => (await topFor(kb, 'How do gift cards work?')) === 'gift-cards');
    expect(seen).toBe(true);
    await kb.close();
  });

  it('picks up an article in a subfolder created after watching started', async () => {
    const kb = await open();
    await kb.watch(50);
    mkdirSync(path.join(enDir, 'gifts'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    write(path.join('gifts', 'gift-cards.md'), giftCards);
    const seen = await waitFor(async () => kb.article('gift-cards', 'en') !== undefined);
    expect(seen).toBe(true);
  });

  // Every way editors save: each must be live without touching another file.
  const refundText = (days: string) =>
    article(
      'refund-timing',
      'When will I get my refund?',
      ['how long does a refund take', 'money back not received'],
      `Refunds reach your account within ${days} working days.`,
    );
  const bodyIs = (kb: LiveKnowledgeBase, days: string) =>
    waitFor(async () => kb.article('refund-timing', 'en')?.body.includes(`within ${days} working`) === true);

  it('picks up in-place writes, one after another (six saves, six versions)', async () => {
    const kb = await open();
    await kb.watch(30);
    for (const days of ['1', '2', '3', '4', '5', '6']) {
      write('refund-timing.md', refundText(days));
      expect(await bodyIs(kb, days)).toBe(true);
    }
  });

  it('picks up atomic saves (a temp file renamed over the article), repeatedly', async () => {
    const kb = await open();
    await kb.watch(30);
    for (const days of ['7', '8', '9']) {
      const temp = path.join(enDir, `.refund-timing.md.${days}.tmp`);
      writeFileSync(temp, refundText(days));
      renameSync(temp, path.join(enDir, 'refund-timing.md'));
      expect(await bodyIs(kb, days)).toBe(true);
    }
  });

  it('picks up a delete followed by a create of the same file', async () => {
    const kb = await open();
    await kb.watch(30);
    unlinkSync(path.join(enDir, 'refund-timing.md'));
    write('refund-timing.md', refundText('11'));
    expect(await bodyIs(kb, '11')).toBe(true);
  });

  it('picks up a new language folder created after watching started', async () => {
    const kb = await open();
    await kb.watch(30);
    const fiDir = path.join(contentDir, 'kb', 'fi');
    mkdirSync(fiDir);
    writeFileSync(
      path.join(fiDir, 'refund-timing.md'),
      article('refund-timing', 'Milloin saan hyvitykseni?', ['kauanko hyvitys kestää'], 'Viidessä päivässä.'),
    );
    expect(await waitFor(async () => kb.languages().includes('fi'))).toBe(true);
    expect(kb.article('refund-timing', 'fi')?.title).toBe('Milloin saan hyvitykseni?');
  });

  it('stops reloading after close()', async () => {
    const kb = await open();
    await kb.watch(20);
    await kb.close();
    write('gift-cards.md', giftCards);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(kb.article('gift-cards', 'en')).toBeUndefined();
    expect(events.reloaded).toEqual([]);
  });
});

describe('forms on reload', () => {
  const form = (type: string) =>
    `fields:\n  - name: orderNumber\n    type: ${type}\n    pattern: '\\d{5}'\n    label: { en: Order }\n    prompt: { en: Order number? }\n`;

  it('loads a new form, and keeps the last good one when the file breaks (file and line reported)', async () => {
    const formsDir = path.join(contentDir, 'forms');
    mkdirSync(formsDir);
    writeFileSync(path.join(formsDir, 'order.yml'), form('regex'));
    const kb = await open();
    expect(kb.form('order')?.fields[0]?.type).toBe('regex');

    writeFileSync(path.join(formsDir, 'order.yml'), form('zipcode'));
    await kb.reload();
    expect(kb.form('order')?.fields[0]?.type).toBe('regex');
    const last = events.problems.at(-1);
    expect(last?.kept).toBe(true);
    expect(last?.problems.map(formatProblem)).toEqual([
      expect.stringMatching(/forms\/order\.yml:3: error field-invalid: field 1 type: type must be one of/),
    ]);

    writeFileSync(path.join(formsDir, 'order.yml'), form('regex').replace("'\\d{5}'", "'\\d{6}'"));
    await kb.reload();
    expect(kb.form('order')?.fields[0]?.pattern).toBe('\\d{6}');
  });
});
