import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { kbAsk, kbLint } from './kb.js';
import type { Output } from './output.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const demoContent = path.join(repoRoot, 'content');
const settings = { answerThreshold: 0.25, clarifyMargin: 0.05, defaultLang: 'en' };

interface CapturedOutput extends Output {
  readonly lines: string[];
  readonly errors: string[];
}

function capture(): CapturedOutput {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, line: (text) => void lines.push(text), error: (text) => void errors.push(text) };
}

const tempDirs: string[] = [];
afterEach(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temp content folder (`kb/<lang>/…`) holding `files` (path under kb/ → content). */
function contentWith(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fd-kb-cmd-'));
  tempDirs.push(dir);
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(dir, 'kb', rel);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return dir;
}

const article = (id: string, title: string, question: string): string =>
  ['---', `id: ${id}`, `title: ${title}`, 'questions:', `  - ${question}`, '---', 'The answer.', ''].join(
    '\n',
  );

describe('kbLint', () => {
  it('returns 1 on a broken KB and prints each problem as file:line: severity code: message', async () => {
    const dir = contentWith({
      'en/good.md': article('good', 'Good article', 'a fine question'),
      'en/twin.md': article('good', 'Twin article', 'another question'),
      'en/no-title.md': ['---', 'id: nt', 'questions: [q]', '---', 'B'].join('\n'),
      'en/shared.md': article('shared', 'Shared', 'A fine question!'),
      'en/extra.md': ['---', 'id: ex', 'title: Extra', 'questions: [q2]', 'colour: red', '---', 'B'].join(
        '\n',
      ),
    });
    const out = capture();
    expect(await kbLint(dir, out)).toBe(1);
    expect(out.errors).toEqual([]);

    const rel = (name: string): string => path.relative(process.cwd(), path.join(dir, 'kb', 'en', name));
    const problemLines = out.lines.slice(0, -1);
    for (const line of problemLines) expect(line).toMatch(/^.+\.md:\d+: (error|warning) [a-z-]+: .+$/);
    expect(problemLines).toEqual(
      expect.arrayContaining([
        `${rel('twin.md')}:2: error id-duplicate: id "good" is already used by ${rel('good.md')} (en); this file is ignored`,
        expect.stringMatching(
          new RegExp(`^${escapeRegExp(rel('no-title.md'))}:1: error front-matter-invalid: title: `),
        ),
        expect.stringMatching(new RegExp(`^${escapeRegExp(rel('shared.md'))}:5: error question-duplicate: `)),
        `${rel('extra.md')}:5: warning key-unknown: unknown key "colour"`,
      ]),
    );
    expect(problemLines).toHaveLength(4);
    expect(out.lines.at(-1)).toBe('3 article(s) in en: 3 error(s), 1 warning(s)');
  });

  it('returns 0 on a KB with only warnings', async () => {
    const dir = contentWith({ 'en/a.md': ['---', 'id: a', 'title: No questions', '---', 'B'].join('\n') });
    const out = capture();
    expect(await kbLint(dir, out)).toBe(0);
    expect(out.lines).toHaveLength(2);
    expect(out.lines[0]).toMatch(/a\.md:3: warning questions-missing: /);
    expect(out.lines[1]).toBe('1 article(s) in en: 0 error(s), 1 warning(s)');
  });

  it('returns 1 on an empty KB and says there is no language', async () => {
    const out = capture();
    expect(await kbLint(contentWith({ 'en/readme.txt': 'x' }), out)).toBe(1);
    expect(out.lines[0]).toMatch(/:1: error kb-empty: /);
    expect(out.lines.at(-1)).toBe('0 article(s) in no language: 1 error(s), 0 warning(s)');
  });

  it('returns 0 on the demo content with a clean summary', async () => {
    const out = capture();
    expect(await kbLint(demoContent, out)).toBe(0);
    expect(out.lines).toEqual([
      expect.stringMatching(/^\d+ article\(s\) in [a-z, ]*\ben\b[a-z, ]*: 0 error\(s\), 0 warning\(s\)$/),
    ]);
    expect(out.errors).toEqual([]);
  });

  it('rejects with CONTENT_DIR_MISSING for a missing folder (the CLI maps it to exit 2)', async () => {
    await expect(kbLint(path.join(os.tmpdir(), 'fd-does-not-exist-4711'), capture())).rejects.toMatchObject({
      id: 'CONTENT_DIR_MISSING',
    });
  });
});

describe('kbAsk', () => {
  it('prints ranked candidates and decides to answer', async () => {
    const out = capture();
    expect(await kbAsk(demoContent, 'I forgot my password', 'en', settings, out)).toBe(0);
    expect(out.errors).toEqual([]);
    const ranked = out.lines.slice(0, -1);
    expect(ranked.length).toBeGreaterThan(0);
    expect(ranked.length).toBeLessThanOrEqual(5);
    expect(ranked[0]).toMatch(/^1\. \d\.\d{3} {2}reset-password {2}How do I reset my password\?$/);
    const confidences = ranked.map((l, i) => {
      const m = /^(\d+)\. (\d\.\d{3}) {2}\S+ {2}.+$/.exec(l);
      expect(m?.[1]).toBe(String(i + 1));
      return Number(m?.[2]);
    });
    expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
    expect(out.lines.at(-1)).toBe('decision (threshold 0.25, margin 0.05): answer with "reset-password"');
  });

  it('uses the default language when none is given', async () => {
    const out = capture();
    expect(await kbAsk(demoContent, 'how do I track my order', undefined, settings, out)).toBe(0);
    expect(out.lines[0]).toMatch(/ {2}track-order {2}/);
  });

  it('offers both and "None of these" when two candidates are close', async () => {
    const twin = (id: string, title: string, qs: string[]) =>
      `---\nid: ${id}\ntitle: ${title}\nquestions:\n${qs.map((q) => `  - ${q}`).join('\n')}\n---\nAnswer ${id}.\n`;
    const dir = contentWith({
      'en/card.md': twin('pay-card', 'Can I pay by card?', ['paying with a card', 'card payment']),
      'en/cash.md': twin('pay-cash', 'Can I pay in cash?', ['paying with cash', 'cash payment']),
    });
    const out = capture();
    expect(await kbAsk(dir, 'can I pay', 'en', settings, out)).toBe(0);
    expect(out.lines.at(-1)).toMatch(/: offer "pay-ca(rd|sh)", "pay-ca(rd|sh)" and "None of these"$/);
  });

  it('ranks unknown words far below the threshold and declines', async () => {
    const out = capture();
    expect(await kbAsk(demoContent, 'zxqv blorp', 'en', settings, out)).toBe(0);
    const top = /^1\. (\d\.\d{3}) /.exec(out.lines[0] ?? '');
    expect(Number(top?.[1] ?? 0)).toBeLessThan(0.2);
    expect(out.lines.at(-1)).toBe(
      'decision (threshold 0.25, margin 0.05): not answer (low confidence): ask to rephrase and log it as unresolved',
    );
  });

  it('follows the threshold it is given', async () => {
    const out = capture();
    const strict = { ...settings, answerThreshold: 1.01 };
    expect(await kbAsk(demoContent, 'I forgot my password', 'en', strict, out)).toBe(0);
    expect(out.lines.at(-1)).toMatch(/^decision \(threshold 1\.01, margin 0\.05\): offer "reset-password"/);
  });

  it('returns 2 with a clear message for a language the KB does not have', async () => {
    const out = capture();
    expect(await kbAsk(demoContent, 'Wo ist meine Bestellung?', 'de', settings, out)).toBe(2);
    expect(out.lines).toEqual([]);
    expect(out.errors).toEqual([
      expect.stringMatching(
        /^The knowledge base has no articles in "de" \(it has: [a-z, ]*\ben\b[a-z, ]*\)\.$/,
      ),
    ]);
  });
});

/** Escapes a string for use inside a RegExp. */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('kbAsk with the KB config file (kb/config.yml)', () => {
  const kb = {
    'en/reset-password.md': article('reset-password', 'How do I reset my password?', 'I forgot my password'),
    'en/track-order.md': article('track-order', 'How do I track my order?', 'where is my parcel'),
    'en/gift-cards.md': article('gift-cards', 'How do gift cards work?', 'can I buy a voucher'),
  };
  // Two topics in one question: no article can be certain of it.
  const question = 'I forgot my password and where is my parcel';

  async function ask(dir: string): Promise<{ top: number; decision: string }> {
    const out = capture();
    expect(await kbAsk(dir, question, 'en', settings, out)).toBe(0);
    return {
      top: Number(/^1\. (\d\.\d{3}) /.exec(out.lines[0] ?? '')?.[1]),
      decision: out.lines.at(-1) ?? '',
    };
  }

  it('its answerThreshold decides, over the process settings', async () => {
    const lenient = await ask(contentWith({ ...kb, 'config.yml': 'answerThreshold: 0\nclarifyMargin: 0\n' }));
    expect(lenient.decision).toMatch(
      /^decision \(threshold 0, margin 0\): answer with "(reset-password|track-order)"$/,
    );
    expect(lenient.top).toBeLessThan(0.99);

    // Just above the top candidate's confidence (printed to 3 decimals): the same question is not answered.
    const strict = (lenient.top + 0.002).toFixed(3);
    const r = await ask(
      contentWith({ ...kb, 'config.yml': `answerThreshold: ${strict}\nclarifyMargin: 0\n` }),
    );
    expect(r.decision).toMatch(
      new RegExp(
        `^decision \\(threshold ${Number(strict)}, margin 0\\): offer "(reset-password|track-order)"`,
      ),
    );
  });

  it('a key it leaves out comes from the process settings', async () => {
    const r = await ask(contentWith({ ...kb, 'config.yml': 'clarifyMargin: 0.2\n' }));
    expect(r.decision).toMatch(/^decision \(threshold 0\.25, margin 0\.2\): /);
  });
});
