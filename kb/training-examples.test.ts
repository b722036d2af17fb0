import { describe, expect, it } from '@jest/globals';
import { bodyShare, trainingExamples } from './training-examples.js';
import { SoftmaxModel } from './softmax.js';
import { Vectorizer } from './vectorizer.js';
import type { Article } from './types.js';
import { testArticle } from '../test/helpers/article.js';

const article = (id: string, questions: string[], body: string): Article =>
  testArticle({ id, title: `About ${id}`, questions, body, file: `${id}.md` });

const sentences = (n: number) =>
  Array.from({ length: n }, (_, i) => `Body sentence number ${i} explains things.`).join(' ');

describe('trainingExamples', () => {
  it('weighs a sparse article’s body sentences together at bodyShare of its title and questions', () => {
    const ex = trainingExamples([
      article('sparse', ['q one here', 'q two here', 'q three here'], sentences(8)),
    ]);
    expect(ex.texts).toHaveLength(12);
    expect(ex.weights.slice(0, 4)).toEqual([1, 1, 1, 1]);
    const bodyWeights = ex.weights.slice(4);
    expect(bodyWeights.every((w) => w === (bodyShare * 4) / 8)).toBe(true);
    expect(bodyWeights.reduce((s, w) => s + w, 0)).toBeCloseTo(bodyShare * 4, 10);
  });

  it('keeps a dense article’s few body sentences at full weight', () => {
    const questions = Array.from({ length: 10 }, (_, i) => `question ${i} text`);
    const ex = trainingExamples([article('dense', questions, 'This is the answer article for dense.')]);
    expect(ex.weights).toEqual(new Array(12).fill(1));
  });

  it('lists titles and questions, not body sentences, as the phrasings neighbours compare with', () => {
    const ex = trainingExamples([
      article('a', ['how do I a'], sentences(2)),
      article('b', ['how do I b', 'where is b'], sentences(1)),
    ]);
    expect(ex.phrasings.map((i) => ex.texts[i])).toEqual([
      'About a',
      'how do I a',
      'About b',
      'how do I b',
      'where is b',
    ]);
    expect(ex.labels).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
  });
});

describe('SoftmaxModel weights', () => {
  it('an example of weight 0 teaches nothing; of weight 1 it does', () => {
    const texts = ['refund my money', 'track my parcel', 'refund parcel'];
    const { vectorizer, vectors } = Vectorizer.fit(texts, 'en');
    const labels = [0, 1, 1];
    const probe = vectorizer.transform('refund parcel');
    const p = (w: number) =>
      SoftmaxModel.train(vectors, labels, 2, vectorizer.size, { weights: [1, 1, w] }).predict(probe)[1] ?? 0;
    expect(p(1)).toBeGreaterThan(p(0) + 0.1);
  });
});
