import { describe, expect, it } from '@jest/globals';
import { featurize, tokenize } from './features.js';
import { Vectorizer } from './vectorizer.js';
import { SoftmaxModel, seededRandom } from './softmax.js';
import { NeighbourIndex } from './neighbours.js';
import { calibrate, fitCoefficients, type Evidence } from './calibration.js';

describe('features', () => {
  it('tokenises, stems English words, and adds bigrams and boundary-marked char 3–4-grams', () => {
    expect(tokenize("Don't PAY, twice!")).toEqual(['dont', 'pay', 'twice']);
    const f = featurize('paying cards', 'en');
    expect(f.get('w:pay')).toBe(1);
    expect(f.get('w:card')).toBe(1);
    expect(f.get('b:pay_card')).toBe(1);
    expect(f.get('c:<pa')).toBe(1);
    expect(f.get('c:ds>')).toBe(1);
    expect(f.has('c:<p')).toBe(false);
  });
});

describe('Vectorizer', () => {
  it('weighs rare features more and normalises each group to its weight', () => {
    const { vectorizer, vectors } = Vectorizer.fit(['refund money', 'refund card', 'refund time'], 'en');
    const v = vectorizer.transform('refund money');
    const words = vectorizer.only(v, 'w');
    const norm = Math.sqrt(words.val.reduce((s, x) => s + x * x, 0));
    expect(norm).toBeCloseTo(1, 5);
    const [a, b] = [...words.val];
    expect(Math.max(a ?? 0, b ?? 0)).toBeGreaterThan(Math.min(a ?? 0, b ?? 0));
    expect(vectorizer.transform('zzz qqq').idx.length).toBe(0);
    expect(vectors).toHaveLength(3);
  });
});

describe('SoftmaxModel', () => {
  const texts = ['where is my parcel', 'track my package', 'reset my password', 'forgot password'];
  const labels = [0, 0, 1, 1];
  const { vectorizer, vectors } = Vectorizer.fit(texts, 'en');

  it('learns a separable problem, with probabilities summing to 1', () => {
    const m = SoftmaxModel.train(vectors, labels, 2, vectorizer.size);
    const p = m.predict(vectorizer.transform('where is the package'));
    expect(p[0]).toBeGreaterThan(0.8);
    expect((p[0] ?? 0) + (p[1] ?? 0)).toBeCloseTo(1, 10);
  });

  it('is deterministic for a seed', () => {
    const a = SoftmaxModel.train(vectors, labels, 2, vectorizer.size, { seed: 3 }).predict(
      vectorizer.transform('reset my password'),
    );
    const b = SoftmaxModel.train(vectors, labels, 2, vectorizer.size, { seed: 3 }).predict(
      vectorizer.transform('reset my password'),
    );
    expect([...a]).toEqual([...b]);
    const r = seededRandom(1);
    const xs = Array.from({ length: 100 }, r);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(seededRandom(1)()).toBe(xs[0]);
  });
});

describe('NeighbourIndex', () => {
  it('gives cosine 1 to an example of the class, 0 to a class sharing nothing, and resets between queries', () => {
    const fitted = Vectorizer.fit(['parcel tracking', 'password reset'], 'en');
    const vectorizer = fitted.vectorizer;
    const vectors = fitted.vectors.map((v) => vectorizer.only(v, 'wb'));
    const index = new NeighbourIndex(vectors, Int32Array.from([0, 1]), 2, vectorizer.size);
    const query = vectorizer.only(vectorizer.transform('parcel tracking'), 'wb');
    const first = index.bestPerClass(query);
    expect(first[0]).toBeCloseTo(1, 5);
    expect(first[1]).toBe(0);
    expect([...index.bestPerClass(query)]).toEqual([...first]);
  });
});

describe('calibration', () => {
  const e = (over: Partial<Evidence>): Evidence => ({
    p: 0.5,
    margin: 0.2,
    sim: 0.5,
    simGap: 0.1,
    lex: 0.3,
    ...over,
  });

  it('is a probability that grows with the classifier, the similarity gap and BM25 evidence', () => {
    expect(calibrate(e({ p: 0.9 }))).toBeGreaterThan(calibrate(e({ p: 0.3 })));
    expect(calibrate(e({ simGap: 0.5 }))).toBeGreaterThan(calibrate(e({ simGap: 0 })));
    expect(calibrate(e({ lex: 1 }))).toBeGreaterThan(calibrate(e({ lex: 0 })));
    for (const x of [e({}), e({ p: 0, margin: -1, lex: 0 }), e({ p: 1, margin: 1, simGap: 1, lex: 1 })]) {
      expect(calibrate(x)).toBeGreaterThan(0);
      expect(calibrate(x)).toBeLessThan(1);
    }
  });

  it('fits coefficients that reproduce a known relationship', () => {
    const random = seededRandom(9);
    const samples = Array.from({ length: 400 }, () => {
      const x = e({ p: random(), lex: random(), margin: 0, sim: 0, simGap: 0 });
      const truth = 1 / (1 + Math.exp(-(-2 + 4 * x.lex)));
      return { e: x, right: random() < truth };
    });
    const w = fitCoefficients(samples, 2000);
    expect(w[5]).toBeGreaterThan(2);
    const predicted = samples.reduce((s, x) => s + calibrate(x.e, w), 0) / samples.length;
    const observed = samples.filter((x) => x.right).length / samples.length;
    expect(Math.abs(predicted - observed)).toBeLessThan(0.03);
  });
});
