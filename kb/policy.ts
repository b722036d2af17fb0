import type { KbCandidate } from './types.js';

/** How many candidates the bot and `kb eval` ask the matcher for. */
export const matchLimit = 5;

/** At most this many articles are offered ("These articles may help:"). */
export const offerLimit = 3;

export interface PolicySettings {
  /** Answer when the best candidate's confidence is at least this. */
  readonly answerThreshold: number;
  /** Two candidates closer than this are a tie: offer them instead of answering with one. */
  readonly clarifyMargin: number;
  /**
   * Offer the likely articles when their confidences add up to at least this (the calibrated chance that
   * the right one is among them). Absent: `defaultOfferThreshold`.
   */
  readonly offerThreshold?: number;
}

/**
 * Only the policy keys of a settings object (the process configuration is one, with every other setting
 * too): what a trained model depends on, and what the model cache's key and the training worker get.
 */
export function policySettingsOf(s: PolicySettings): PolicySettings {
  return {
    answerThreshold: s.answerThreshold,
    clarifyMargin: s.clarifyMargin,
    ...(s.offerThreshold !== undefined ? { offerThreshold: s.offerThreshold } : {}),
  };
}

/**
 * The offer threshold when nothing sets one: the top three candidates' confidences must add up to it.
 * Chosen with `offerShape` on the development sets (`npm run bench:offers`: the sparse KB's development
 * paraphrases, BANKING77 dev, CLINC150 validation, noise; never the held-out sets) as the rule resolving the
 * most in-scope questions without offering on more out-of-scope questions or noise than the rule before
 * (0.3, a fifth, half): below 0.33 more out-of-scope questions got offers, above it fewer were resolved.
 */
export const defaultOfferThreshold = 0.33;

/**
 * The settings in force: the knowledge base's own value for each key when its `config.yml` sets one, else
 * the value the knowledge base chose for itself by cross-validation (`chosen`, kb/thresholds.ts), else the
 * process configuration's (environment or default).
 */
export function effectiveSettings(
  base: PolicySettings,
  overrides: Partial<PolicySettings> | undefined,
  chosen?: Partial<PolicySettings>,
): PolicySettings {
  const answerThreshold = overrides?.answerThreshold ?? chosen?.answerThreshold ?? base.answerThreshold;
  const offerThreshold =
    overrides?.offerThreshold ??
    (overrides?.answerThreshold === undefined ? chosen?.offerThreshold : undefined) ??
    base.offerThreshold;
  return {
    answerThreshold,
    clarifyMargin: overrides?.clarifyMargin ?? base.clarifyMargin,
    ...(offerThreshold === undefined ? {} : { offerThreshold }),
  };
}

export type Decision =
  | { readonly kind: 'answer'; readonly candidate: KbCandidate }
  /** "These articles may help:" with up to three articles, best first. */
  | { readonly kind: 'offer'; readonly options: readonly KbCandidate[] }
  | { readonly kind: 'unresolved' };

/** The "plausible" level: 60 % of the answer threshold. Below it a candidate is noise, not a lead. */
export function plausibleFloor(s: Pick<PolicySettings, 'answerThreshold'>): number {
  return s.answerThreshold * 0.6;
}

/** The shape of the offer rule besides its threshold (bench/offer-rules.ts compares shapes). */
export interface OfferShape {
  /** An article is offered beside the best one when it has at least this share of its confidence. */
  readonly shareOfTop: number;
  /**
   * An offer needs a lead: the best candidate alone has at least this share of the offer threshold.
   * Gibberish spreads small confidences evenly over many articles, which can add up without any being likely.
   */
  readonly leadShare: number;
}

/**
 * The shape in force: a twentieth and 40 %. With few phrasings per article the right one is often second or
 * third with a small confidence; a fifth and half (before) turned such questions away, and no lead rule at
 * all gave more offers to strings that are no question (README "Few phrasings", `npm run bench:offers`).
 */
export const offerShape: OfferShape = { shareOfTop: 0.05, leadShare: 0.4 };

/** The candidates an offer would show: the best, and up to two more with a share of its confidence. */
export function offerable(candidates: readonly KbCandidate[], shape: OfferShape = offerShape): KbCandidate[] {
  const top = candidates[0];
  if (!top || top.confidence <= 0) return [];
  return candidates.slice(0, offerLimit).filter((c) => c.confidence >= top.confidence * shape.shareOfTop);
}

/**
 * Three ways:
 * - **answer** when the best candidate reaches the answer threshold and no plausible runner-up is within
 *   the clarify margin of it;
 * - **offer** the likely articles (`offerable`, at most three) when their confidences add up to the offer
 *   threshold and the best has 40 % of it alone, or when two plausible candidates tie;
 * - otherwise **admit** it (`unresolved`).
 */
export function decide(
  candidates: readonly KbCandidate[],
  s: PolicySettings,
  shape: OfferShape = offerShape,
): Decision {
  const [top, second] = candidates;
  if (!top) return { kind: 'unresolved' };
  const plausible = plausibleFloor(s);
  const tie =
    second !== undefined &&
    top.confidence >= plausible &&
    second.confidence >= plausible &&
    top.confidence - second.confidence < s.clarifyMargin;
  if (!tie && top.confidence >= s.answerThreshold) return { kind: 'answer', candidate: top };
  const options = offerable(candidates, shape);
  const together = options.reduce((sum, c) => sum + c.confidence, 0);
  const offerAt = s.offerThreshold ?? defaultOfferThreshold;
  const lead = top.confidence >= offerAt * shape.leadShare;
  if (options.length > 0 && (tie || (lead && together >= offerAt))) return { kind: 'offer', options };
  return { kind: 'unresolved' };
}

/** Whether the bot would answer: what `kb eval` counts. */
export function wouldAnswer(candidates: readonly KbCandidate[], s: PolicySettings): KbCandidate | null {
  const d = decide(candidates, s);
  return d.kind === 'answer' ? d.candidate : null;
}
