import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ChatClient } from '../helpers/chat-client.js';
import { eventually } from '../helpers/eventually.js';
import { bin, cleanEnv, frontdesk, spawnFrontdesk } from '../helpers/cli.js';
import { repoRoot } from '../helpers/server.js';

/**
 * WORKERS=2, the built executable as a real child process: the primary prints its one line, both workers
 * serve (GET /healthz names the worker that answered), a visitor on HTTP long-polling only (several
 * requests per session: wrong without sticky sessions) and one on WebSocket each get their answer, and
 * SIGTERM stops the primary and both workers with exit code 0.
 */
const built = existsSync(bin);
if (!built) process.stderr.write('cluster e2e skipped: dist/ is missing (npm test builds it first)\n');
const maybe = built ? describe : describe.skip;

const redisUrl = 'redis://127.0.0.1:6379';
let dataDir: string;
let primary: ChildProcess;
let url: string;
let stdout = '';
let stderr = '';
const clients: ChatClient[] = [];

/** The pids of a process's children (Linux /proc). */
function childrenOf(pid: number): number[] {
  const tasks = path.join('/proc', String(pid), 'task');
  return readFileSync(path.join(tasks, String(pid), 'children'), 'utf8')
    .split(' ')
    .filter(Boolean)
    .map(Number);
}

/** The JSON log lines the primary and its workers wrote so far. */
const logLines = (): Array<Record<string, unknown>> =>
  stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

beforeAll(async () => {
  if (!built) return;
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'fd-cluster-'));
  primary = spawn(process.execPath, [bin, 'serve'], {
    cwd: repoRoot,
    env: {
      ...cleanEnv,
      WORKERS: '2',
      REDIS_URL: redisUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      CONTENT_DIR: path.join(repoRoot, 'content'),
      LOG_LEVEL: 'info',
      KB_WATCH: 'false',
      RETENTION_DAYS: '30',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  primary.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  url = await new Promise<string>((resolve, reject) => {
    primary.stdout?.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      const m = /Frontdesk is running at (\S+) \(press Ctrl\+C to stop\)/.exec(stdout);
      if (m?.[1]) resolve(m[1]);
    });
    primary.once('exit', (code) =>
      reject(new Error(`exited with ${code} before it ran:\n${stdout}\n${stderr}`)),
    );
  });
}, 180_000);

afterAll(() => {
  for (const c of clients) c.close();
  if (primary && primary.exitCode === null && primary.signalCode === null) primary.kill('SIGKILL');
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

maybe('WORKERS=2 (a cluster primary and two workers)', () => {
  it('answers on both workers', async () => {
    const seen = new Set<unknown>();
    for (let i = 0; i < 10; i++) {
      const res = await fetch(`${url}/healthz`);
      expect(res.status).toBe(200);
      seen.add(((await res.json()) as { worker?: unknown }).worker);
    }
    expect([...seen].sort()).toEqual([1, 2]);
  });

  it('gives a visitor on HTTP long-polling only an answer (sticky sessions)', async () => {
    const c = new ChatClient(url, {}, { transports: ['polling'] });
    clients.push(c);
    await c.session();
    const [first] = await c.ask('How can I track my parcel?');
    expect(first?.articleId).toBe('track-order');
    const [second] = await c.ask('can I pay with PayPal?');
    expect(second?.role).toBe('bot');
    expect(c.errors).toEqual([]);
  });

  it('gives a visitor on WebSocket an answer', async () => {
    const c = new ChatClient(url);
    clients.push(c);
    await c.session();
    const [reply] = await c.ask('How can I track my parcel?');
    expect(reply?.articleId).toBe('track-order');
  });

  it('restarts a worker that crashed (logged), and both serve again', async () => {
    const pid = primary.pid ?? 0;
    const [victim, survivor] = childrenOf(pid);
    process.kill(victim ?? 0, 'SIGKILL');
    await eventually(() => {
      const now = childrenOf(pid);
      if (now.length !== 2 || now.includes(victim ?? 0) || !now.includes(survivor ?? 0))
        throw new Error(`workers now: ${now.join(', ')}`);
    }, 30_000);
    const exited = logLines().find((l) => l['msg'] === 'worker exited');
    expect(exited).toMatchObject({ pid: victim, signal: 'SIGKILL', restartInMs: 1000 });
    // While the new worker starts, the other one answers everything: no request is handed to a worker
    // that cannot take it yet (each would hang until this timeout).
    const health = async () => {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(20_000) });
      expect(res.status).toBe(200);
      return ((await res.json()) as { worker?: unknown }).worker;
    };
    for (let i = 0; i < 4; i++) expect([1, 2]).toContain(await health());
    await eventually(async () => {
      const seen = new Set([await health(), await health(), await health()]);
      expect([...seen].sort()).toEqual([1, 2]);
    }, 30_000);
  }, 90_000);

  it('stops the primary and both workers on SIGTERM, exit code 0, having printed its line once', async () => {
    const pid = primary.pid ?? 0;
    const workers = childrenOf(pid);
    expect(workers).toHaveLength(2);
    const exited = new Promise<number | null>((resolve) => primary.once('exit', (code) => resolve(code)));
    primary.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(workers.filter(alive)).toEqual([]);
    expect(stdout.match(/Frontdesk is running at/g)).toHaveLength(1);
    expect(stderr).toBe('');
    // The singletons (here the retention purge, at each start) ran in worker 1 only.
    const purges = logLines().filter((l) => l['msg'] === 'retention purge done');
    expect(purges.length).toBeGreaterThan(0);
    expect(purges.map((l) => l['worker'])).toEqual(purges.map(() => 1));
  });
});

describe('WORKERS=2 refused', () => {
  it('without REDIS_URL: a configuration error naming it, exit 1', async () => {
    const r = await frontdesk(['serve'], { env: { WORKERS: '2', PORT: '0' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^Invalid configuration \(1 problem\(s\)\):\n {2}- REDIS_URL: is required when WORKERS/,
    );
  });

  (built ? it : it.skip)(
    'when a worker cannot start: what one process prints, once, and its exit code',
    () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'fd-cluster-fail-'));
      try {
        const env = { PORT: '0', DATA_DIR: dir, LOG_LEVEL: 'silent', CONTENT_DIR: path.join(dir, 'missing') };
        const single = spawnFrontdesk(['serve'], { env });
        const cluster = spawnFrontdesk(['serve'], { env: { ...env, WORKERS: '2', REDIS_URL: redisUrl } });
        expect(single.code).toBe(2);
        expect(single.stderr).toMatch(/missing/);
        expect(cluster).toEqual(single);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  (built ? it : it.skip)('on a port in use: the same one line as one process, exit 1', async () => {
    const busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as net.AddressInfo).port;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'fd-cluster-port-'));
    try {
      const r = spawnFrontdesk(['serve'], {
        env: { WORKERS: '2', REDIS_URL: redisUrl, PORT: String(port), DATA_DIR: dir, LOG_LEVEL: 'silent' },
      });
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`port ${port} is in use; set PORT\n`);
    } finally {
      await new Promise<void>((resolve) => busy.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
