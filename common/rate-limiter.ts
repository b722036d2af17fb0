/** What a limiter says: go ahead, or wait this long (ms) before trying again. */
export type RateDecision = { readonly ok: true } | { readonly ok: false; readonly retryAfterMs: number };

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per key, in memory: up to `limit` actions at once, refilled at `limit` per `windowMs`.
 * Memory stays bounded: a bucket that has refilled is the same as no bucket, so idle keys are dropped,
 * and past `maxKeys` the least recently used keys are dropped as well (which only forgives them).
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;
  private sweepAt = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly maxKeys = 50_000,
  ) {
    this.perMs = limit / windowMs;
  }

  /** Ms until `key` may act once more (0 = now), without taking anything. */
  wait(key: string, now = Date.now()): number {
    const tokens = this.tokens(key, now);
    return tokens >= 1 ? 0 : Math.ceil((1 - tokens) / this.perMs);
  }

  /** Takes one action for `key` if it may act now. */
  take(key: string, now = Date.now()): RateDecision {
    const wait = this.wait(key, now);
    if (wait > 0) return { ok: false, retryAfterMs: wait };
    this.spend(key, now);
    return { ok: true };
  }

  /** The keys held now (for tests and metrics). */
  get size(): number {
    return this.buckets.size;
  }

  private tokens(key: string, now: number): number {
    const b = this.buckets.get(key);
    if (!b) return this.limit;
    return Math.min(this.limit, b.tokens + (now - b.at) * this.perMs);
  }

  private spend(key: string, now: number): void {
    const tokens = this.tokens(key, now) - 1;
    this.buckets.delete(key);
    this.buckets.set(key, { tokens, at: now });
    if (this.buckets.size > this.maxKeys) {
      // Oldest first (a key is re-inserted on each use): drop the least recently used.
      const oldest = this.buckets.keys().next();
      if (!oldest.done) this.buckets.delete(oldest.value);
    }
    if (now >= this.sweepAt) this.sweep(now);
  }

  private sweep(now: number): void {
    this.sweepAt = now + this.windowMs;
    for (const [key, b] of this.buckets)
      if (b.tokens + (now - b.at) * this.perMs >= this.limit) this.buckets.delete(key);
  }
}

/** One limiter and the key it is asked about. */
export type RateCheck = readonly [RateLimiter | null, string];

/**
 * Takes one action from every check, or from none: when any refuses, nothing is spent and the longest
 * wait is returned. A null limiter (the limit is off) always allows.
 */
export function takeAll(checks: readonly RateCheck[], now = Date.now()): RateDecision {
  let wait = 0;
  for (const [limiter, key] of checks) if (limiter) wait = Math.max(wait, limiter.wait(key, now));
  if (wait > 0) return { ok: false, retryAfterMs: wait };
  for (const [limiter, key] of checks) limiter?.take(key, now);
  return { ok: true };
}

/** A named limit: up to `limit` actions per `windowMs` (the name keeps different limits' counters apart). */
export interface Limit {
  readonly name: string;
  readonly limit: number;
  readonly windowMs: number;
}

/** One limit and the key it is asked about; a null limit (off) always allows. */
export type LimitCheck = readonly [Limit | null, string];

/**
 * Where the limits are counted: in this process's memory (`memoryRateLimits`), or in Redis when several
 * processes serve as one (cluster/redis-rate-limits.ts), so a client cannot multiply its allowance by
 * the number of processes.
 */
export interface RateLimits {
  /** The limit, or null when `limit` is 0 or less (off). */
  limiter(name: string, limit: number, windowMs: number): Limit | null;
  /** Takes one action from every check, or from none (as `takeAll`). */
  takeAll(checks: readonly LimitCheck[]): Promise<RateDecision>;
}

/** The limits in this process's memory: one token bucket per limit (`RateLimiter`). */
export function memoryRateLimits(): RateLimits {
  const buckets = new WeakMap<Limit, RateLimiter>();
  return {
    limiter(name, limit, windowMs) {
      if (limit <= 0) return null;
      const l: Limit = { name, limit, windowMs };
      buckets.set(l, new RateLimiter(limit, windowMs));
      return l;
    },
    async takeAll(checks) {
      return takeAll(checks.map(([l, key]): RateCheck => [l ? (buckets.get(l) ?? null) : null, key]));
    },
  };
}
