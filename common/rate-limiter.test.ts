import { describe, expect, it } from '@jest/globals';
import { RateLimiter, takeAll } from './rate-limiter.js';

describe('RateLimiter', () => {
  it('allows `limit` at once, then refuses with the wait until the next token', () => {
    const l = new RateLimiter(3, 60_000);
    expect([1, 2, 3].map(() => l.take('a', 0).ok)).toEqual([true, true, true]);
    expect(l.take('a', 0)).toEqual({ ok: false, retryAfterMs: 20_000 });
    expect(l.take('a', 5_000)).toEqual({ ok: false, retryAfterMs: 15_000 });
    expect(l.take('a', 20_000).ok).toBe(true);
    expect(l.take('b', 0).ok).toBe(true);
  });

  it('drops idle keys once they have refilled, and the least recently used past its cap', () => {
    const l = new RateLimiter(2, 1_000, 3);
    for (const k of ['a', 'b', 'c']) l.take(k, 0);
    expect(l.size).toBe(3);
    l.take('d', 10);
    expect(l.size).toBe(3);
    expect(l.wait('a', 10)).toBe(0);
    l.take('e', 5_000);
    expect(l.size).toBe(1);
  });
});

describe('takeAll', () => {
  it('spends from every limiter or from none', () => {
    const visitor = new RateLimiter(5, 60_000);
    const address = new RateLimiter(1, 60_000);
    expect(
      takeAll(
        [
          [visitor, 'v'],
          [address, 'ip'],
          [null, 'off'],
        ],
        0,
      ).ok,
    ).toBe(true);
    expect(
      takeAll(
        [
          [visitor, 'v'],
          [address, 'ip'],
        ],
        0,
      ),
    ).toEqual({ ok: false, retryAfterMs: 60_000 });
    expect(visitor.wait('v', 0)).toBe(0);
    for (let i = 0; i < 4; i++) visitor.take('v', 0);
    expect(visitor.take('v', 0).ok).toBe(false);
  });
});
