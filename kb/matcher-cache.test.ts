import { describe, expect, it } from '@jest/globals';
import { MatcherCache, matcherKey } from './matcher-cache.js';
import { LanguageMatcher } from './matcher.js';
import type { Article } from './types.js';
import { testArticle } from '../test/helpers/article.js';

const article = (id: string, title: string, questions: string[], body: string): Article =>
  testArticle({
    id,
    title,
    questions,
    questionLines: questions.map((_, i) => 5 + i),
    titleLine: 3,
    idLine: 2,
    body,
    file: `content/kb/en/${id}.md`,
  });

const kb: readonly Article[] = [
  article(
    'reset-password',
    'How do I reset my password?',
    ['I forgot my password'],
    'Use the link we email.',
  ),
  article('track-order', 'How do I track my order?', ['where is my parcel'], 'Follow the tracking link.'),
  article('gift-cards', 'How do gift cards work?', ['can I buy a voucher'], 'Gift cards last two years.'),
];

/** The same articles read from another folder, on other lines. */
const moved = kb.map((a) => ({
  ...a,
  file: `../tmp/fd-content-x/kb/en/${a.id}.md`,
  idLine: a.idLine + 1,
  titleLine: a.titleLine + 1,
  questionLines: a.questionLines.map((l) => l + 1),
  formLine: 7,
}));

const edit = (i: number, change: Partial<Article>): Article[] =>
  kb.map((a, j) => (j === i ? { ...a, ...change } : a));

describe('matcherKey', () => {
  it('is the same for the same articles read from another file or on other lines', () => {
    expect(matcherKey('en', moved)).toBe(matcherKey('en', kb));
  });

  it('changes with the language, the order, and every field the articles hold besides where they are', () => {
    const key = matcherKey('en', kb);
    const variants: Array<[string, readonly Article[]]> = [
      ['fi', kb],
      ['en', [...kb].reverse()],
      ['en', kb.slice(1)],
      ['en', edit(0, { id: 'reset' })],
      ['en', edit(0, { lang: 'fi' })],
      ['en', edit(0, { title: 'How do I change my password?' })],
      ['en', edit(0, { questions: ['I forgot my pass word'] })],
      ['en', edit(0, { body: 'Use the link we send.' })],
      ['en', edit(0, { tags: ['account'] })],
      ['en', edit(0, { form: 'order-problem' })],
      ['en', edit(0, { handoff: true })],
    ];
    const keys = variants.map(([lang, articles]) => matcherKey(lang, articles));
    expect(keys).not.toContain(key);
    expect(new Set(keys).size).toBe(variants.length);
  });
});

describe('MatcherCache', () => {
  it('trains once for the same articles and answers like a matcher trained afresh', () => {
    const cache = new MatcherCache(4);
    const first = cache.matcher('en', kb);
    expect(cache.matcher('en', moved)).toBe(first);
    expect(cache.size).toBe(1);
    const fresh = LanguageMatcher.build('en', kb);
    for (const q of ['where is my parcel', 'voucher', 'forgot password', 'blorp'])
      expect(first.match(q)).toEqual(fresh.match(q));
  });

  it('trains again when an article changes, and the new matcher knows the change', () => {
    const cache = new MatcherCache(4);
    const before = cache.matcher('en', kb);
    const after = cache.matcher(
      'en',
      edit(1, { questions: ['where is my parcel', 'the courier lost my shipment'] }),
    );
    expect(after).not.toBe(before);
    expect(before.match('courier lost shipment')[0]?.articleId).not.toBe('track-order');
    expect(after.match('courier lost shipment')[0]?.articleId).toBe('track-order');
    expect(cache.matcher('en', kb)).toBe(before);
  });

  it('keeps at most its capacity, dropping the least recently used', () => {
    const cache = new MatcherCache(2);
    const a = cache.matcher('en', kb);
    const b = cache.matcher('en', kb.slice(1));
    expect(cache.matcher('en', kb)).toBe(a); // a is now the most recently used
    cache.matcher('en', kb.slice(0, 2)); // drops b
    expect(cache.size).toBe(2);
    expect(cache.matcher('en', kb)).toBe(a);
    expect(cache.matcher('en', kb.slice(1))).not.toBe(b);
  });
});
