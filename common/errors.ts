/**
 * The one error catalog. Every error the product reports to a person or a program has a stable id here,
 * an HTTP status for the API, and a message safe to show. Unknown errors are reported as INTERNAL.
 */
export const errorCatalog = {
  INTERNAL: { status: 500, message: 'Something went wrong on our side.' },
  CONFIG_INVALID: { status: 500, message: 'The configuration is invalid.' },
  PAYLOAD_INVALID: { status: 400, message: 'The request is malformed.' },
  MESSAGE_EMPTY: { status: 400, message: 'The message is empty.' },
  MESSAGE_TOO_LONG: { status: 400, message: 'The message is too long.' },
  RATE_LIMITED: { status: 429, message: 'Too many messages; please slow down.' },
  NOT_FOUND: { status: 404, message: 'Not found.' },
  KB_INVALID: { status: 422, message: 'The knowledge base has errors.' },
  KB_EMPTY: { status: 422, message: 'The knowledge base has no articles.' },
  CONTENT_DIR_MISSING: { status: 500, message: 'The content folder does not exist.' },
  USAGE: { status: 400, message: 'Invalid command-line usage.' },
  CASES_INVALID: { status: 400, message: 'The evaluation cases are invalid.' },
  UNAUTHENTICATED: { status: 401, message: 'Please sign in.' },
  LOGIN_FAILED: { status: 401, message: 'Wrong email or password.' },
  LOGIN_LOCKED: { status: 429, message: 'Too many failed sign-ins. Try again later.' },
  ORIGIN_FORBIDDEN: { status: 403, message: 'Requests from this site are not allowed.' },
  FORBIDDEN: { status: 403, message: 'You are not allowed to do that.' },
  AGENT_EXISTS: { status: 409, message: 'An agent with that email already exists.' },
  HANDOFF_TAKEN: { status: 409, message: 'Another agent has already taken this chat.' },
  HANDOFF_STATE: { status: 409, message: 'The chat is not in a state that allows this.' },
  TICKET_TRANSITION: { status: 409, message: 'That status change is not allowed.' },
  VISITOR_BLOCKED: { status: 403, message: 'You cannot use this chat.' },
  TICKET_MERGE: { status: 409, message: 'Those tickets cannot be merged.' },
  ADMIN_SELF: { status: 409, message: 'You cannot disable yourself or take away your own admin role.' },
  BOT_TOKEN_INVALID: { status: 401, message: 'The Bot Framework token is missing or invalid.' },
  TICKET_FULL: { status: 409, message: 'This ticket cannot take more comments; open a new ticket.' },
  PORT_IN_USE: { status: 500, message: 'The port is in use; set PORT.' },
  STORE_UNAVAILABLE: { status: 503, message: 'The database is not answering. Please try again in a moment.' },
  REDIS_UNAVAILABLE: { status: 503, message: 'Redis is not answering. Please try again in a moment.' },
  REVIEW_CONFLICT: {
    status: 409,
    message: 'The article changed on disk since you opened it. Reload it and try again.',
  },
  REVIEW_LINT: { status: 422, message: 'The article has errors; fix them before saving.' },
  ARTICLE_EXISTS: { status: 409, message: 'An article with that name already exists in that language.' },
  CONTENT_PATH_INVALID: { status: 400, message: 'That file is outside the content folder.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorId = keyof typeof errorCatalog;

export class AppError extends Error {
  readonly id: ErrorId;
  readonly status: number;
  readonly details: readonly string[];

  constructor(id: ErrorId, message?: string, details: readonly string[] = []) {
    super(message ?? errorCatalog[id].message);
    this.name = 'AppError';
    this.id = id;
    this.status = errorCatalog[id].status;
    this.details = details;
  }
}

/** What may be shown outside the process: catalogued errors as they are, anything else as INTERNAL. */
export function publicError(err: unknown): { code: ErrorId; message: string; details: readonly string[] } {
  if (err instanceof AppError) return { code: err.id, message: err.message, details: err.details };
  return { code: 'INTERNAL', message: errorCatalog.INTERNAL.message, details: [] };
}

/** RATE_LIMITED, with how long to wait: HTTP answers it as 429 with `Retry-After` (seconds). */
export class RateLimitedError extends AppError {
  constructor(
    readonly retryAfterMs: number,
    message?: string,
  ) {
    super('RATE_LIMITED', message);
  }
}

/** STORE_UNAVAILABLE: the database did not answer in time or is unreachable; the same call may work later. */
export class StoreUnavailableError extends AppError {
  constructor(message?: string) {
    super('STORE_UNAVAILABLE', message);
  }
}

/** Whether the error means "the store is not answering now" (a retry later may work). */
export const isStoreUnavailable = (err: unknown): boolean =>
  err instanceof AppError && err.id === 'STORE_UNAVAILABLE';
