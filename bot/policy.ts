import type { KbCandidate } from './ports.js';

export interface PolicySettings {
  /** Answer when the best candidate's confidence is at least this. */
  readonly answerThreshold: number;
  /** Two candidates closer than this are a tie: ask which one. */
  readonly clarifyMargin: number;
}

export type Decision =
  | { readonly kind: 'answer'; readonly candidate: KbCandidate }
  | { readonly kind: 'clarify'; readonly options: readonly [KbCandidate, KbCandidate] }
  | { readonly kind: 'unresolved' };

/**
 * Confident and clear → answer; two close candidates that are both plausible → "Did you mean …?";
 * otherwise admit it. A candidate is plausible from 60 % of the answer threshold: below that a tie is
 * noise, not ambiguity.
 */
export function decide(candidates: readonly KbCandidate[], s: PolicySettings): Decision {
  const [top, second] = candidates;
  if (!top) return { kind: 'unresolved' };
  const plausible = s.answerThreshold * 0.6;
  if (second && second.confidence >= plausible && top.confidence - second.confidence < s.clarifyMargin) {
    if (top.confidence >= plausible) return { kind: 'clarify', options: [top, second] };
  }
  if (top.confidence >= s.answerThreshold) return { kind: 'answer', candidate: top };
  return { kind: 'unresolved' };
}

/** Whether the bot would answer: what `kb eval` counts. */
export function wouldAnswer(candidates: readonly KbCandidate[], s: PolicySettings): KbCandidate | null {
  const d = decide(candidates, s);
  return d.kind === 'answer' ? d.candidate : null;
}
