import { describe, expect, it } from '@jest/globals';
import type { Article } from './types.js';
import { confusionProblems } from './confusion.js';
import { testArticle } from '../test/helpers/article.js';

const article = (id: string, title: string, questions: string[], lang = 'en'): Article =>
  testArticle({
    id,
    lang,
    title,
    questions,
    questionLines: questions.map((_, i) => 5 + i),
    titleLine: 3,
    idLine: 2,
    body: `About ${id}.`,
    formLine: 1,
    file: `kb/${lang}/${id}.md`,
  });

const distinct = [
  article('opening-hours', 'When are you open?', [
    'what are your opening hours',
    'are you open on sunday',
    'when do you close',
    'hours of the shop',
  ]),
  article('gift-cards', 'Do you sell gift cards?', [
    'can I buy a gift card',
    'gift voucher',
    'present card for a friend',
    'how do gift cards work',
  ]),
  article('reset-password', 'How do I reset my password?', [
    'forgot my password',
    'password reset link',
    'change my password',
    'lost password',
  ]),
];

describe('confusionProblems (kb lint cross-validation)', () => {
  it('finds nothing in a KB whose articles are distinct', () => {
    expect(confusionProblems(distinct, { threshold: 0.3 })).toEqual([]);
  });

  it('warns about a question that is answered with another article, naming file, line and both articles', () => {
    const stray = article('refunds', 'When do I get my refund?', [
      'refund timing',
      'money back after a return',
      'when is my refund paid',
      'what are your opening hours on sunday',
    ]);
    const problems = confusionProblems([...distinct, stray], { threshold: 0.3 });
    const stray8 = problems.find((p) => p.file === 'kb/en/refunds.md' && p.line === 8);
    expect(stray8).toMatchObject({ severity: 'warning', code: 'confusable' });
    expect(stray8?.message).toMatch(
      /^"what are your opening hours on sunday" would be answered with "opening-hours" \(kb\/en\/opening-hours\.md\)/,
    );
    // The stray question pulls the other way too: opening-hours' own questions now go to "refunds".
    expect(
      problems.some((p) => p.file === 'kb/en/opening-hours.md' && /answered with "refunds"/.test(p.message)),
    ).toBe(true);
    expect(problems.every((p) => p.severity === 'warning')).toBe(true);
  });

  it('leaves out a single held-out miss unless the bot would be sure of it (ordinary few-shot error)', () => {
    const stray = article('refunds', 'When do I get my refund?', [
      'refund timing',
      'money back after a return',
      'when is my refund paid',
      'what are your opening hours on sunday',
    ]);
    const fromRefunds = (o: { repeated?: number; sure?: number }) =>
      confusionProblems([...distinct, stray], { threshold: 0.3, ...o }).filter(
        (p) => p.file === 'kb/en/refunds.md',
      );
    expect(fromRefunds({ repeated: 1 })).toHaveLength(2); // incl. "money back after a return" → gift-cards: noise
    expect(fromRefunds({ repeated: 2, sure: 1.01 })).toEqual([]);
  });

  it('checks each language on its own and ignores a language with a single article', () => {
    const fi = article('aukiolo', 'Milloin olette auki?', ['aukioloajat', 'oletteko auki sunnuntaina'], 'fi');
    expect(confusionProblems([...distinct, fi], { threshold: 0.3 })).toEqual([]);
  });

  it('reports nothing below the threshold', () => {
    const stray = article('refunds', 'When do I get my refund?', [
      'refund timing',
      'money back',
      'refund paid',
      'what are your opening hours on sunday',
    ]);
    expect(confusionProblems([...distinct, stray], { threshold: 1 })).toEqual([]);
  });
});
