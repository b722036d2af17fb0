/**
 * What console sign-in asks of a throttle: `LoginThrottle` below (in memory, one process), or
 * cluster/redis-login-throttle.ts (REDIS_URL: counted in Redis, the same rules, shared by every process).
 */
export interface LoginLimiter {
  retryAfterMs(email: string, ip: string): number | Promise<number>;
  fail(email: string, ip: string, refused: boolean): void | Promise<void>;
  succeed(email: string): FailedLogins | null | Promise<FailedLogins | null>;
}

/**
 * Console sign-in throttling, in memory in this process (a restart forgets it; with several processes,
 * REDIS_URL puts it in Redis instead). Failures are counted per account (the email, lower-cased) and per
 * client address. After `maxFailures` within `lockoutMs`, that key is locked for `lockoutMs`; each further lockout of the same
 * key doubles it (up to a day) until a quiet `lockoutMs` has passed. Attempts during a lockout are refused
 * without checking the password and do not lengthen it.
 *
 * Each account also keeps what failed since its last successful sign-in (count, last time and address),
 * which that sign-in hands to the agent.
 */

export interface FailedLogins {
  readonly count: number;
  readonly lastAt: string;
  readonly lastIp: string;
}

interface Entry {
  failures: number[];
  lockedUntil: number;
  level: number;
}

/** The longest lockout (both throttles). */
export const maxLockoutMs = 24 * 3600 * 1000;
/** Keys kept before idle ones are swept (bounds the memory an attacker can make us use). */
const sweepAbove = 10_000;

export class LoginThrottle implements LoginLimiter {
  private readonly entries = new Map<string, Entry>();
  private readonly failed = new Map<string, FailedLogins>();

  constructor(
    private readonly settings: { maxFailures: number; lockoutMs: number },
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until this account and address may try again; 0 = now. */
  retryAfterMs(email: string, ip: string): number {
    const t = this.now();
    const until = Math.max(this.lockedUntil(accountKey(email)), this.lockedUntil(ipKey(ip)));
    return Math.max(0, until - t);
  }

  /** Records a failed attempt (a refused one during a lockout counts for the agent's notice only). */
  fail(email: string, ip: string, refused: boolean): void {
    const t = this.now();
    const account = email.trim().toLowerCase();
    const prev = this.failed.get(account);
    if (prev || this.failed.size < sweepAbove)
      this.failed.set(account, {
        count: (prev?.count ?? 0) + 1,
        lastAt: new Date(t).toISOString(),
        lastIp: ip,
      });
    if (refused) return;
    this.count(accountKey(email), t);
    this.count(ipKey(ip), t);
  }

  /** A successful sign-in: the account starts afresh; returns what failed since its last sign-in. */
  succeed(email: string): FailedLogins | null {
    const account = email.trim().toLowerCase();
    const failed = this.failed.get(account) ?? null;
    this.failed.delete(account);
    this.entries.delete(accountKey(email));
    return failed;
  }

  private lockedUntil(key: string): number {
    return this.entries.get(key)?.lockedUntil ?? 0;
  }

  private count(key: string, t: number): void {
    const { maxFailures, lockoutMs } = this.settings;
    if (this.entries.size >= sweepAbove) this.sweep(t);
    const entry = this.entries.get(key) ?? { failures: [], lockedUntil: 0, level: 0 };
    if (entry.lockedUntil > 0 && t - entry.lockedUntil > lockoutMs) entry.level = 0;
    entry.failures = entry.failures.filter((at) => t - at < lockoutMs);
    entry.failures.push(t);
    if (entry.failures.length >= maxFailures) {
      entry.level += 1;
      entry.lockedUntil = t + Math.min(maxLockoutMs, lockoutMs * 2 ** (entry.level - 1));
      entry.failures = [];
    }
    this.entries.set(key, entry);
  }

  /** Drops keys with no lockout running and no failure within the window. */
  private sweep(t: number): void {
    for (const [key, e] of this.entries)
      if (
        e.lockedUntil + this.settings.lockoutMs < t &&
        e.failures.every((at) => t - at >= this.settings.lockoutMs)
      )
        this.entries.delete(key);
  }
}

const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
const ipKey = (ip: string) => `ip:${ip}`;
