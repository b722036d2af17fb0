import { afterEach, describe, expect, it } from '@jest/globals';
import type { RedisConnection } from './redis-connection.js';
import { redisRateLimits } from './redis-rate-limits.js';
import { dropRedis, recordingLog, testConnection, uniquePrefix } from '../test/helpers/redis.js';

let conns: RedisConnection[] = [];
let prefix = '';
afterEach(async () => {
  await dropRedis(conns, prefix);
  conns = [];
});

/** Two processes' limits on one Redis. */
async function twoProcesses() {
  prefix = uniquePrefix();
  conns = [await testConnection(prefix), await testConnection(prefix)];
  const log = recordingLog();
  return {
    a: redisRateLimits(conns[0] as RedisConnection, log),
    b: redisRateLimits(conns[1] as RedisConnection, log),
    log,
  };
}

describe('rate limits counted in Redis (cluster mode)', () => {
  it('shares one bucket between processes: the allowance is not multiplied by the number of processes', async () => {
    const { a, b } = await twoProcesses();
    const la = a.limiter('msg', 3, 60_000);
    const lb = b.limiter('msg', 3, 60_000);
    const results = [
      await a.takeAll([[la, 'visitor-1']]),
      await b.takeAll([[lb, 'visitor-1']]),
      await a.takeAll([[la, 'visitor-1']]),
      await b.takeAll([[lb, 'visitor-1']]),
    ];
    expect(results.map((r) => r.ok)).toEqual([true, true, true, false]);
    const refused = results[3];
    // Refilled at 3 a minute: the next token is about 20 s away.
    expect(refused?.ok === false && refused.retryAfterMs).toBeGreaterThan(15_000);
    expect(refused?.ok === false && refused.retryAfterMs).toBeLessThanOrEqual(20_000);
    // Another key has its own bucket.
    expect((await b.takeAll([[lb, 'visitor-2']])).ok).toBe(true);
  });

  it('takes from every check or from none', async () => {
    const { a } = await twoProcesses();
    const perVisitor = a.limiter('v', 5, 60_000);
    const perAddress = a.limiter('a', 1, 60_000);
    expect(
      (
        await a.takeAll([
          [perVisitor, 'x'],
          [perAddress, '10.0.0.1'],
        ])
      ).ok,
    ).toBe(true);
    // The address is out: the visitor's bucket must not be spent by the refused attempts.
    for (let i = 0; i < 6; i++)
      expect(
        (
          await a.takeAll([
            [perVisitor, 'x'],
            [perAddress, '10.0.0.1'],
          ])
        ).ok,
      ).toBe(false);
    let taken = 0;
    for (let i = 0; i < 6; i++) if ((await a.takeAll([[perVisitor, 'x']])).ok) taken++;
    expect(taken).toBe(4);
  });

  it('a limit of 0 is off, and a null check always allows', async () => {
    const { a } = await twoProcesses();
    expect(a.limiter('off', 0, 60_000)).toBeNull();
    expect((await a.takeAll([[null, 'x']])).ok).toBe(true);
  });

  it('while Redis does not answer, each process counts in its own memory and says so once', async () => {
    const { a, log } = await twoProcesses();
    const l = a.limiter('m', 2, 60_000);
    await conns[0]?.close();
    const results = [];
    for (let i = 0; i < 3; i++) results.push((await a.takeAll([[l, 'k']])).ok);
    expect(results).toEqual([true, true, false]);
    expect(log.lines.filter((x) => x.level === 'warn')).toHaveLength(1);
  });
});
