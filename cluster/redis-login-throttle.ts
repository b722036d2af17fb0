import { randomUUID } from 'node:crypto';
import { hashedKey, type RedisConnection, type RedisLog } from './redis-connection.js';

/** What failed since an account's last sign-in (server/login-throttle.ts FailedLogins). */
export interface FailedSignIns {
  readonly count: number;
  readonly lastAt: string;
  readonly lastIp: string;
}

/** The process's own throttle (server/login-throttle.ts LoginThrottle), which counts alongside. */
export interface LocalSignInThrottle {
  retryAfterMs(email: string, ip: string): number;
  fail(email: string, ip: string, refused: boolean): void;
  succeed(email: string): FailedSignIns | null;
}

/**
 * One failure for a key (an account or an address), as LoginThrottle counts it: failures within the
 * window in a sorted set; at `maxFailures` the key is locked, each further lockout doubling (up to a day)
 * until a quiet window has passed. KEYS: the entry hash {lockedUntil, level}, the failures' set.
 * ARGV: now, maxFailures, lockoutMs, maxLockoutMs, a unique member.
 */
const countScript = `
local t = tonumber(ARGV[1])
local maxF = tonumber(ARGV[2])
local lock = tonumber(ARGV[3])
local locked = tonumber(redis.call('HGET', KEYS[1], 'lockedUntil') or '0')
local level = tonumber(redis.call('HGET', KEYS[1], 'level') or '0')
if locked > 0 and t - locked > lock then level = 0 end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', t - lock)
redis.call('ZADD', KEYS[2], t, ARGV[5])
if redis.call('ZCARD', KEYS[2]) >= maxF then
  level = level + 1
  locked = t + math.min(tonumber(ARGV[4]), lock * 2 ^ (level - 1))
  redis.call('DEL', KEYS[2])
end
redis.call('HSET', KEYS[1], 'lockedUntil', tostring(locked), 'level', tostring(level))
redis.call('PEXPIRE', KEYS[1], math.max(locked - t, 0) + lock + 1)
redis.call('PEXPIRE', KEYS[2], lock + 1)
return 0
`;

/** What failed since an account's last sign-in is kept this long at most (the agent's notice). */
const noticeTtlMs = 30 * 24 * 3600_000;

/**
 * Console sign-in throttling counted in Redis (cluster mode), with LoginThrottle's rules, so a guesser
 * gets no more tries by spreading them over the processes. While Redis does not answer, this process's
 * own LoginThrottle counts (and is asked too), so sign-in is never left unthrottled.
 */
export function redisLoginThrottle(
  conn: RedisConnection,
  log: RedisLog,
  settings: { maxFailures: number; lockoutMs: number; maxLockoutMs: number },
  local: LocalSignInThrottle,
  now: () => number = Date.now,
): {
  retryAfterMs(email: string, ip: string): Promise<number>;
  fail(email: string, ip: string, refused: boolean): Promise<void>;
  succeed(email: string): Promise<FailedSignIns | null>;
} {
  const key = (k: string) => `${conn.prefix}login:${k}`;
  const account = (email: string) => `account:${hashedKey(email.trim().toLowerCase())}`;
  const address = (ip: string) => `ip:${hashedKey(ip)}`;
  const notice = (email: string) => key(`failed:${hashedKey(email.trim().toLowerCase())}`);
  const guarded = async <T>(work: () => Promise<T>, fallback: T): Promise<T> => {
    if (!conn.isReady()) return fallback;
    try {
      return await work();
    } catch (err) {
      log.warn({ err }, 'sign-in throttling counted in this process while Redis does not answer');
      return fallback;
    }
  };
  const count = (k: string, t: number) =>
    conn.client.eval(countScript, {
      keys: [key(k), key(`${k}:failures`)],
      arguments: [
        String(t),
        String(settings.maxFailures),
        String(settings.lockoutMs),
        String(settings.maxLockoutMs),
        `${t}:${randomUUID()}`,
      ],
    });
  return {
    async retryAfterMs(email, ip) {
      const t = now();
      const shared = await guarded(async () => {
        const [a, b] = await Promise.all([
          conn.client.hGet(key(account(email)), 'lockedUntil'),
          conn.client.hGet(key(address(ip)), 'lockedUntil'),
        ]);
        return Math.max(0, Number(a ?? 0) - t, Number(b ?? 0) - t);
      }, 0);
      return Math.max(shared, local.retryAfterMs(email, ip));
    },
    async fail(email, ip, refused) {
      local.fail(email, ip, refused);
      const t = now();
      await guarded(async () => {
        await conn.client
          .multi()
          .hIncrBy(notice(email), 'count', 1)
          .hSet(notice(email), { lastAt: new Date(t).toISOString(), lastIp: ip })
          .pExpire(notice(email), noticeTtlMs)
          .exec();
        if (refused) return;
        await count(account(email), t);
        await count(address(ip), t);
      }, undefined);
    },
    async succeed(email) {
      const here = local.succeed(email);
      // Redis's answer wins when there is one (null included); this process's own count otherwise.
      const shared = await guarded(async () => {
        const k = key(account(email));
        const f = await conn.client.hGetAll(notice(email));
        await conn.client.del([notice(email), k, `${k}:failures`]);
        if (!f['count']) return { failed: null };
        const failed: FailedSignIns = {
          count: Number(f['count']),
          lastAt: f['lastAt'] ?? '',
          lastIp: f['lastIp'] ?? '',
        };
        return { failed };
      }, null);
      return shared ? shared.failed : here;
    },
  };
}
