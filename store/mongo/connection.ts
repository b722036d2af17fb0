/**
 * How the MongoDB store connects: the database (the URI's, else `frontdesk`), the driver options (an
 * option the URI sets wins over our default), the password kept out of every message, and the one clear
 * message when MongoDB cannot be reached. Pure functions: no driver is loaded here.
 */

/** The database when neither the URI nor MONGODB_DB_NAME names one (never the driver's `test`). */
export const defaultDbName = 'frontdesk';

/**
 * Selection: how long an operation waits for a usable server (primary). Above a replica set's usual
 * election (up to about 12 s), so a failover delays writes instead of failing them.
 */
export const defaultServerSelectionTimeoutMs = 30_000;

/**
 * How long one operation waits for the server's answer on its socket (`socketTimeoutMS`): a server that
 * accepts but never answers fails the call instead of hanging it. (Not `timeoutMS`: driver 7.8 ignores it
 * and warns that it has no effect.) Longer than any query Frontdesk runs; building an index on a large
 * existing collection at start-up may need more (`socketTimeoutMS=0` in the URI for that start).
 */
export const defaultOperationTimeoutMs = 20_000;

export interface MongoUriParts {
  /** `mongodb` or `mongodb+srv`. */
  readonly scheme: string;
  readonly user: string | null;
  readonly password: string | null;
  /** The host list as written (`h1:27017,h2:27017`, or the SRV name). */
  readonly hosts: string;
  /** The database in the path, decoded; null when the URI names none. */
  readonly db: string | null;
  /** The query options' names, lower-cased. */
  readonly optionNames: readonly string[];
}

/** The parts of a `mongodb://` or `mongodb+srv://` URI that Frontdesk needs (the driver parses it fully). */
export function parseMongoUri(uri: string): MongoUriParts {
  const match = /^(mongodb(?:\+srv)?):\/\/([^/?]*)(?:\/([^?]*))?(?:\?(.*))?$/s.exec(uri);
  if (!match) throw new Error('MONGODB_URI must look like mongodb://host[:port][/db][?options]');
  const [, scheme = 'mongodb', authority = '', path = '', query = ''] = match;
  const at = authority.lastIndexOf('@');
  const userinfo = at === -1 ? null : authority.slice(0, at);
  const colon = userinfo === null ? -1 : userinfo.indexOf(':');
  const decode = (s: string): string => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  return {
    scheme,
    user: userinfo === null ? null : decode(colon === -1 ? userinfo : userinfo.slice(0, colon)),
    password: userinfo === null || colon === -1 ? null : decode(userinfo.slice(colon + 1)),
    hosts: at === -1 ? authority : authority.slice(at + 1),
    db: path === '' ? null : decode(path),
    optionNames: query
      .split('&')
      .filter(Boolean)
      .map((o) => (o.split('=')[0] ?? '').toLowerCase()),
  };
}

/** The URI with its password replaced by `****` (for messages and logs). */
export function maskUri(uri: string): string {
  return uri.replace(/^(mongodb(?:\+srv)?:\/\/[^:@/?]*:)([^@/?]*)@/, '$1****@');
}

/** The text with the URI's password (as written and decoded) replaced by `****`. */
export function maskPassword(text: string, uri: string): string {
  const raw = /^mongodb(?:\+srv)?:\/\/[^:@/?]*:([^@/?]*)@/.exec(uri)?.[1];
  if (!raw) return text;
  let out = text;
  for (const secret of new Set([raw, parseMongoUri(uri).password ?? raw]))
    if (secret !== '') out = out.split(secret).join('****');
  return out;
}

/** The database Frontdesk uses: MONGODB_DB_NAME, else the URI's path, else `frontdesk`. */
export function resolveDbName(uri: string, configured?: string): string {
  return configured ?? parseMongoUri(uri).db ?? defaultDbName;
}

export interface MongoConnectOptions {
  readonly dbName: string;
  readonly serverSelectionTimeoutMS?: number;
  readonly socketTimeoutMS?: number;
}

/**
 * The options next to the URI: the database always (the URI's own path stays its auth source), our
 * timeouts only where the URI sets none (an object option would override the URI's).
 */
export function mongoConnectOptions(uri: string, dbName?: string): MongoConnectOptions {
  const names = new Set(parseMongoUri(uri).optionNames);
  return {
    dbName: resolveDbName(uri, dbName),
    ...(names.has('serverselectiontimeoutms')
      ? {}
      : { serverSelectionTimeoutMS: defaultServerSelectionTimeoutMs }),
    ...(names.has('sockettimeoutms') ? {} : { socketTimeoutMS: defaultOperationTimeoutMs }),
  };
}

/** The per-operation wait in effect: the URI's `socketTimeoutMS` when it sets a positive one, else ours. */
export function operationTimeoutMs(uri: string): number {
  const m = /[?&]socketTimeoutMS=(\d+)/i.exec(uri);
  const fromUri = m ? Number(m[1]) : NaN;
  return Number.isFinite(fromUri) && fromUri > 0 ? fromUri : defaultOperationTimeoutMs;
}

/** The reason a connection attempt failed, from the driver's error (the first server's own error when it has one). */
export function connectFailureReason(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const servers = (err as { reason?: { servers?: Map<string, { error?: unknown }> } }).reason?.servers;
  if (servers instanceof Map) {
    for (const s of servers.values()) if (s.error instanceof Error) return s.error.message;
  }
  return err.message;
}

/**
 * What to tell the operator when MongoDB cannot be reached at start-up: the host, the reason, the
 * database, and MONGODB_URI with its password masked.
 */
export function unreachableMessage(uri: string, dbName: string, err: unknown): string {
  const { hosts } = parseMongoUri(uri);
  const reason = maskPassword(connectFailureReason(err), uri);
  return (
    `Cannot connect to MongoDB at ${hosts} (database "${dbName}"): ${reason}. ` +
    `Check that MongoDB is running and reachable from here, and MONGODB_URI (${maskUri(uri)}).`
  );
}

/** What to tell the operator when MongoDB answered but refused the set-up (collections, indexes), e.g. rights. */
export function setupFailedMessage(uri: string, dbName: string, err: unknown): string {
  const { hosts } = parseMongoUri(uri);
  const reason = maskPassword(connectFailureReason(err), uri);
  return (
    `MongoDB at ${hosts} refused to set up the database "${dbName}" (collections and indexes): ${reason}. ` +
    `Check the user's rights on "${dbName}" (MONGODB_DB_NAME chooses another) and MONGODB_URI (${maskUri(uri)}).`
  );
}

const unavailableNames = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoOperationTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoServerClosedError',
  'MongoWaitQueueTimeoutError',
  'MongoPoolClearedError',
]);

/** Server codes of a primary going away (step-down, shutdown, election): retried later, not a bug. */
const unavailableCodes = new Set([91, 189, 10107, 11600, 11602, 13435, 13436]);

/** Whether a driver or mongoose error means "MongoDB is not answering now" (try again later). */
export function isUnavailableError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (unavailableNames.has(err.name)) return true;
  if (/buffering timed out/i.test(err.message)) return true;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'number' && unavailableCodes.has(code)) return true;
  const labels = (err as { errorLabelSet?: unknown }).errorLabelSet;
  return labels instanceof Set && labels.has('TransientTransactionError');
}
