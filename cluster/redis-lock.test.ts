import { afterEach, describe, expect, it } from '@jest/globals';
import type { RedisConnection } from './redis-connection.js';
import { redisTurnLock } from './redis-lock.js';
import { ConversationWriter } from '../conversation/writer.js';
import type { ConversationStore } from '../conversation/ports.js';
import { dropRedis, recordingLog, testConnection, uniquePrefix } from '../test/helpers/redis.js';

let conns: RedisConnection[] = [];
let prefix = '';
afterEach(async () => {
  await dropRedis(conns, prefix);
  conns = [];
});

describe("a visitor's turns across processes (the Redis turn lock)", () => {
  it('runs work of one key one at a time across processes (returning its result); other keys run alongside', async () => {
    prefix = uniquePrefix();
    conns = [await testConnection(prefix), await testConnection(prefix)];
    const log = recordingLog();
    const a = redisTurnLock(conns[0] as RedisConnection, log, { retryMs: 5 });
    const b = redisTurnLock(conns[1] as RedisConnection, log, { retryMs: 5 });
    let running = 0;
    let most = 0;
    const events: string[] = [];
    const work = (name: string) => async () => {
      running++;
      most = Math.max(most, running);
      events.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, 30));
      events.push(`end ${name}`);
      running--;
      return name;
    };
    const results = await Promise.all([
      a.run('visitor-1', work('a1')),
      b.run('visitor-1', work('b1')),
      a.run('visitor-1', work('a2')),
      b.run('visitor-1', work('b2')),
    ]);
    expect(results).toEqual(['a1', 'b1', 'a2', 'b2']);
    expect(most).toBe(1);
    for (let i = 0; i < events.length; i += 2) expect(events[i]?.replace('start', 'end')).toBe(events[i + 1]);

    let together = 0;
    let peak = 0;
    const overlap = async () => {
      together++;
      peak = Math.max(peak, together);
      await new Promise((r) => setTimeout(r, 30));
      together--;
    };
    await Promise.all([a.run('visitor-2', overlap), b.run('visitor-3', overlap)]);
    expect(peak).toBe(2);
    expect(log.lines).toEqual([]);
  });

  it('a lock left by a killed process expires; a failing turn releases its lock', async () => {
    prefix = uniquePrefix();
    conns = [await testConnection(prefix)];
    const conn = conns[0] as RedisConnection;
    const lock = redisTurnLock(conn, recordingLog(), { ttlMs: 200, retryMs: 5 });
    await conn.client.set(`${prefix}lock:v`, 'someone-dead', { PX: 200 });
    expect(await lock.run('v', async () => 'ran')).toBe('ran');
    await expect(lock.run('w', () => Promise.reject(new Error('turn failed')))).rejects.toThrow(
      'turn failed',
    );
    expect(await conn.client.exists(`${prefix}lock:w`)).toBe(0);
  });

  it("the conversation writer of each process takes the lock: one visitor's turns never overlap across processes", async () => {
    prefix = uniquePrefix();
    conns = [await testConnection(prefix), await testConnection(prefix)];
    const log = recordingLog();
    // Turns only: exclusive() runs the work it is given and reads nothing of the store.
    const unused = {} as ConversationStore;
    const [a, b] = conns.map(
      (c) => new ConversationWriter(unused, redisTurnLock(c, log, { retryMs: 5 })),
    ) as [ConversationWriter, ConversationWriter];
    const visitor = { channel: 'web', visitorKey: 'v1' };
    let running = 0;
    let most = 0;
    const turn = async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 20));
      running--;
    };
    await Promise.all([a, b, a, b, a, b].map((w) => w.exclusive(visitor, turn)));
    expect(most).toBe(1);
  });
});
