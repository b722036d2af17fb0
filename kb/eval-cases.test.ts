import { describe, expect, it } from '@jest/globals';
import { AppError } from '../common/errors.js';
import { checkCaseTargets, parseCases, type EvalCase } from './eval-cases.js';

/** The AppError `fn` throws (fails the test when it does not throw one). */
function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}

describe('parseCases', () => {
  it('reads one case per line with its line number, skipping blank lines', () => {
    const source = [
      '{"text": "where is my parcel", "lang": "en", "expect": "track-order"}',
      '',
      '{"text": "what is the weather", "lang": "en", "expect": null, "note": "ignored"}',
      '   ',
    ].join('\n');
    expect(parseCases('cases.jsonl', source)).toEqual([
      { line: 1, text: 'where is my parcel', lang: 'en', expect: 'track-order' },
      { line: 3, text: 'what is the weather', lang: 'en', expect: null },
    ]);
  });

  it('lists every malformed line by number and evaluates nothing', () => {
    const source = [
      '{"text": "ok", "lang": "en", "expect": "a"}',
      '{"text": "broken", ',
      '{"lang": "en", "expect": "a"}',
      '{"text": 3, "lang": "en", "expect": "a"}',
      '{"text": "x", "lang": "en", "expect": 7}',
      '["text"]',
      '{"text": "x", "lang": "en"}',
    ].join('\n');
    const err = thrown(() => parseCases('cases.jsonl', source));
    expect(err.id).toBe('CASES_INVALID');
    expect(err.message).toBe('cases.jsonl: 6 malformed line(s); nothing was evaluated');
    expect(err.details).toEqual([
      expect.stringMatching(/^line 2: not valid JSON \(/),
      'line 3: missing "text"',
      'line 4: "text" must be a string',
      'line 5: "expect" must be an article id (a non-empty string) or null',
      'line 6: expected an object {"text", "lang", "expect"}',
      'line 7: missing "expect"',
    ]);
  });

  it('rejects a file without cases', () => {
    expect(thrown(() => parseCases('empty.jsonl', '\n\n')).message).toBe(
      'empty.jsonl: no cases (expected one JSON object per line)',
    );
  });
});

describe('checkCaseTargets', () => {
  const kb = {
    languages: () => ['en', 'fi'],
    article: (id: string, lang: string) =>
      (lang === 'en' && id === 'a') || (lang === 'fi' && id === 'b') || undefined,
  };
  const at = (line: number, lang: string, expect: string | null): EvalCase => ({
    line,
    text: 'q',
    lang,
    expect,
  });

  it('accepts cases whose ids exist in their language', () => {
    expect(() =>
      checkCaseTargets('c.jsonl', [at(1, 'en', 'a'), at(2, 'fi', 'b'), at(3, 'en', null)], kb),
    ).not.toThrow();
  });

  it('lists unknown article ids with their lines (an id is looked up in the case language)', () => {
    const err = thrown(() =>
      checkCaseTargets(
        'c.jsonl',
        [at(1, 'en', 'a'), at(2, 'en', 'b'), at(4, 'fi', 'zz'), at(5, 'en', 'b')],
        kb,
      ),
    );
    expect(err.id).toBe('CASES_INVALID');
    expect(err.message).toBe('c.jsonl: unknown article id(s) in "expect": "b" (en), "zz" (fi)');
    expect(err.details).toEqual([
      'line 2: no article "b" in en',
      'line 4: no article "zz" in fi',
      'line 5: no article "b" in en',
    ]);
  });

  it('reports cases in a language without articles', () => {
    const err = thrown(() => checkCaseTargets('c.jsonl', [at(1, 'en', 'a'), at(2, 'de', null)], kb));
    expect(err.message).toBe(
      'c.jsonl: 1 case(s) in a language with no articles (the knowledge base has: en, fi)',
    );
    expect(err.details).toEqual(['line 2: no articles in "de"']);
  });

  it('reports an empty knowledge base as KB_EMPTY', () => {
    const empty = { languages: () => [], article: () => undefined };
    expect(thrown(() => checkCaseTargets('c.jsonl', [at(1, 'en', null)], empty)).id).toBe('KB_EMPTY');
  });
});
