import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { RedisConnection } from '../../cluster/redis-connection.js';
import { cleanEnv } from './cli.js';
import { eventually } from './eventually.js';
import { repoRoot } from './server.js';

/** The settings two instances share in the cluster tests (their own prefix; limits out of the way). */
export function clusterEnv(prefix: string): Record<string, string> {
  return {
    REDIS_URL: 'redis://127.0.0.1:6379',
    REDIS_KEY_PREFIX: prefix,
    RATE_LIMIT_CONNECTIONS_PER_MINUTE: '0',
    RATE_LIMIT_MESSAGES_PER_MINUTE: '0',
    RATE_LIMIT_ESCALATIONS_PER_HOUR: '0',
  };
}

/** Waits until some process has published this agent's presence as `value` (e.g. `available`) in Redis. */
export async function sharedAgent(redis: RedisConnection, agentId: string, value: string): Promise<void> {
  await eventually(async () => {
    for await (const keys of redis.client.scanIterator({ MATCH: `${redis.prefix}presence:agents:*` }))
      for (const key of keys) if ((await redis.client.hGet(key, agentId)) === value) return;
    throw new Error(`agent ${agentId} is not ${value} in Redis`);
  });
  // The others' copies follow the announcement published with that write (pub/sub, a few ms; more
  // on a busy machine).
  await new Promise((r) => setTimeout(r, 300));
}

/** The built server (`npm test` builds dist/ first), or null when it is missing. */
export function builtServer(): string | null {
  const main = path.join(repoRoot, 'dist', 'server', 'main.js');
  return existsSync(main) && existsSync(path.join(repoRoot, 'dist', 'cluster', 'redis-presence.js'))
    ? main
    : null;
}

/** `frontdesk serve` in a child process (a real process that can be killed); resolves with its URL. */
export async function spawnServer(
  main: string,
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, [main, 'serve'], {
    cwd: repoRoot,
    env: { ...cleanEnv, PORT: '0', HOST: '127.0.0.1', KB_WATCH: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.setEncoding('utf8').on('data', (c: string) => (out += c));
  child.stderr?.setEncoding('utf8').on('data', (c: string) => (out += c));
  const url = await eventually(() => {
    if (child.exitCode !== null) throw Object.assign(new Error(`the server exited: ${out}`), { fatal: true });
    const m = /Frontdesk is running at (http:\/\/\S+)/.exec(out);
    if (!m?.[1]) throw new Error(`the server did not start: ${out.slice(-2000)}`);
    return m[1];
  }, 60_000);
  return { child, url, output: () => out };
}
