import { createHash } from 'node:crypto';
import { createClient } from 'redis';
import { AppError } from '../common/errors.js';

/** The node-redis client the cluster parts share. */
export type RedisClient = ReturnType<typeof createClient>;

export interface RedisLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Two connections: one for commands and publishing, one for subscriptions (Redis wants its own). */
export interface RedisConnection {
  readonly client: RedisClient;
  readonly subscriber: RedisClient;
  /** The prefix of every key and channel (REDIS_KEY_PREFIX). */
  readonly prefix: string;
  /** Whether the command connection is up now. */
  isReady(): boolean;
  close(): Promise<void>;
}

const connectTimeoutMs = 3000;

/** REDIS_URL with its password (and a user name, if any, kept) masked. */
export function maskRedisUrl(url: string): string {
  return url.replace(/^(rediss?:\/\/)([^@/]*)@/, (_m, scheme: string, auth: string) => {
    const colon = auth.indexOf(':');
    return `${scheme}${colon < 0 ? '****' : `${auth.slice(0, colon)}:****`}@`;
  });
}

function hostOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '6379'}`;
  } catch {
    return '(unparsable host)';
  }
}

/** What the operator reads when Redis cannot be reached at start-up: host, reason, REDIS_URL masked. */
export function redisUnreachableMessage(url: string, err: unknown): string {
  // Not `instanceof Error`: the client's errors may come from another realm (a test runner's VM).
  const message = (err as { message?: unknown } | null)?.message;
  const raw = typeof message === 'string' && message !== '' ? message : String(err);
  const password = /^rediss?:\/\/[^:@/]*:([^@/]+)@/.exec(url)?.[1];
  const reason = password ? raw.split(password).join('****') : raw;
  return (
    `Cannot connect to Redis at ${hostOf(url)}: ${reason}. ` +
    `Check that Redis is running and reachable from here, and REDIS_URL (${maskRedisUrl(url)}).`
  );
}

/**
 * Connects to Redis (REDIS_URL). The first connection must succeed within a few seconds, else the start
 * fails with one clear line (AppError REDIS_UNAVAILABLE); a connection lost later is logged and retried
 * for ever, and commands fail at once meanwhile (no offline queue), so callers fall back to local state.
 */
export async function connectRedis(url: string, prefix: string, log: RedisLog): Promise<RedisConnection> {
  let started = false;
  let failure: Error | undefined;
  const make = (role: string) => {
    const c = createClient({
      url,
      // Named (CLIENT LIST shows which process and role a connection is).
      name: `${prefix}${role}`,
      disableOfflineQueue: true,
      socket: {
        connectTimeout: connectTimeoutMs,
        // Before the start succeeded: no retry (`false`; an Error from another realm would not count).
        reconnectStrategy: (retries: number, cause: Error) => {
          if (started) return Math.min(100 * 2 ** Math.min(retries, 5), 3000);
          failure ??= cause;
          return false;
        },
      },
    });
    let down = false;
    c.on('error', (err: unknown) => {
      if (!started || down) return;
      down = true;
      log.error({ err, role }, 'Redis connection lost; serving from this process until it is back');
    });
    c.on('ready', () => {
      if (!down) return;
      down = false;
      log.info({ role }, 'Redis connection restored');
    });
    return c;
  };
  const client = make('commands');
  const subscriber = make('subscriber');
  try {
    await Promise.all([client.connect(), subscriber.connect()]);
  } catch (err) {
    for (const c of [client, subscriber]) if (c.isOpen) c.destroy();
    throw new AppError('REDIS_UNAVAILABLE', redisUnreachableMessage(url, failure ?? err));
  }
  started = true;
  return {
    client,
    subscriber,
    prefix,
    isReady: () => client.isReady,
    async close() {
      await Promise.allSettled([client.close(), subscriber.close()]);
    },
  };
}

/** A key part that may be personal (an email, an address), as Redis stores it: a short SHA-256, not the value. */
export function hashedKey(value: string): string {
  return createHash('sha256').update(value).digest('base64url').slice(0, 22);
}
