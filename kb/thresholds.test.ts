import { describe, expect, it } from '@jest/globals';
import type { Article, Candidate } from './types.js';
import {
  chooseThresholds,
  heldOutCandidates,
  minHeldOut,
  thresholdsFor,
  type TrainMatcher,
} from './thresholds.js';
import { testArticle } from '../test/helpers/article.js';

const article = (id: string, questions: string[]): Article => testArticle({ id, questions });

/**
 * A KB whose right thresholds are known by construction. Each question's text says what the matcher
 * answers for it: "<article> <confidence> #<n>". Per article: 4 questions answered right at 0.8, and 2 at
 * 0.5 of which one is right and one goes to the next article. Over 5 articles (30 questions):
 * - threshold ≤ 0.5: 20 + 5 right of 30 answered → precision 0.833;
 * - threshold 0.51 … 0.8: 20 of 20 → precision 1;
 * - above 0.8: nothing answered.
 * So the lowest threshold reaching 0.9 is 0.51, and reaching 0.8 is the floor of the grid (0.05).
 */
const ids = ['a', 'b', 'c', 'd', 'e'];
const kb: Article[] = ids.map((id, i) =>
  article(id, [
    ...[1, 2, 3, 4].map((n) => `${id} 0.8 #${n}`),
    `${id} 0.5 #5`,
    `${ids[(i + 1) % ids.length]} 0.5 #6`,
  ]),
);

/** The matcher the text describes; it records what it was trained on. */
function scriptedTrainer(): { train: TrainMatcher; trainedOn: string[][] } {
  const trainedOn: string[][] = [];
  const train: TrainMatcher = (_lang, articles) => {
    trainedOn.push(articles.flatMap((a) => a.questions));
    return {
      match: (text: string): Candidate[] => {
        const [id = '', confidence = '0'] = text.split(' ');
        return [{ articleId: id, title: id, confidence: Number(confidence) }];
      },
    };
  };
  return { train, trainedOn };
}

const base = { clarifyMargin: 0.05 };

describe('heldOutCandidates', () => {
  it('holds every question out exactly once, matched by a matcher trained without it', () => {
    const { train, trainedOn } = scriptedTrainer();
    const held = heldOutCandidates('en', kb, train);
    expect(held).toHaveLength(30);
    expect(trainedOn).toHaveLength(3); // min(3 folds, 6 questions)
    const all = kb.flatMap((a) => a.questions);
    // Each question is missing from exactly one training set, and present in the others.
    for (const q of all) expect(trainedOn.filter((t) => !t.includes(q))).toHaveLength(1);
    expect(held.filter((h) => h.expect === 'a')).toHaveLength(6);
  });
});

describe('chooseThresholds', () => {
  const held = heldOutCandidates('en', kb, scriptedTrainer().train);

  it('picks the lowest threshold whose answered precision reaches the target', () => {
    const c = chooseThresholds(held, 0.9, base);
    expect(c).toMatchObject({ answerThreshold: 0.51, reachedTarget: true, targetPrecision: 0.9 });
    // At 0.51: the twenty 0.8 questions are answered (all right), the ten 0.5 ones are offered.
    expect(c?.expected).toEqual({
      heldOut: 30,
      answer: 20 / 30,
      offer: 10 / 30,
      admit: 0,
      precision: 1,
      offerRecall: 5 / 30,
    });
  });

  it('a lower target is reached from the bottom of the grid, or from the floor', () => {
    expect(chooseThresholds(held, 0.8, base)?.answerThreshold).toBe(0.05);
    expect(chooseThresholds(held, 0.8, base, 0.25)?.answerThreshold).toBe(0.25);
    expect(chooseThresholds(held, 0.9, base, 0.6)?.answerThreshold).toBe(0.6);
  });

  it('takes the most precise threshold when the target cannot be reached', () => {
    const wrongAtTop = held.map((h) =>
      h.candidates[0]?.confidence === 0.8 ? { ...h, expect: 'nobody' } : h,
    );
    // ≤ 0.5: 5 right of 30; 0.51 … 0.8: 0 of 20. Best: 0.05 (precision 1/6).
    const c = chooseThresholds(wrongAtTop, 0.9, base);
    expect(c).toMatchObject({ answerThreshold: 0.05, reachedTarget: false });
    expect(c?.expected.precision).toBeCloseTo(5 / 30, 10);
  });

  it('chooses nothing from fewer than minHeldOut questions', () => {
    expect(chooseThresholds(held.slice(0, minHeldOut - 1), 0.9, base)).toBeUndefined();
  });
});

describe('thresholdsFor', () => {
  it('chooses for the KB and reuses the choice for the same articles and options', () => {
    const first = scriptedTrainer();
    const options = { targetPrecision: 0.9, floor: 0.25, clarifyMargin: 0.05 };
    expect(thresholdsFor('en', kb, options, first.train)?.answerThreshold).toBe(0.51);
    const second = scriptedTrainer();
    expect(thresholdsFor('en', kb, options, second.train)?.answerThreshold).toBe(0.51);
    expect(second.trainedOn).toHaveLength(0);
    expect(thresholdsFor('en', kb, { ...options, targetPrecision: 0.8 }, second.train)?.answerThreshold).toBe(
      0.25,
    );
  });

  it('leaves a language with too few questions to the process threshold', () => {
    const small = kb.slice(0, 3); // 18 questions
    expect(
      thresholdsFor(
        'en',
        small,
        { targetPrecision: 0.9, floor: 0, clarifyMargin: 0 },
        scriptedTrainer().train,
      ),
    ).toBeUndefined();
  });
});
