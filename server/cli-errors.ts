import { AppError, publicError } from '../common/errors.js';

/** What a failed command prints: the catalog's message with its details, or the message and the cause. */
export function describeFailure(err: unknown): string {
  const e = publicError(err);
  return err instanceof AppError
    ? [e.message, ...e.details.map((d) => `  ${d}`)].join('\n')
    : `${e.message} ${(err as Error).message}`;
}
