import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { frontdesk } from '../helpers/cli.js';

/**
 * `frontdesk serve` with MONGODB_URI pointing at a MongoDB that is not there (a closed port) or that
 * accepts connections and never answers (a silent TCP peer): one clear message naming the host, the
 * reason and MONGODB_URI with the password masked, exit 1, and before the KB is loaded or trained (the
 * content folder given does not exist: loading it first would fail with CONTENT_DIR_MISSING instead).
 */
let dataDir: string;
let silent: net.Server;
const sockets = new Set<net.Socket>();

const freePort = async (): Promise<number> => {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as net.AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
};

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'fd-data-'));
  silent = net.createServer((socket) => {
    sockets.add(socket); // accepted, never answered
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((resolve) => silent.close(() => resolve()));
  rmSync(dataDir, { recursive: true, force: true });
});

const serve = (uri: string) =>
  frontdesk(['serve'], {
    env: {
      MONGODB_URI: uri,
      DATA_DIR: dataDir,
      CONTENT_DIR: path.join(dataDir, 'no-such-content'),
      PORT: '0',
      LOG_LEVEL: 'silent',
    },
  });

describe('starting against a MongoDB that is down', () => {
  it('a closed port: exit 1 with the host, the reason and MONGODB_URI masked, before the KB', async () => {
    const port = await freePort();
    const uri = `mongodb://frontdesk:hunter2@127.0.0.1:${port}/?serverSelectionTimeoutMS=500`;
    const r = await serve(uri);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`Cannot connect to MongoDB at 127.0.0.1:${port} (database "frontdesk")`);
    expect(r.stderr).toContain(`ECONNREFUSED 127.0.0.1:${port}`);
    expect(r.stderr).toContain(
      `MONGODB_URI (mongodb://frontdesk:****@127.0.0.1:${port}/?serverSelectionTimeoutMS=500)`,
    );
    expect(r.stderr).not.toContain('hunter2');
    expect(r.stderr).not.toMatch(/content/i);
    expect(r.stdout).not.toContain('running');
  });

  it('a server that accepts but never answers: the selection timeout, named the same way', async () => {
    const { port } = silent.address() as net.AddressInfo;
    const uri = `mongodb://127.0.0.1:${port}/support?serverSelectionTimeoutMS=400&connectTimeoutMS=300`;
    const r = await serve(uri);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Cannot connect to MongoDB at 127.0.0.1:${port} (database "support")`);
    expect(r.stderr).toMatch(/timed out/i);
    expect(r.stderr).toContain(`MONGODB_URI (${uri})`);
    expect(r.stderr).not.toMatch(/content/i);
  });
});
