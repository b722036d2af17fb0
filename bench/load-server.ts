import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadServerEnv } from './server-env.js';

/**
 * The server side of `bench/load.ts`, in its own process: `node dist/bench/load-server.js [DIST_ROOT]
 * [DATA_DIR]` starts Frontdesk from DIST_ROOT (default: this build; another build, e.g. of an older commit,
 * can be measured side by side) on a loopback port with the rate limits off, and tells its parent
 * `{ready, url, startMs, cpuMs, rssMb}` (cpuMs: the CPU time the start took, which a busy machine inflates
 * less than the wall time). It answers `rss` with `{rssMb}` and exits on `stop`.
 */
interface FrontdeskModules {
  config: {
    loadConfig(env: Record<string, string | undefined>): unknown;
    processEnv(): Record<string, string | undefined>;
  };
  logger: { createLogger(level: string): unknown };
  frontdesk: {
    startFrontdesk(config: unknown, log: unknown): Promise<{ url: string; close(): Promise<void> }>;
  };
}

interface YoungGeneration {
  holdYoungGeneration(): void;
}

const here = path.dirname(new URL(import.meta.url).pathname);
const [distRoot = path.dirname(here), dataArg] = process.argv.slice(2);
const started = performance.now();

async function load(): Promise<FrontdeskModules> {
  const at = (p: string) => pathToFileURL(path.join(distRoot, p)).href;
  // As `frontdesk serve` does before its modules load (server/young-generation.ts); older builds lack it.
  const young = path.join(distRoot, 'server/young-generation.js');
  if (existsSync(young)) ((await import(pathToFileURL(young).href)) as YoungGeneration).holdYoungGeneration();
  return {
    config: (await import(at('server/config.js'))) as FrontdeskModules['config'],
    logger: (await import(at('server/logger.js'))) as FrontdeskModules['logger'],
    frontdesk: (await import(at('server/frontdesk.js'))) as FrontdeskModules['frontdesk'],
  };
}

async function main(): Promise<void> {
  const owned = dataArg === undefined;
  const dataDir = dataArg ?? mkdtempSync(path.join(os.tmpdir(), 'fd-load-'));
  const m = await load();
  const env = m.config.processEnv();
  const config = m.config.loadConfig({
    ...env,
    ...loadServerEnv(dataDir, env['CONTENT_DIR']),
  });
  const app = await m.frontdesk.startFrontdesk(config, m.logger.createLogger('silent'));
  const rssMb = () => Math.round(process.memoryUsage().rss / 1e5) / 10;
  const cpu = process.cpuUsage();
  process.send?.({
    ready: true,
    url: app.url,
    startMs: performance.now() - started,
    cpuMs: (cpu.user + cpu.system) / 1000,
    rssMb: rssMb(),
  });
  process.on('message', (msg: { cmd?: string }) => {
    if (msg.cmd === 'rss') process.send?.({ rssMb: rssMb() });
    if (msg.cmd === 'stop')
      void app.close().then(() => {
        if (owned) rmSync(dataDir, { recursive: true, force: true });
        process.exit(0);
      });
  });
}

await main();
