import { describe, expect, it } from '@jest/globals';
import { KeyedPool } from './keyed-pool.js';

describe('KeyedPool', () => {
  it('runs at most `concurrency` jobs per key, in order, other keys beside them', async () => {
    const pool = new KeyedPool(2);
    const log: string[] = [];
    const gates: Array<() => void> = [];
    const job = (name: string) => () =>
      new Promise<string>((resolve) => {
        log.push(`start ${name}`);
        gates.push(() => resolve(name));
      });
    const results = [pool.run('a', job('a1')), pool.run('a', job('a2')), pool.run('a', job('a3'))];
    const other = pool.run('b', job('b1'));
    await new Promise((r) => setImmediate(r));
    expect(log).toEqual(['start a1', 'start a2', 'start b1']);
    gates[0]?.();
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    expect(log).toEqual(['start a1', 'start a2', 'start b1', 'start a3']);
    for (const open of gates.slice(1)) open();
    expect(await Promise.all([...results, other])).toEqual(['a1', 'a2', 'a3', 'b1']);
    expect(pool.size).toBe(0);
  });

  it('starts a waiting job in a later turn of the event loop, so I/O is read between jobs', async () => {
    const pool = new KeyedPool(1);
    const log: string[] = [];
    const first = pool.run('a', async () => {
      log.push('job 1');
      setImmediate(() => log.push('io'));
    });
    const second = pool.run('a', async () => {
      log.push('job 2');
    });
    await Promise.all([first, second]);
    expect(log).toEqual(['job 1', 'io', 'job 2']);
  });

  it('goes on after a failed job', async () => {
    const pool = new KeyedPool(1);
    const failed = pool.run('a', () => Promise.reject(new Error('boom')));
    const next = pool.run('a', () => Promise.resolve('ok'));
    await expect(failed).rejects.toThrow('boom');
    expect(await next).toBe('ok');
  });
});
