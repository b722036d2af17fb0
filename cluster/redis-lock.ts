import { randomUUID } from 'node:crypto';
import type { TurnLock } from '../conversation/writer.js';
import type { RedisConnection, RedisLog } from './redis-connection.js';

/** Deletes the lock only while it is still the holder's (its token). */
const releaseScript = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

export interface LockTiming {
  /** How long a lock lives unless released (a process killed mid-turn holds it no longer); default 15 s. */
  readonly ttlMs?: number;
  /** How long to wait for a held lock before going ahead without it (logged); default the TTL. */
  readonly waitMs?: number;
  /** Pause between tries; default 15 ms. */
  readonly retryMs?: number;
}

/**
 * A short lock per key in Redis (SET NX PX with a random token; released by compare-and-delete), so a
 * visitor's turns run one at a time even when their tabs are connected to different processes. Redis not
 * answering, or a lock held past `waitMs`, does not stop the turn: it runs (the per-process order still
 * holds) and the lapse is logged.
 */
export function redisTurnLock(conn: RedisConnection, log: RedisLog, timing: LockTiming = {}): TurnLock {
  const ttlMs = timing.ttlMs ?? 15_000;
  const waitMs = timing.waitMs ?? ttlMs;
  const retryMs = timing.retryMs ?? 15;
  const acquire = async (key: string, token: string): Promise<boolean> => {
    const until = Date.now() + waitMs;
    for (;;) {
      if (!conn.isReady()) return false;
      if ((await conn.client.set(key, token, { NX: true, PX: ttlMs })) === 'OK') return true;
      if (Date.now() >= until) {
        log.warn({ waitMs }, 'turn lock still held after the wait; the turn runs without it');
        return false;
      }
      await new Promise((resolve) => setTimeout(resolve, retryMs));
    }
  };
  return {
    async run<T>(name: string, work: () => Promise<T>): Promise<T> {
      const key = `${conn.prefix}lock:${name}`;
      const token = randomUUID();
      let held = false;
      try {
        held = await acquire(key, token);
      } catch (err) {
        log.warn({ err }, 'turn lock unavailable while Redis does not answer; the turn runs without it');
      }
      try {
        return await work();
      } finally {
        if (held)
          await conn.client
            .eval(releaseScript, { keys: [key], arguments: [token] })
            .catch((err: unknown) => log.warn({ err }, 'turn lock release failed (it expires by itself)'));
      }
    },
  };
}
