import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig, type Config } from '../../server/config.js';
import { createLogger, type Logger } from '../../server/logger.js';
import { startFrontdesk, type Frontdesk, type FrontdeskOverrides } from '../../server/frontdesk.js';
import type { Store } from '../../store/ports.js';

export const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

export interface TestServer {
  readonly app: Frontdesk;
  readonly url: string;
  readonly dataDir: string;
  readonly contentDir: string;
  /** Log lines written so far (JSON objects). */
  readonly logs: Array<Record<string, unknown>>;
  stop(): Promise<void>;
}

/** A temp copy of the demo content, so a test may edit it. */
export function copyDemoContent(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fd-content-'));
  cpSync(path.join(repoRoot, 'content'), dir, { recursive: true });
  return dir;
}

/** The real server on port 0 with a temp DATA_DIR (and, unless given, a temp copy of the demo content). */
export async function startTestServer(
  env: Record<string, string> = {},
  options: { dataDir?: string; contentDir?: string; store?: Store; overrides?: FrontdeskOverrides } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'fd-data-'));
  const contentDir = options.contentDir ?? copyDemoContent();
  const config: Config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    CONTENT_DIR: contentDir,
    LOG_LEVEL: 'info',
    KB_WATCH: 'false',
    // The tests written against the process threshold keep it; tests of the chooser turn this on.
    KB_CHOOSE_THRESHOLDS: 'false',
    ...env,
  });
  const logs: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n'))
        if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const log: Logger = createLogger(config.logLevel, sink);
  const app = await startFrontdesk(config, log, {
    ...(options.store ? { store: options.store } : {}),
    ...options.overrides,
  });
  return {
    app,
    url: app.url,
    dataDir,
    contentDir,
    logs,
    async stop() {
      await app.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
      if (!options.contentDir) rmSync(contentDir, { recursive: true, force: true });
    },
  };
}
