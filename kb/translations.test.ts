import { describe, expect, it } from '@jest/globals';
import type { Article } from './types.js';
import { missingLocaleKeys, missingTranslations } from './translations.js';

const a = (id: string, lang: string): Article => ({
  id,
  lang,
  title: id,
  questions: [],
  questionLines: [],
  titleLine: 3,
  idLine: 2,
  body: 'B',
  tags: [],
  form: null,
  formLine: 1,
  handoff: false,
  file: `kb/${lang}/${id}.md`,
});

describe('missing translations', () => {
  it('warns once per article id, at the default language file, naming the missing languages', () => {
    const problems = missingTranslations([a('x', 'en'), a('x', 'fi'), a('y', 'en'), a('z', 'th')], 'en');
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'translation-missing',
        severity: 'warning',
        file: 'kb/en/x.md',
        line: 2,
      }),
      expect.objectContaining({
        file: 'kb/en/y.md',
        message: expect.stringMatching(/"y" has no translation in fi, th/),
      }),
      expect.objectContaining({
        file: 'kb/th/z.md',
        message: expect.stringMatching(/"z" has no translation in en, fi/),
      }),
    ]);
    expect(problems[0]?.message).toMatch(/in th \(expected th\/x\.md\)/);
  });

  it('is silent for a single-language KB', () => {
    expect(missingTranslations([a('x', 'en'), a('y', 'en')], 'en')).toEqual([]);
  });
});

describe('missing locale keys', () => {
  it('lists nested keys missing against the reference', () => {
    expect(missingLocaleKeys({ a: 'x', b: { c: 'y', d: 'z' } }, { a: 'x', b: { c: 'y' } })).toEqual(['b.d']);
    expect(missingLocaleKeys({ a: 'x' }, { a: 'x', extra: 'y' })).toEqual([]);
  });
});
