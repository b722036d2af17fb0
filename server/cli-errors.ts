import { AppError, publicError, type ErrorId } from '../common/errors.js';

/** Errors about what the user gave (folders, files, cases): exit 2 like a usage error. */
const inputErrors: ReadonlySet<ErrorId> = new Set([
  'CONTENT_DIR_MISSING',
  'CASES_INVALID',
  'KB_EMPTY',
  'USAGE',
]);

/** What a failed command prints: the catalog's message with its details, or the message and the cause. */
export function describeFailure(err: unknown): string {
  const e = publicError(err);
  return err instanceof AppError
    ? [e.message, ...e.details.map((d) => `  ${d}`)].join('\n')
    : `${e.message} ${(err as Error).message}`;
}

/** A failed command's exit code: 2 for what the user gave (like a usage error), else 1. */
export const exitCodeFor = (err: unknown): number =>
  err instanceof AppError && inputErrors.has(err.id) ? 2 : 1;
