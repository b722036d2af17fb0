import type { Translator } from '../common/translator.js';
import type { Choice } from './types.js';
import { choice } from './choices.js';

/** Postback prefix of the helpful / not helpful buttons under a bot answer: `rate:up:<articleId>`. */
export const ratePostback = { up: 'rate:up:', down: 'rate:down:' } as const;

/**
 * "Helpful" and "Not helpful" under an answer, in the visitor's language: channel-neutral choices (widget
 * buttons, Messenger quick replies, numbered in the terminal). Answering them is optional.
 */
export function ratingChoices(t: Translator, lang: string, articleId: string): Choice[] {
  return [
    choice(t.t('rating.helpful', lang), `${ratePostback.up}${articleId}`),
    choice(t.t('rating.notHelpful', lang), `${ratePostback.down}${articleId}`),
  ];
}

/** The rating a postback gives, or null when it is no rating button's. */
export function readRating(
  postback: string | null | undefined,
): { helpful: boolean; articleId: string } | null {
  const m = /^rate:(up|down):([^\s/\\]{1,128})$/.exec(postback ?? '');
  return m ? { helpful: m[1] === 'up', articleId: m[2] as string } : null;
}
