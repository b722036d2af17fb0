import { mkdtempSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parseArticle } from '../kb/parse-article.js';
import { insideRoot, versionOf, withQuestion, writeArticleFile } from './article-file.js';

const questionsOf = (md: string) => parseArticle('a.md', md, 'en').article?.questions;

describe('withQuestion', () => {
  it('appends one line to a block list and keeps every other byte, comments included', () => {
    const md =
      '---\nid: x # the id\ntitle: T\nquestions:\n    - one # c\n    - "two: three"\n# trailing comment\ntags: [a]\n---\nBody\n';
    const out = withQuestion(md, 'new: q?');
    expect(out).toBe(
      '---\nid: x # the id\ntitle: T\nquestions:\n    - one # c\n    - "two: three"\n    - "new: q?"\n# trailing comment\ntags: [a]\n---\nBody\n',
    );
    expect(questionsOf(out)).toEqual(['one', 'two: three', 'new: q?']);
  });

  it('adds to a flow list and creates a missing list, keeping the comments', () => {
    const flow = withQuestion('---\nid: x\ntitle: T # t\nquestions: [a, b]\n---\nBody\n', 'new q');
    expect(questionsOf(flow)).toEqual(['a', 'b', 'new q']);
    expect(flow).toContain('title: T # t');
    const none = withQuestion('---\nid: x\n# keep me\ntitle: T\n---\nBody\n', 'new q');
    expect(questionsOf(none)).toEqual(['new q']);
    expect(none).toContain('# keep me');
    expect(none.endsWith('---\nBody\n')).toBe(true);
  });
});

describe('writing article files', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'fd-review-'));
  mkdirSync(path.join(root, 'en'));

  it('rejects paths outside the content folder, through .. or a symbolic link', () => {
    const outside = mkdtempSync(path.join(os.tmpdir(), 'fd-outside-'));
    writeFileSync(path.join(outside, 'x.md'), 'x');
    symlinkSync(path.join(outside, 'x.md'), path.join(root, 'en', 'link.md'));
    expect(() => insideRoot(root, '../x.md')).toThrow(
      expect.objectContaining({ id: 'CONTENT_PATH_INVALID' }),
    );
    expect(() => insideRoot(root, 'en/link.md')).toThrow(
      expect.objectContaining({ id: 'CONTENT_PATH_INVALID' }),
    );
    expect(insideRoot(root, 'en/new.md')).toBe(path.join(root, 'en', 'new.md'));
  });

  it('conflicts when the file changed since it was read, and never overwrites a new file', async () => {
    const file = path.join(root, 'en', 'a.md');
    writeFileSync(file, 'one');
    const read = versionOf('one');
    writeFileSync(file, 'changed on disk');
    await expect(writeArticleFile(file, 'mine', read)).rejects.toMatchObject({ id: 'REVIEW_CONFLICT' });
    expect(readFileSync(file, 'utf8')).toBe('changed on disk');
    await expect(writeArticleFile(file, 'mine', null)).rejects.toMatchObject({ id: 'ARTICLE_EXISTS' });
    await writeArticleFile(file, 'mine', versionOf('changed on disk'));
    expect(readFileSync(file, 'utf8')).toBe('mine');
  });
});
