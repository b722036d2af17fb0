import { describe, expect, it } from '@jest/globals';
import { decide, wouldAnswer } from './policy.js';

const s = { answerThreshold: 0.5, clarifyMargin: 0.1 };
const c = (articleId: string, confidence: number) => ({ articleId, title: `T ${articleId}`, confidence });

describe('decide', () => {
  it('answers a confident, clear winner', () => {
    expect(decide([c('a', 0.8), c('b', 0.3)], s)).toEqual({ kind: 'answer', candidate: c('a', 0.8) });
  });

  it('answers at exactly the threshold', () => {
    expect(decide([c('a', 0.5)], s).kind).toBe('answer');
  });

  it('asks "did you mean" when the top two are close and plausible', () => {
    expect(decide([c('a', 0.62), c('b', 0.58), c('c', 0.1)], s)).toEqual({
      kind: 'clarify',
      options: [c('a', 0.62), c('b', 0.58)],
    });
  });

  it('clarifies below the threshold when both are plausible (≥ 60 % of it)', () => {
    expect(decide([c('a', 0.35), c('b', 0.31)], s).kind).toBe('clarify');
  });

  it('treats a tie of two implausible candidates as unresolved, not ambiguity', () => {
    expect(decide([c('a', 0.2), c('b', 0.19)], s).kind).toBe('unresolved');
  });

  it('is unresolved with no candidate or a weak one', () => {
    expect(decide([], s).kind).toBe('unresolved');
    expect(decide([c('a', 0.49)], s).kind).toBe('unresolved');
  });

  it('answers when the runner-up is close but implausible', () => {
    expect(decide([c('a', 0.55), c('b', 0.25)], { answerThreshold: 0.5, clarifyMargin: 0.4 }).kind).toBe(
      'answer',
    );
  });

  it('wouldAnswer mirrors the decision', () => {
    expect(wouldAnswer([c('a', 0.9)], s)?.articleId).toBe('a');
    expect(wouldAnswer([c('a', 0.62), c('b', 0.6)], s)).toBeNull();
  });
});
