import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadServerEnv } from './server-env.js';

/**
 * The cluster side of `bench/load.ts`, in its own process: `node dist/bench/load-cluster.js WORKERS
 * REDIS_URL` runs `frontdesk serve` of this build with WORKERS and REDIS_URL as a child process (a primary
 * and its workers, as in production) on a loopback port with the rate limits off, and tells its parent
 * `{ready, url, startMs, rssMb}` like `load-server.js`. `rss` answers `{rssMb}`: the primary's and every
 * worker's RSS summed. `stop` sends the primary SIGTERM and exits once it has.
 */
const here = path.dirname(new URL(import.meta.url).pathname);
const main = path.join(path.dirname(here), 'server', 'main.js');
const [workers = '2', redisUrl = 'redis://127.0.0.1:6379'] = process.argv.slice(2);
const started = performance.now();

/** The RSS of a process and of its descendants, from /proc (Linux), in MB. */
function treeRssMb(pid: number): number {
  let kb = 0;
  const visit = (p: number) => {
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      kb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      for (const child of readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').split(' ').filter(Boolean))
        visit(Number(child));
    } catch {
      // The process ended meanwhile.
    }
  };
  visit(pid);
  return Math.round(kb / 100) / 10;
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fd-load-cluster-'));
const child = spawn(process.execPath, [main, 'serve'], {
  env: {
    ...process.env, // eslint-disable-line no-restricted-syntax
    WORKERS: workers,
    REDIS_URL: redisUrl,
    ...loadServerEnv(dataDir, process.env['CONTENT_DIR']), // eslint-disable-line no-restricted-syntax
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let out = '';
let ready = false;
child.stdout.setEncoding('utf8').on('data', (d: string) => {
  out += d;
  const url = /Frontdesk is running at (\S+) /.exec(out)?.[1];
  if (url && !ready) {
    ready = true;
    process.send?.({
      ready: true,
      url,
      startMs: performance.now() - started,
      rssMb: treeRssMb(child.pid ?? 0),
    });
  }
});
child.once('exit', (code) => {
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? 1);
});
process.on('message', (msg: { cmd?: string }) => {
  if (msg.cmd === 'rss') process.send?.({ rssMb: treeRssMb(child.pid ?? 0) });
  if (msg.cmd === 'stop') child.kill('SIGTERM');
});
