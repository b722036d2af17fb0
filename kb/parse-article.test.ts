import { describe, expect, it } from '@jest/globals';
import { parseArticle, type ParseResult } from './parse-article.js';
import type { KbProblem } from './types.js';

/** Joins lines into a file; line N of the array is line N+1 of the file. */
const file = (...lines: string[]): string => `${lines.join('\n')}\n`;

const parse = (source: string): ParseResult => parseArticle('kb/en/sample.md', source, 'en');

const codes = (problems: readonly KbProblem[]): string[] => problems.map((p) => `${p.severity} ${p.code}`);

const valid = file(
  '---', // 1
  'id: reset-password', // 2
  'title: How do I reset my password?', // 3
  'questions:', // 4
  '  - I forgot my password', // 5
  '  - "can\'t log in to my account"', // 6
  '', // 7
  '  - locked out', // 8
  'tags: [account, security]', // 9
  'form: contact-details', // 10
  'handoff: true', // 11
  '---', // 12
  '', // 13
  '  Go to **Settings → Security**.  ', // 14
  '', // 15
);

describe('parseArticle: a valid article', () => {
  it('reads every front matter field and trims the body', () => {
    const { article, problems } = parse(valid);
    expect(problems).toEqual([]);
    expect(article).toEqual({
      id: 'reset-password',
      lang: 'en',
      title: 'How do I reset my password?',
      questions: ['I forgot my password', "can't log in to my account", 'locked out'],
      questionLines: [5, 6, 8],
      titleLine: 3,
      idLine: 2,
      body: 'Go to **Settings → Security**.',
      tags: ['account', 'security'],
      form: 'contact-details',
      formLine: 10,
      handoff: true,
      file: 'kb/en/sample.md',
    });
  });

  it('applies defaults for the optional fields', () => {
    const { article, problems } = parse(file('---', 'id: a', 'title: T', 'questions: [q]', '---', 'Body'));
    expect(problems).toEqual([]);
    expect(article).toMatchObject({ tags: [], form: null, handoff: false, questions: ['q'] });
  });

  it('keeps multi-line Markdown in the body', () => {
    const { article } = parse(file('---', 'id: a', 'title: T', 'questions: [q]', '---', '1. one', '2. two'));
    expect(article?.body).toBe('1. one\n2. two');
  });

  it('tolerates a byte order mark and keeps the same line numbers', () => {
    const { article, problems } = parse(`\uFEFF${valid}`);
    expect(problems).toEqual([]);
    expect(article).toMatchObject({
      id: 'reset-password',
      idLine: 2,
      titleLine: 3,
      questionLines: [5, 6, 8],
    });
  });

  it('tolerates CRLF line endings', () => {
    const { article, problems } = parse(valid.replace(/\n/g, '\r\n'));
    expect(problems).toEqual([]);
    expect(article).toMatchObject({ id: 'reset-password', questionLines: [5, 6, 8] });
  });

  it('counts lines from the file, not from the front matter, when the YAML is indented deeper', () => {
    const { article } = parse(
      file('---', 'id: a', '# a comment', 'title: T', 'questions:', '', '  - one', '  - two', '---', 'B'),
    );
    expect(article).toMatchObject({ idLine: 2, titleLine: 4, questionLines: [7, 8] });
  });
});

describe('parseArticle: front matter problems', () => {
  it('reports a file without front matter at line 1', () => {
    const { article, problems } = parse(file('# Just Markdown', '', 'No front matter here.'));
    expect(article).toBeNull();
    expect(problems).toEqual([
      expect.objectContaining({ severity: 'error', code: 'front-matter-missing', line: 1 }),
    ]);
  });

  it('reports front matter that is never closed as missing', () => {
    const { article, problems } = parse(file('---', 'id: a', 'title: T', 'Body'));
    expect(article).toBeNull();
    expect(codes(problems)).toEqual(['error front-matter-missing']);
  });

  it('reports front matter that is not a mapping', () => {
    const { article, problems } = parse(file('---', '- a', '- b', '---', 'Body'));
    expect(article).toBeNull();
    expect(problems).toEqual([expect.objectContaining({ code: 'front-matter-invalid', line: 2 })]);
  });

  const brokenYaml: Array<[string, string]> = [
    ['an unclosed quote', file('---', 'id: a', 'title: T', "questions: ['it's broken']", '---', 'B')],
    ['a nested mapping on one line', file('---', 'id: a', 'title: T', 'tags: a: b', '---', 'B')],
    ['a duplicate key', file('---', 'id: a', 'title: T', 'title: U', '---', 'B')],
    ['bad indentation', file('---', 'questions:', '    - a', '  - b', 'id: a', 'title: T', '---', 'B')],
  ];

  it.each(brokenYaml)('reports broken YAML (%s) as yaml-invalid and drops the article', (_name, source) => {
    const { article, problems } = parse(source);
    expect(article).toBeNull();
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) expect(p).toMatchObject({ severity: 'error', code: 'yaml-invalid' });
  });

  it.each(brokenYaml)('names the file line of broken YAML (%s): line 4', (_name, source) => {
    const { problems } = parse(source);
    expect(problems[0]?.line).toBe(4);
  });

  it('reports a missing id at the front matter line', () => {
    const { article, problems } = parse(file('---', 'title: T', 'questions: [q]', '---', 'Body'));
    expect(article).toBeNull();
    expect(problems).toEqual([
      expect.objectContaining({ severity: 'error', code: 'front-matter-invalid', line: 1 }),
    ]);
    expect(problems[0]?.message).toMatch(/^id: id is required/);
  });

  it('reports a missing title at the front matter line', () => {
    const { article, problems } = parse(file('---', 'id: a', 'questions: [q]', '---', 'Body'));
    expect(article).toBeNull();
    expect(problems).toEqual([expect.objectContaining({ code: 'front-matter-invalid', line: 1 })]);
    expect(problems[0]?.message).toMatch(/^title: title is required/);
  });

  it('reports an id with forbidden characters on its line', () => {
    const { problems } = parse(file('---', 'title: T', 'id: "has space"', 'questions: [q]', '---', 'Body'));
    expect(problems).toEqual([expect.objectContaining({ code: 'front-matter-invalid', line: 3 })]);
  });

  it('reports questions that are not a list on their line', () => {
    const { article, problems } = parse(file('---', 'id: a', 'title: T', 'questions: how do I?', '---', 'B'));
    expect(article).toBeNull();
    expect(problems).toEqual([
      expect.objectContaining({ severity: 'error', code: 'front-matter-invalid', line: 4 }),
    ]);
    expect(problems[0]?.message).toMatch(/^questions: /);
  });

  it('reports an empty question on its own line', () => {
    const { problems } = parse(
      file('---', 'id: a', 'title: T', 'questions:', '  - ok', '  - ""', '---', 'B'),
    );
    expect(problems).toEqual([expect.objectContaining({ code: 'front-matter-invalid', line: 6 })]);
    expect(problems[0]?.message).toMatch(/^questions\.1: /);
  });

  it('reports a non-boolean handoff on its line', () => {
    const { problems } = parse(
      file('---', 'id: a', 'title: T', 'questions: [q]', 'handoff: maybe', '---', 'B'),
    );
    expect(problems).toEqual([expect.objectContaining({ code: 'front-matter-invalid', line: 5 })]);
  });

  it('warns about an unknown key on its line and still returns the article', () => {
    const { article, problems } = parse(
      file('---', 'id: a', 'title: T', 'questions: [q]', 'colour: blue', 'taggs: [x]', '---', 'B'),
    );
    expect(article?.id).toBe('a');
    expect(problems).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'key-unknown', line: 5 }),
      expect.objectContaining({ severity: 'warning', code: 'key-unknown', line: 6 }),
    ]);
    expect(problems[0]?.message).toContain('"colour"');
  });

  it('warns when there are no alternative questions, at the title line', () => {
    const { article, problems } = parse(file('---', 'id: a', 'title: T', '---', 'Body'));
    expect(article?.questions).toEqual([]);
    expect(problems).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'questions-missing', line: 3 }),
    ]);
  });
});

describe('parseArticle: body', () => {
  it('rejects an article with only whitespace after the front matter', () => {
    const { article, problems } = parse(
      file('---', 'id: a', 'title: T', 'questions: [q]', '---', '', '   ', ''),
    );
    expect(article).toBeNull();
    expect(problems).toEqual([expect.objectContaining({ severity: 'error', code: 'body-empty', line: 5 })]);
  });

  it('rejects an article that ends right after the closing fence', () => {
    const { article, problems } = parse('---\nid: a\ntitle: T\nquestions: [q]\n---');
    expect(article).toBeNull();
    expect(codes(problems)).toEqual(['error body-empty']);
  });
});

describe('parseArticle: what would stop the parser', () => {
  it('refuses lists nested deeper than the widget shows, at the line, before remark parses it', () => {
    const started = performance.now();
    const r = parse(file('---', 'id: deep', 'title: Deep', '---', '', 'Intro', '- '.repeat(5000)));
    expect(r.article).toBeNull();
    expect(r.problems).toEqual([
      {
        severity: 'error',
        code: 'markdown-too-deep',
        file: 'kb/en/sample.md',
        line: 7,
        message: 'lists or block quotes nest 5000 levels deep here; at most 32 can be shown',
      },
    ]);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('reports an alias to nothing and an alias bomb as YAML problems, not exceptions', () => {
    expect(codes(parse(file('---', 'id: *nope', 'title: T', '---', 'Body')).problems)).toEqual([
      'error yaml-invalid',
    ]);
    const bomb = parse(
      file(
        '---',
        'a: &a [x, x, x, x, x, x, x, x, x]',
        'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
        'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
        'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
        'id: bomb',
        'title: T',
        '---',
        'Body',
      ),
    );
    expect(bomb.article).toBeNull();
    expect(bomb.problems).toEqual([
      expect.objectContaining({
        code: 'yaml-invalid',
        line: 2,
        message: expect.stringMatching(/alias count/),
      }),
    ]);
  });
});
