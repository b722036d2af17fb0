import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connect } from 'node:net';
import { parseArgs } from 'node:util';
import { runVisitors, type LoadOutcome } from './load-client.js';
import { percentile } from '../common/percentile.js';

/** One line of the report (`--json`: one JSON object per line). */
export interface BenchRow {
  scenario: 'turns' | 'flood' | 'startup';
  /** Which server: `frontdesk` (this build), `base` (the build given with --base) or `echo`. */
  server: string;
  visitors: number;
  workers: number;
  turnsPerSec: number | null;
  echoTurnsPerSec: number | null;
  ratio: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  rssMb: number | null;
  errors: number;
  lost: number;
  duplicated: number;
  startupMs?: number;
  /** CPU time (user + system) of the server process until it listened. */
  startupCpuMs?: number;
}

interface Ready {
  ready: true;
  url: string;
  startMs: number;
  cpuMs?: number;
  rssMb: number;
}

interface Running {
  child: ChildProcess;
  ready: Ready;
  /** Wall time from spawning the process to its first `ready` (Node's own start included). */
  spawnToReadyMs: number;
}

const here = path.dirname(new URL(import.meta.url).pathname);

function start(script: string, args: readonly string[]): Promise<Running> {
  const t = performance.now();
  const child = fork(path.join(here, script), args, { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start in 60 s`)), 60_000);
    child.once('message', (m: Ready) => {
      clearTimeout(timer);
      resolve({ child, ready: m, spawnToReadyMs: performance.now() - t });
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${String(code)}`)));
  });
}

function ask<T>(r: Running, cmd: string): Promise<T> {
  return new Promise((resolve) => {
    r.child.once('message', (m: T) => resolve(m));
    r.child.send({ cmd });
  });
}

async function stop(r: Running): Promise<void> {
  const exited = new Promise<void>((resolve) => r.child.once('exit', () => resolve()));
  r.child.send({ cmd: 'stop' });
  const timer = setTimeout(() => r.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

function turnsRow(
  server: string,
  visitors: number,
  o: LoadOutcome,
  rssMb: number,
  echoTurnsPerSec: number | null,
  workers = 1,
): BenchRow {
  const sorted = [...o.latenciesMs].sort((a, b) => a - b);
  const turnsPerSec = o.seconds > 0 ? o.turns / o.seconds : 0;
  return {
    scenario: 'turns',
    server,
    visitors,
    workers,
    turnsPerSec: round(turnsPerSec),
    echoTurnsPerSec: echoTurnsPerSec === null ? null : round(echoTurnsPerSec),
    ratio: echoTurnsPerSec ? round(turnsPerSec / echoTurnsPerSec, 3) : null,
    p50Ms: round(percentile(sorted, 0.5)),
    p95Ms: round(percentile(sorted, 0.95)),
    p99Ms: round(percentile(sorted, 0.99)),
    rssMb,
    errors: o.errors,
    lost: o.lost,
    duplicated: o.duplicated,
  };
}

function print(row: BenchRow, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(row)}\n`);
    return;
  }
  const f = (x: number | null | undefined) => (x === null || x === undefined ? '-' : String(x));
  const cells = [
    row.scenario.padEnd(8),
    row.server.padEnd(10),
    f(row.visitors).padStart(5),
    f(row.workers).padStart(3),
    f(row.turnsPerSec).padStart(9),
    f(row.echoTurnsPerSec).padStart(9),
    f(row.ratio).padStart(6),
    f(row.p50Ms).padStart(8),
    f(row.p95Ms).padStart(8),
    f(row.p99Ms).padStart(8),
    f(row.rssMb).padStart(7),
    f(row.errors).padStart(4),
    f(row.lost).padStart(4),
    f(row.duplicated).padStart(4),
    row.startupMs === undefined ? '' : `  startup ${row.startupMs} ms (CPU ${f(row.startupCpuMs)} ms)`,
  ];
  process.stdout.write(`${cells.join(' ')}\n`);
}

const header =
  'scenario server      vis   w   turns/s    echo/s  ratio   p50 ms   p95 ms   p99 ms  RSS MB  err lost dup\n';

/** The flood scenario: bench/flood.js (200 sockets × 20 messages from one address, limits on) in its own process. */
function flood(): Promise<BenchRow> {
  const child = fork(path.join(here, 'flood.js'), [], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) => {
    child.once('exit', () => {
      const last = out.trim().split('\n').pop() ?? '';
      try {
        const r = JSON.parse(last) as {
          sockets: number;
          flood: { failed: number; dropped: number };
          bystanderP50Ms: number;
          bystanderP99Ms: number;
          rssAfterMb: number;
        };
        resolve({
          scenario: 'flood',
          server: 'frontdesk',
          visitors: r.sockets,
          workers: 1,
          turnsPerSec: null,
          echoTurnsPerSec: null,
          ratio: null,
          p50Ms: r.bystanderP50Ms,
          p95Ms: null,
          p99Ms: r.bystanderP99Ms,
          rssMb: r.rssAfterMb,
          errors: r.flood.failed,
          lost: r.flood.dropped,
          duplicated: 0,
        });
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
  });
}

/** Whether something accepts TCP connections at the Redis URL's host and port (within 2 s). */
function reachable(redisUrl: string): Promise<boolean> {
  let url: URL;
  try {
    url = new URL(redisUrl);
  } catch {
    return Promise.resolve(false);
  }
  return new Promise((resolve) => {
    const socket = connect({ host: url.hostname || '127.0.0.1', port: Number(url.port || 6379) });
    socket.setTimeout(2000, () => socket.destroy());
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('close', () => resolve(false));
  });
}

/**
 * `node dist/bench/load.js [--visitors 50,200,500] [--messages 20] [--pairs 1] [--base DIST_ROOT] [--json]
 * [--no-flood] [--workers 1,2] [--redis-url URL] [--only turns|startup|flood]`: what visitors feel. For each visitor count, runs of a raw socket.io echo server and of
 * Frontdesk (and of the build at --base, e.g. an older commit built into another folder) alternate, each
 * server in a fresh process; visitors (socket.io clients in this process, each from its own loopback
 * address) send `messages` FAQ-like questions each, one at a time, waiting for each reply. Then the
 * start-up scenario (a cold start, then a warm one on the same data directory) and the flood scenario.
 * Each worker count above 1 (WORKERS; needs Redis at --redis-url, else skipped with one line) runs the same
 * visitors against `frontdesk serve` as a cluster (bench/load-cluster.ts): RSS summed over the primary and
 * its workers. The echo server stays one raw socket.io process. `--only` runs one scenario (e.g. `--only
 * startup`: the start-up rows alone, in seconds).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      visitors: { type: 'string', default: '50,200,500' },
      messages: { type: 'string', default: '20' },
      pairs: { type: 'string', default: '1' },
      base: { type: 'string' },
      json: { type: 'boolean', default: false },
      'no-flood': { type: 'boolean', default: false },
      cases: { type: 'string', default: 'test/fixtures/demo-paraphrases.jsonl' },
      workers: { type: 'string', default: '1,2' },
      'redis-url': { type: 'string', default: 'redis://127.0.0.1:6379' },
      only: { type: 'string' },
    },
  });
  const only = values.only;
  if (only !== undefined && !['turns', 'startup', 'flood'].includes(only))
    throw new Error(`--only ${only}: expected turns, startup or flood`);
  const runs = (scenario: BenchRow['scenario']) => only === undefined || only === scenario;
  const workerCounts = runs('turns') ? values.workers.split(',').map(Number) : [];
  const clusters = workerCounts.filter((n) => n > 1);
  const redisUrl = values['redis-url'];
  if (clusters.length > 0 && !(await reachable(redisUrl))) {
    process.stderr.write(`WORKERS=${clusters.join(',')} skipped: no Redis answers at ${redisUrl}\n`);
    clusters.length = 0;
  }
  const texts = readFileSync(values.cases, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { text: string; lang: string; expect: string | null })
    .filter((c) => c.lang === 'en' && c.expect !== null)
    .map((c) => c.text);
  const servers: Array<{ name: string; args: string[] }> = [
    { name: 'frontdesk', args: [] },
    ...(values.base ? [{ name: 'base', args: [path.resolve(values.base)] }] : []),
  ];
  const messages = Number(values.messages);
  if (!values.json) process.stdout.write(header);

  for (const visitors of runs('turns') ? values.visitors.split(',').map(Number) : []) {
    for (let pair = 0; pair < Number(values.pairs); pair++) {
      const echo = await start('echo-server.js', []);
      const e = await runVisitors(echo.ready.url, visitors, messages, texts);
      const echoRss = (await ask<{ rssMb: number }>(echo, 'rss')).rssMb;
      await stop(echo);
      const echoRow = turnsRow('echo', visitors, e, echoRss, null);
      print(echoRow, values.json);
      for (const s of workerCounts.includes(1) ? servers : []) {
        const server = await start('load-server.js', s.args);
        const o = await runVisitors(server.ready.url, visitors, messages, texts);
        const rss = (await ask<{ rssMb: number }>(server, 'rss')).rssMb;
        await stop(server);
        print(turnsRow(s.name, visitors, o, rss, echoRow.turnsPerSec), values.json);
      }
      for (const n of clusters) {
        const cluster = await start('load-cluster.js', [String(n), redisUrl]);
        const o = await runVisitors(cluster.ready.url, visitors, messages, texts);
        const rss = (await ask<{ rssMb: number }>(cluster, 'rss')).rssMb;
        await stop(cluster);
        print(turnsRow('frontdesk', visitors, o, rss, echoRow.turnsPerSec, n), values.json);
      }
    }
  }

  for (const s of runs('startup') ? servers : []) {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fd-startup-'));
    for (const phase of ['cold', 'warm']) {
      const server = await start('load-server.js', [s.args[0] ?? path.dirname(here), dataDir]);
      await new Promise((r) => setTimeout(r, 1000));
      const idle = (await ask<{ rssMb: number }>(server, 'rss')).rssMb;
      await stop(server);
      print(
        {
          scenario: 'startup',
          server: `${s.name}/${phase}`,
          visitors: 0,
          workers: 1,
          turnsPerSec: null,
          echoTurnsPerSec: null,
          ratio: null,
          p50Ms: null,
          p95Ms: null,
          p99Ms: null,
          rssMb: idle,
          errors: 0,
          lost: 0,
          duplicated: 0,
          startupMs: Math.round(server.spawnToReadyMs),
          ...(server.ready.cpuMs === undefined ? {} : { startupCpuMs: Math.round(server.ready.cpuMs) }),
        },
        values.json,
      );
    }
    rmSync(dataDir, { recursive: true, force: true });
  }

  if (!values['no-flood'] && runs('flood')) print(await flood(), values.json);
}

await main();
