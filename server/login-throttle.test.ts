import { describe, expect, it } from '@jest/globals';
import { LoginThrottle } from './login-throttle.js';

const minute = 60_000;

/** A throttle on a clock the test moves. */
function throttle(maxFailures = 3, lockoutMs = 10 * minute) {
  const clock = { t: Date.parse('2026-01-01T00:00:00Z') };
  return { clock, t: new LoginThrottle({ maxFailures, lockoutMs }, () => clock.t) };
}

describe('LoginThrottle', () => {
  it('locks an account after N failures within the window, for the lockout time', () => {
    const { clock, t } = throttle();
    t.fail('A@x.com', '1.1.1.1', false);
    t.fail('a@x.com', '1.1.1.2', false);
    expect(t.retryAfterMs('a@x.com', '9.9.9.9')).toBe(0);
    t.fail('a@X.com ', '1.1.1.3', false);
    expect(t.retryAfterMs('a@x.com', '9.9.9.9')).toBe(10 * minute);
    clock.t += 10 * minute;
    expect(t.retryAfterMs('a@x.com', '9.9.9.9')).toBe(0);
  });

  it('forgets failures older than the window', () => {
    const { clock, t } = throttle();
    t.fail('a@x.com', '1.1.1.1', false);
    t.fail('a@x.com', '1.1.1.1', false);
    clock.t += 11 * minute;
    t.fail('a@x.com', '1.1.1.1', false);
    expect(t.retryAfterMs('a@x.com', '1.1.1.1')).toBe(0);
  });

  it('doubles the lockout of a key locked again soon after, and starts over after a quiet window', () => {
    const { clock, t } = throttle(1);
    t.fail('a@x.com', '1.1.1.1', false);
    expect(t.retryAfterMs('b@x.com', '1.1.1.1')).toBe(10 * minute);
    clock.t += 10 * minute;
    t.fail('c@x.com', '1.1.1.1', false);
    expect(t.retryAfterMs('d@x.com', '1.1.1.1')).toBe(20 * minute);
    clock.t += 20 * minute;
    t.fail('e@x.com', '1.1.1.1', false);
    expect(t.retryAfterMs('f@x.com', '1.1.1.1')).toBe(40 * minute);
    clock.t += 40 * minute + 11 * minute;
    t.fail('g@x.com', '1.1.1.1', false);
    expect(t.retryAfterMs('h@x.com', '1.1.1.1')).toBe(10 * minute);
  });

  it('refused attempts count for the notice but do not lengthen the lockout', () => {
    const { clock, t } = throttle(2);
    t.fail('a@x.com', '1.1.1.1', false);
    t.fail('a@x.com', '1.1.1.1', false);
    clock.t += minute;
    for (let i = 0; i < 50; i++) t.fail('a@x.com', '2.2.2.2', true);
    expect(t.retryAfterMs('a@x.com', '3.3.3.3')).toBe(9 * minute);
    expect(t.succeed('A@x.com')).toEqual({
      count: 52,
      lastAt: new Date(clock.t).toISOString(),
      lastIp: '2.2.2.2',
    });
    expect(t.succeed('a@x.com')).toBeNull();
  });

  it('a sign-in clears the account but not the address', () => {
    const { t } = throttle(2);
    t.fail('a@x.com', '1.1.1.1', false);
    t.succeed('a@x.com');
    t.fail('a@x.com', '2.2.2.2', false);
    expect(t.retryAfterMs('a@x.com', '3.3.3.3')).toBe(0);
    t.fail('b@x.com', '1.1.1.1', false);
    expect(t.retryAfterMs('z@x.com', '1.1.1.1')).toBeGreaterThan(0);
  });
});
