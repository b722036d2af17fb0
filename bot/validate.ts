import { AppError } from '../common/errors.js';
import { isBlank, neutraliseText } from '../common/visible-text.js';

/**
 * The one check of typed text, for every channel and for agents' replies: control and bidi override
 * characters removed (so what is stored is what an agent sees), trimmed, not empty or only invisible
 * characters, not over the limit (in characters).
 */
export function checkVisitorText(text: string, maxLength: number): string {
  const trimmed = neutraliseText(text).trim();
  if (isBlank(trimmed)) throw new AppError('MESSAGE_EMPTY');
  const length = [...trimmed].length;
  if (length > maxLength) {
    throw new AppError(
      'MESSAGE_TOO_LONG',
      `The message is too long (${length} characters; the limit is ${maxLength}).`,
    );
  }
  return trimmed;
}
