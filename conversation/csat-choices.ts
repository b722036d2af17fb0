import type { Translator } from '../common/translator.js';
import type { Choice } from './types.js';
import { choice } from './choices.js';

/**
 * The rating buttons of a satisfaction survey, 1 to 5, in the visitor's language: postbacks `csat:N`, or
 * `csat:N:<ref>` when they rate one ticket (older buttons then still rate their own ticket).
 */
export function csatChoices(t: Translator, lang: string, ref?: string): Choice[] {
  return [1, 2, 3, 4, 5].map((n) =>
    choice(t.t(`csat.labels.${n}`, lang), ref ? `csat:${n}:${ref}` : `csat:${n}`),
  );
}
