import { AppError } from '../common/errors.js';

/** The one check of visitor text, for every channel: trimmed, not empty, not over the limit (in characters). */
export function checkVisitorText(text: string, maxLength: number): string {
  const trimmed = text.trim();
  if (trimmed === '') throw new AppError('MESSAGE_EMPTY');
  const length = [...trimmed].length;
  if (length > maxLength) {
    throw new AppError(
      'MESSAGE_TOO_LONG',
      `The message is too long (${length} characters; the limit is ${maxLength}).`,
    );
  }
  return trimmed;
}
