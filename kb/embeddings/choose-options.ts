import type { KbSettings } from '../kb-config.js';
import type { PolicySettings } from '../policy.js';
import type { ChooseOptions } from '../thresholds.js';

/**
 * How the answer threshold is chosen again with the semantic combiner: as KnowledgeBaseIndex.build chooses
 * it (the process threshold as the floor, the KB's clarify margin and offer threshold over the process's);
 * the target precision is the one the lexical choice aimed at.
 */
export function chooseOptions(
  base: PolicySettings,
  settings: KbSettings,
): Omit<ChooseOptions, 'targetPrecision'> {
  const offerThreshold = settings.offerThreshold ?? base.offerThreshold;
  return {
    floor: base.answerThreshold,
    clarifyMargin: settings.clarifyMargin ?? base.clarifyMargin,
    ...(offerThreshold === undefined ? {} : { offerThreshold }),
  };
}
