import { afterEach, describe, expect, it } from '@jest/globals';
import type { RedisConnection } from './redis-connection.js';
import { redisLoginThrottle } from './redis-login-throttle.js';
import { LoginThrottle, maxLockoutMs } from '../server/login-throttle.js';
import { dropRedis, recordingLog, testConnection, uniquePrefix } from '../test/helpers/redis.js';

const minute = 60_000;
let conns: RedisConnection[] = [];
let prefix = '';
afterEach(async () => {
  await dropRedis(conns, prefix);
  conns = [];
});

/** Two processes' throttles on one Redis, on a clock the test moves. */
async function twoProcesses(maxFailures = 3) {
  prefix = uniquePrefix();
  conns = [await testConnection(prefix), await testConnection(prefix)];
  const clock = { t: Date.parse('2026-01-01T00:00:00Z') };
  const settings = { maxFailures, lockoutMs: 10 * minute };
  const make = (c: RedisConnection) =>
    redisLoginThrottle(
      c,
      recordingLog(),
      { ...settings, maxLockoutMs },
      new LoginThrottle(settings, () => clock.t),
      () => clock.t,
    );
  return { clock, a: make(conns[0] as RedisConnection), b: make(conns[1] as RedisConnection) };
}

describe('console sign-in throttling in Redis (cluster mode)', () => {
  it('counts failures made on different processes together: the account locks for both', async () => {
    const { clock, a, b } = await twoProcesses();
    await a.fail('A@x.com', '1.1.1.1', false);
    await b.fail('a@x.com', '1.1.1.2', false);
    expect(await a.retryAfterMs('a@x.com', '9.9.9.9')).toBe(0);
    await a.fail('a@x.com ', '1.1.1.3', false);
    expect(await b.retryAfterMs('a@x.com', '9.9.9.9')).toBe(10 * minute);
    expect(await a.retryAfterMs('a@x.com', '9.9.9.9')).toBe(10 * minute);
    // Emails and addresses are not Redis key names (hashed).
    const keys: string[] = [];
    for await (const batch of (conns[0] as RedisConnection).client.scanIterator({ MATCH: `${prefix}*` }))
      keys.push(...batch);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.join(' ')).not.toMatch(/x\.com|1\.1\.1/);
    clock.t += 10 * minute;
    expect(await b.retryAfterMs('a@x.com', '9.9.9.9')).toBe(0);
  });

  it('doubles a lockout of an address locked again soon after, wherever the tries arrive', async () => {
    const { clock, a, b } = await twoProcesses(1);
    await a.fail('a@x.com', '1.1.1.1', false);
    expect(await b.retryAfterMs('b@x.com', '1.1.1.1')).toBe(10 * minute);
    clock.t += 10 * minute;
    await b.fail('c@x.com', '1.1.1.1', false);
    expect(await a.retryAfterMs('d@x.com', '1.1.1.1')).toBe(20 * minute);
  });

  it("a sign-in on one process gets the failures made on both, and clears the account's count", async () => {
    const { clock, a, b } = await twoProcesses();
    await a.fail('a@x.com', '1.1.1.1', false);
    clock.t += minute;
    await b.fail('a@x.com', '2.2.2.2', false);
    expect(await a.succeed('A@x.com')).toEqual({
      count: 2,
      lastAt: new Date(clock.t).toISOString(),
      lastIp: '2.2.2.2',
    });
    expect(await b.succeed('a@x.com')).toBeNull();
    await a.fail('a@x.com', '3.3.3.3', false);
    await b.fail('a@x.com', '4.4.4.4', false);
    expect(await a.retryAfterMs('a@x.com', '5.5.5.5')).toBe(0);
  });

  it('while Redis does not answer, the process still throttles on its own', async () => {
    const { a } = await twoProcesses();
    await conns[0]?.close();
    for (let i = 0; i < 3; i++) await a.fail('a@x.com', '1.1.1.1', false);
    expect(await a.retryAfterMs('a@x.com', '1.1.1.1')).toBe(10 * minute);
  });
});
