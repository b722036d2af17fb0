import { afterEach, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Store } from '../ports.js';
import { describeStoreContract } from '../contract.js';
import { openEmbeddedStore } from './sqlite-store.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const compiledStore = path.join(repoRoot, 'dist', 'store', 'embedded', 'sqlite-store.js');

const tempDirs: string[] = [];

/** A database file in a fresh temp dir, removed after the test. */
function tempDbFile(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fd-sqlite-'));
  tempDirs.push(dir);
  return path.join(dir, 'frontdesk.db');
}

afterEach(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describeStoreContract('embedded', async () => openEmbeddedStore(tempDbFile()));

/** Resolves once the child prints `acked` on a line; rejects if it exits first. */
function waitForAck(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (out.split('\n').includes('acked')) resolve();
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      err += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      reject(new Error(`child exited (code ${code}, signal ${signal}) before acking:\n${out}\n${err}`));
    });
  });
}

function waitForExit(child: ChildProcess): Promise<NodeJS.Signals | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.signalCode);
  return new Promise((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
}

describe('embedded store', () => {
  let store: Store | undefined;
  let child: ChildProcess | undefined;

  afterEach(async () => {
    await store?.close();
    store = undefined;
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await waitForExit(child);
    }
    child = undefined;
  });

  it('keeps data across close and reopen of the same file', async () => {
    const file = tempDbFile();
    const first = openEmbeddedStore(file);
    const c = await first.conversations.open({ channel: 'web', visitorKey: 'v1', lang: 'en' });
    const updated = await first.conversations.update(c.id, { lang: 'fr', state: { failures: 1 } });
    const m1 = await first.conversations.append(c.id, { role: 'visitor', text: 'bonjour', clientId: 'k1' });
    const m2 = await first.conversations.append(c.id, {
      role: 'bot',
      text: 'Salut',
      meta: { event: 'clarify', choices: [{ id: 'a', label: 'A', postback: 'a' }] },
    });
    const q = await first.unresolved.record({
      conversationId: c.id,
      lang: 'fr',
      text: 'bonjour',
      candidates: [{ articleId: 'x', confidence: 0.1 }],
    });
    await first.close();

    store = openEmbeddedStore(file);
    expect(await store.conversations.find('web', 'v1')).toEqual(updated);
    expect(await store.conversations.get(c.id)).toEqual(updated);
    expect(await store.conversations.messages(c.id)).toEqual([m1.message, m2.message]);
    expect(await store.unresolved.list()).toEqual([q]);

    const resent = await store.conversations.append(c.id, {
      role: 'visitor',
      text: 'bonjour',
      clientId: 'k1',
    });
    expect(resent).toEqual({ message: m1.message, duplicate: true });
    const m3 = await store.conversations.append(c.id, { role: 'visitor', text: 'encore' });
    expect(m3.message.seq).toBeGreaterThan(m2.message.seq);
    const reopened = await store.conversations.open({ channel: 'web', visitorKey: 'v1', lang: 'de' });
    expect(reopened.id).toBe(c.id);
  });

  it('creates the data directory (0700) and the database and its WAL files (0600) owner-only', async () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'fd-perm-')), 'data', 'nested');
    const file = path.join(dir, 'frontdesk.db');
    const previous = process.umask(0o022);
    try {
      const s = openEmbeddedStore(file);
      await s.conversations.open({ channel: 'web', visitorKey: 'v1', lang: null });
      const mode = (p: string) => statSync(p).mode & 0o777;
      expect(mode(dir)).toBe(0o700);
      expect(mode(path.dirname(dir))).toBe(0o700);
      expect(mode(file)).toBe(0o600);
      expect(mode(`${file}-wal`)).toBe(0o600);
      expect(mode(`${file}-shm`)).toBe(0o600);
      await s.close();
    } finally {
      process.umask(previous);
      rmSync(path.dirname(path.dirname(dir)), { recursive: true, force: true });
    }
  });

  it('puts the database file in WAL mode', async () => {
    const file = tempDbFile();
    const s = openEmbeddedStore(file);
    await s.conversations.open({ channel: 'web', visitorKey: 'v1', lang: null });
    await s.close();

    const db = new Database(file, { fileMustExist: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  });

  it('keeps an acknowledged write after the writing process is killed with SIGKILL', async () => {
    if (!existsSync(compiledStore)) {
      throw new Error(`${compiledStore} is missing: run \`npx tsc -p tsconfig.build.json\` first`);
    }
    const file = tempDbFile();
    const script = `
      import { openEmbeddedStore } from ${JSON.stringify(pathToFileURL(compiledStore).href)};
      const store = openEmbeddedStore(${JSON.stringify(file)});
      const c = await store.conversations.open({ channel: 'web', visitorKey: 'crash', lang: 'en' });
      await store.conversations.append(c.id, {
        role: 'visitor',
        text: 'this must survive',
        clientId: 'crash-1',
        meta: { postback: null },
      });
      process.stdout.write('acked\\n');
      setInterval(() => {}, 1000);
    `;
    child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await waitForAck(child);
    child.kill('SIGKILL');
    expect(await waitForExit(child)).toBe('SIGKILL');

    store = openEmbeddedStore(file);
    const c = await store.conversations.find('web', 'crash');
    expect(c).not.toBeNull();
    const messages = await store.conversations.messages(c?.id ?? '');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      role: 'visitor',
      text: 'this must survive',
      clientId: 'crash-1',
      meta: { postback: null },
    });
  });
});
