import type { KbCandidate } from './types.js';

/** How many candidates the bot and `kb eval` ask the matcher for. */
export const matchLimit = 5;

export interface PolicySettings {
  /** Answer when the best candidate's confidence is at least this. */
  readonly answerThreshold: number;
  /** Two candidates closer than this are a tie: ask which one. */
  readonly clarifyMargin: number;
}

/**
 * The settings in force: the knowledge base's own value for each key when it sets one (`config.yml`),
 * else the process configuration's (environment or default).
 */
export function effectiveSettings(
  base: PolicySettings,
  overrides: Partial<PolicySettings> | undefined,
): PolicySettings {
  return {
    answerThreshold: overrides?.answerThreshold ?? base.answerThreshold,
    clarifyMargin: overrides?.clarifyMargin ?? base.clarifyMargin,
  };
}

export type Decision =
  | { readonly kind: 'answer'; readonly candidate: KbCandidate }
  | { readonly kind: 'clarify'; readonly options: readonly [KbCandidate, KbCandidate] }
  | { readonly kind: 'unresolved' };

/** The "plausible" level: 60 % of the answer threshold. Below it a candidate is noise, not a lead. */
export function plausibleFloor(s: Pick<PolicySettings, 'answerThreshold'>): number {
  return s.answerThreshold * 0.6;
}

/**
 * Confident and clear → answer; two close candidates that are both plausible → "Did you mean …?";
 * otherwise admit it. A candidate is plausible from 60 % of the answer threshold: below that a tie is
 * noise, not ambiguity.
 */
export function decide(candidates: readonly KbCandidate[], s: PolicySettings): Decision {
  const [top, second] = candidates;
  if (!top) return { kind: 'unresolved' };
  const plausible = plausibleFloor(s);
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
