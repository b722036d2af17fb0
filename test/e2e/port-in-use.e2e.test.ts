import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { frontdesk, spawnFrontdesk } from '../helpers/cli.js';

/**
 * `frontdesk serve` on a port another process holds: one line, "port N is in use; set PORT", exit 1, and
 * the process ends (the built executable is run as a child: nothing it opened keeps it alive; the old
 * code printed "Something went wrong… EADDRINUSE" and hung).
 */
let busy: net.Server;
let port: number;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'fd-port-'));
  busy = net.createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  port = (busy.address() as net.AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => busy.close(() => resolve()));
  rmSync(dataDir, { recursive: true, force: true });
});

const env = () => ({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent' });

describe('a port in use', () => {
  it('is one clear line and exit 1', async () => {
    const r = await frontdesk(['serve'], { env: env() });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`port ${port} is in use; set PORT\n`);
  });

  it('ends the process: the built executable exits instead of hanging', () => {
    const r = spawnFrontdesk(['serve'], { env: { ...env(), KB_WATCH: 'true' } });
    expect(r.code).toBe(1); // null when the 30 s spawn timeout killed a hung process
    expect(r.stderr).toBe(`port ${port} is in use; set PORT\n`);
  });
});
