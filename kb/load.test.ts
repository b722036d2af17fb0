import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../common/errors.js';
import { hasErrors, loadKb, resolveKbRoot } from './load.js';
import type { KbProblem } from './types.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const tempDirs: string[] = [];
afterEach(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fd-kb-load-'));
  tempDirs.push(dir);
  return dir;
}

/** Writes `files` (relative path → content) under `root`, creating folders. */
function writeTree(root: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(root, rel);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
}

/** An article; id on line 2, title on line 3, question i on line 5 + i. */
function article(id: string, title: string, questions: readonly string[] = [], body = 'The answer.'): string {
  const qs = questions.length > 0 ? ['questions:', ...questions.map((q) => `  - ${q}`)] : ['questions: [x]'];
  return ['---', `id: ${id}`, `title: ${title}`, ...qs, '---', body, ''].join('\n');
}

/** The file name loadKb reports: relative to the working directory. */
const shown = (file: string): string => path.relative(process.cwd(), file);

const byCode = (problems: readonly KbProblem[], code: string): KbProblem[] =>
  problems.filter((p) => p.code === code);

describe('resolveKbRoot', () => {
  it('uses <dir>/kb when the folder is laid out like content/', () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'kb', 'en'), { recursive: true });
    expect(resolveKbRoot(dir)).toBe(path.join(dir, 'kb'));
  });

  it('uses the folder itself when it holds <lang>/ directly', () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'en'));
    expect(resolveKbRoot(dir)).toBe(dir);
  });

  it('throws CONTENT_DIR_MISSING for a missing folder', () => {
    const missing = path.join(tempDir(), 'nope');
    let error: unknown;
    try {
      resolveKbRoot(missing);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).id).toBe('CONTENT_DIR_MISSING');
    expect((error as AppError).message).toContain(missing);
  });

  it('throws CONTENT_DIR_MISSING for a file', () => {
    const file = path.join(tempDir(), 'file.md');
    writeFileSync(file, 'x');
    expect(() => resolveKbRoot(file)).toThrow(expect.objectContaining({ id: 'CONTENT_DIR_MISSING' }));
  });

  it('makes loadKb reject for a missing folder', async () => {
    await expect(loadKb(path.join(tempDir(), 'nope'))).rejects.toMatchObject({ id: 'CONTENT_DIR_MISSING' });
  });
});

describe('loadKb', () => {
  it('reads several languages and nested subfolders, ignoring other files', async () => {
    const dir = tempDir();
    writeTree(dir, {
      'kb/en/reset.md': article('reset', 'Reset password', ['forgot my password']),
      'kb/en/orders/track.md': article('track', 'Track my order', ['where is my parcel']),
      'kb/en/orders/deep/cancel.md': article('cancel', 'Cancel my order', ['stop my order']),
      'kb/en/notes.txt': 'not an article',
      'kb/en/.draft.md': 'hidden',
      'kb/de/reset.md': article('reset', 'Passwort zurücksetzen', ['Passwort vergessen']),
      'kb/images/en.md': 'not a language folder',
    });
    const kb = await loadKb(dir);
    expect(kb.problems).toEqual([]);
    expect(kb.root).toBe(path.join(dir, 'kb'));
    expect(kb.languages).toEqual(['de', 'en']);
    const ids = kb.articles.map((a) => `${a.lang}/${a.id}`).sort();
    expect(ids).toEqual(['de/reset', 'en/cancel', 'en/reset', 'en/track']);
    const cancel = kb.articles.find((a) => a.id === 'cancel');
    expect(cancel?.file).toBe(shown(path.join(dir, 'kb/en/orders/deep/cancel.md')));
  });

  it('accepts a folder of <lang>/ directly and regional language tags', async () => {
    const dir = tempDir();
    writeTree(dir, { 'pt-BR/a.md': article('a', 'Olá', ['oi']) });
    const kb = await loadKb(dir);
    expect(kb.problems).toEqual([]);
    expect(kb.languages).toEqual(['pt-BR']);
  });

  it('reports a duplicate id on the second file with its id line, and leaves that file out', async () => {
    const dir = tempDir();
    writeTree(dir, {
      'en/a-first.md': article('same', 'First article', ['question one']),
      'en/b-second.md': [
        '---',
        'title: Second article',
        'questions: [question two]',
        'id: same',
        '---',
        'B',
      ].join('\n'),
    });
    const kb = await loadKb(dir);
    expect(kb.problems).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'id-duplicate',
        file: shown(path.join(dir, 'en/b-second.md')),
        line: 4,
      }),
    ]);
    expect(kb.problems[0]?.message).toContain(shown(path.join(dir, 'en/a-first.md')));
    expect(kb.articles.map((a) => a.title)).toEqual(['First article']);
  });

  it('allows the same id in two languages', async () => {
    const dir = tempDir();
    writeTree(dir, {
      'en/a.md': article('shared', 'Where is my order?', ['tracking']),
      'fr/a.md': article('shared', 'Où est ma commande ?', ['suivi']),
    });
    const kb = await loadKb(dir);
    expect(kb.problems).toEqual([]);
    expect(kb.articles).toHaveLength(2);
  });

  it('reports a question shared by two articles, ignoring case and punctuation', async () => {
    const dir = tempDir();
    writeTree(dir, {
      'en/a.md': article('a', 'Article A', ['Where is my order?', 'something else']),
      'en/b.md': article('b', 'Article B', ['other thing', '  where IS my... order ']),
    });
    const kb = await loadKb(dir);
    const dup = byCode(kb.problems, 'question-duplicate');
    expect(dup).toEqual([
      expect.objectContaining({ severity: 'error', file: shown(path.join(dir, 'en/b.md')), line: 6 }),
    ]);
    expect(dup[0]?.message).toContain('"a"');
    expect(dup[0]?.message).toContain(`${shown(path.join(dir, 'en/a.md'))}:5`);
    expect(kb.articles).toHaveLength(2);
    expect(hasErrors(kb.problems)).toBe(true);
  });

  it('counts the title as a question when looking for duplicates', async () => {
    const dir = tempDir();
    writeTree(dir, {
      'en/a.md': article('a', 'Track my order', ['parcel']),
      'en/b.md': article('b', 'Something else', ['track my order!']),
    });
    const dup = byCode((await loadKb(dir)).problems, 'question-duplicate');
    expect(dup).toEqual([expect.objectContaining({ file: shown(path.join(dir, 'en/b.md')), line: 5 })]);
    expect(dup[0]?.message).toContain(`${shown(path.join(dir, 'en/a.md'))}:3`);
  });

  it('does not compare questions across languages', async () => {
    const dir = tempDir();
    writeTree(dir, { 'en/a.md': article('a', 'Hello', ['ok']), 'nl/a.md': article('a', 'Hallo', ['ok']) });
    expect((await loadKb(dir)).problems).toEqual([]);
  });

  it('warns (not errors) about a question repeated inside one article', async () => {
    const dir = tempDir();
    writeTree(dir, { 'en/a.md': article('a', 'Hello', ['how are you', 'How are you?']) });
    const kb = await loadKb(dir);
    expect(kb.problems).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'question-repeated', line: 6 }),
    ]);
    expect(hasErrors(kb.problems)).toBe(false);
  });

  it('reports an empty KB as kb-empty', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'kb', 'en'), { recursive: true });
    const kb = await loadKb(dir);
    expect(kb.articles).toEqual([]);
    expect(kb.languages).toEqual([]);
    expect(kb.problems).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'kb-empty',
        file: shown(path.join(dir, 'kb')),
        line: 1,
      }),
    ]);
  });

  it('reports kb-empty when every article is broken, next to the per-file errors', async () => {
    const dir = tempDir();
    writeTree(dir, { 'en/a.md': 'no front matter' });
    const codes = (await loadKb(dir)).problems.map((p) => p.code);
    expect(codes).toEqual(['front-matter-missing', 'kb-empty']);
  });

  it('keeps the good articles and reports errors and warnings with their severity', async () => {
    const dir = tempDir();
    writeTree(dir, {
      'en/good.md': article('good', 'Good article', ['a question']),
      'en/no-questions.md': ['---', 'id: nq', 'title: No questions', '---', 'B'].join('\n'),
      'en/unknown-key.md': [
        '---',
        'id: uk',
        'title: Unknown key',
        'questions: [q]',
        'colour: red',
        '---',
        'B',
      ].join('\n'),
      'en/no-body.md': ['---', 'id: nb', 'title: No body', 'questions: [q2]', '---', ''].join('\n'),
      'en/no-title.md': ['---', 'id: nt', 'questions: [q3]', '---', 'B'].join('\n'),
    });
    const kb = await loadKb(dir);
    const summary = kb.problems
      .map((p) => `${path.basename(p.file)}:${p.line} ${p.severity} ${p.code}`)
      .sort();
    expect(summary).toEqual([
      'no-body.md:5 error body-empty',
      'no-questions.md:3 warning questions-missing',
      'no-title.md:1 error front-matter-invalid',
      'unknown-key.md:5 warning key-unknown',
    ]);
    expect(kb.articles.map((a) => a.id).sort()).toEqual(['good', 'nq', 'uk']);
  });
});

describe('loadKb on the demo content', () => {
  it('loads 21 English articles with no problem at all', async () => {
    const kb = await loadKb(path.join(repoRoot, 'content'));
    expect(kb.problems).toEqual([]);
    expect(kb.languages).toContain('en');
    const en = kb.articles.filter((a) => a.lang === 'en');
    expect(en).toHaveLength(21);
    expect(new Set(en.map((a) => a.id)).size).toBe(21);
    for (const a of kb.articles) expect(a.questions.length).toBeGreaterThan(0);
  });
});
