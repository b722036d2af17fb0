import { describe, expect, it } from '@jest/globals';
import { decide, effectiveSettings, wouldAnswer } from './policy.js';

const s = { answerThreshold: 0.5, clarifyMargin: 0.1 };
const c = (articleId: string, confidence: number) => ({ articleId, title: `T ${articleId}`, confidence });

describe('decide', () => {
  it('answers a confident, clear winner', () => {
    expect(decide([c('a', 0.8), c('b', 0.3)], s)).toEqual({ kind: 'answer', candidate: c('a', 0.8) });
  });

  it('answers at exactly the threshold', () => {
    expect(decide([c('a', 0.5)], s).kind).toBe('answer');
  });

  it('offers instead of answering when the top two are close and plausible', () => {
    expect(decide([c('a', 0.62), c('b', 0.58), c('c', 0.03)], s)).toEqual({
      kind: 'offer',
      options: [c('a', 0.62), c('b', 0.58), c('c', 0.03)].slice(0, 2),
    });
  });

  it('offers below the answer threshold when the likely articles add up to the offer threshold', () => {
    const three = [c('a', 0.2), c('b', 0.1), c('c', 0.05), c('d', 0.04)];
    expect(decide(three, { ...s, offerThreshold: 0.35 })).toEqual({
      kind: 'offer',
      options: [c('a', 0.2), c('b', 0.1), c('c', 0.05)],
    });
    expect(decide(three, { ...s, offerThreshold: 0.36 }).kind).toBe('unresolved');
  });

  it('leaves out of an offer the candidates with less than a twentieth of the best one', () => {
    expect(decide([c('a', 0.4), c('b', 0.03), c('c', 0.019)], { ...s, offerThreshold: 0.3 })).toEqual({
      kind: 'offer',
      options: [c('a', 0.4), c('b', 0.03)],
    });
    expect(decide([c('a', 0.4), c('b', 0.03), c('c', 0.021)], { ...s, offerThreshold: 0.3 })).toEqual({
      kind: 'offer',
      options: [c('a', 0.4), c('b', 0.03), c('c', 0.021)],
    });
  });

  it('offers from 0.33 together when no offer threshold is set, when the best has 40 % of it', () => {
    expect(decide([c('a', 0.2), c('b', 0.13)], s).kind).toBe('offer');
    expect(decide([c('a', 0.14), c('b', 0.11), c('c', 0.1), c('d', 0.1)], s).kind).toBe('offer');
    expect(decide([c('a', 0.2), c('b', 0.12)], s).kind).toBe('unresolved');
    // Gibberish: small confidences spread evenly over many articles add up, but none leads (0.13 < 0.132).
    expect(decide([c('a', 0.13), c('b', 0.13), c('c', 0.13), c('d', 0.1)], s).kind).toBe('unresolved');
  });

  it('is unresolved with no candidate or a weak one', () => {
    expect(decide([], s).kind).toBe('unresolved');
    expect(decide([c('a', 0.29)], s).kind).toBe('unresolved');
  });

  it('answers when the runner-up is close but implausible', () => {
    expect(decide([c('a', 0.55), c('b', 0.25)], { answerThreshold: 0.5, clarifyMargin: 0.4 }).kind).toBe(
      'answer',
    );
  });

  it('an explicit answer threshold keeps the process offer threshold, not the chosen one', () => {
    const base = { answerThreshold: 0.25, clarifyMargin: 0.05 };
    const chosen = { answerThreshold: 0.4, offerThreshold: 0.3 };
    expect(effectiveSettings(base, {}, chosen)).toEqual({ ...base, ...chosen });
    expect(effectiveSettings(base, { answerThreshold: 0.5 }, chosen)).toEqual({
      ...base,
      answerThreshold: 0.5,
    });
    expect(effectiveSettings(base, { offerThreshold: 0.2 }, chosen).offerThreshold).toBe(0.2);
  });

  it('wouldAnswer mirrors the decision', () => {
    expect(wouldAnswer([c('a', 0.9)], s)?.articleId).toBe('a');
    expect(wouldAnswer([c('a', 0.62), c('b', 0.6)], s)).toBeNull();
  });
});
