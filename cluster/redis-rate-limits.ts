import type { Limit, LimitCheck, RateDecision, RateLimits } from '../common/rate-limiter.js';
import { memoryRateLimits } from '../common/rate-limiter.js';
import { hashedKey, type RedisConnection, type RedisLog } from './redis-connection.js';

/**
 * Token buckets for every check at once, all or none, atomically in Redis, on Redis's clock (every process
 * counts alike). KEYS: the buckets; ARGV: limit and window (ms) per bucket. Returns 0 when taken, else the
 * wait in ms. A bucket is a hash {tokens, at}; it expires once it would have refilled (one window).
 */
const takeAllScript = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local wait = 0
local tokens = {}
for i = 1, #KEYS do
  local limit = tonumber(ARGV[2 * i - 1])
  local per = limit / tonumber(ARGV[2 * i])
  local b = redis.call('HMGET', KEYS[i], 'tokens', 'at')
  local tk = limit
  if b[1] then tk = math.min(limit, tonumber(b[1]) + (now - tonumber(b[2])) * per) end
  tokens[i] = tk
  if tk < 1 then
    local w = math.ceil((1 - tk) / per)
    if w > wait then wait = w end
  end
end
if wait > 0 then return wait end
for i = 1, #KEYS do
  redis.call('HSET', KEYS[i], 'tokens', tostring(tokens[i] - 1), 'at', tostring(now))
  redis.call('PEXPIRE', KEYS[i], ARGV[2 * i])
end
return 0
`;

/**
 * The rate limits counted in Redis (cluster mode): every process takes from the same buckets. While Redis
 * does not answer, each process counts in its own memory (the in-memory buckets) and says so once.
 */
export function redisRateLimits(conn: RedisConnection, log: RedisLog): RateLimits {
  const local = memoryRateLimits();
  const localOf = new WeakMap<Limit, Limit | null>();
  let warned = false;
  const fallback = (checks: readonly LimitCheck[], err: unknown): Promise<RateDecision> => {
    if (!warned) log.warn({ err }, 'rate limits counted in this process while Redis does not answer');
    warned = true;
    return local.takeAll(checks.map(([l, key]): LimitCheck => [l ? (localOf.get(l) ?? null) : null, key]));
  };
  return {
    limiter(name, limit, windowMs) {
      if (limit <= 0) return null;
      const l: Limit = { name, limit, windowMs };
      localOf.set(l, local.limiter(name, limit, windowMs));
      return l;
    },
    async takeAll(checks) {
      const on = checks.filter((c): c is readonly [Limit, string] => c[0] !== null);
      if (on.length === 0) return { ok: true };
      if (!conn.isReady()) return fallback(checks, new Error('not connected'));
      try {
        const wait = Number(
          await conn.client.eval(takeAllScript, {
            keys: on.map(([l, key]) => `${conn.prefix}rate:${l.name}:${hashedKey(key)}`),
            arguments: on.flatMap(([l]) => [String(l.limit), String(Math.max(1, Math.round(l.windowMs)))]),
          }),
        );
        warned = false;
        return wait > 0 ? { ok: false, retryAfterMs: wait } : { ok: true };
      } catch (err) {
        return fallback(checks, err);
      }
    },
  };
}
