import { randomUUID } from 'node:crypto';
import { connectRedis, type RedisConnection, type RedisLog } from '../../cluster/redis-connection.js';

/** The Redis the tests use (running on this machine). */
export const testRedisUrl = 'redis://127.0.0.1:6379';

/** A key and channel prefix of one's own, so tests running side by side never meet. */
export const uniquePrefix = (): string => `fdtest:${randomUUID().slice(0, 8)}:`;

/** A log that records what it is told. */
export function recordingLog(): RedisLog & { lines: Array<{ level: string; msg: string }> } {
  const lines: Array<{ level: string; msg: string }> = [];
  return {
    lines,
    info: (_o, msg) => lines.push({ level: 'info', msg }),
    warn: (_o, msg) => lines.push({ level: 'warn', msg }),
    error: (_o, msg) => lines.push({ level: 'error', msg }),
  };
}

/** A connection on the test Redis with its own prefix (closed, and its keys deleted, by `dropRedis`). */
export async function testConnection(
  prefix = uniquePrefix(),
  log: RedisLog = recordingLog(),
): Promise<RedisConnection> {
  return connectRedis(testRedisUrl, prefix, log);
}

/** Deletes every key under `prefix` (through `conn`) and closes the connections. */
export async function dropRedis(conns: readonly RedisConnection[], prefix: string): Promise<void> {
  const live = conns.find((c) => c.isReady());
  if (live) {
    const keys: string[] = [];
    for await (const batch of live.client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 }))
      keys.push(...batch);
    if (keys.length > 0) await live.client.del(keys);
  }
  for (const c of conns) await c.close();
}
