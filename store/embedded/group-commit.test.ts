import { afterEach, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Store } from '../ports.js';
import Database from 'better-sqlite3';
import { openEmbeddedStore } from './sqlite-store.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const compiledStore = path.join(repoRoot, 'dist', 'store', 'embedded', 'sqlite-store.js');
const dirs: string[] = [];
const stores: Store[] = [];
let child: ChildProcess | undefined;

function dbFile(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fd-group-'));
  dirs.push(dir);
  return path.join(dir, 'frontdesk.db');
}

afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  child = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A turn's writes: the conversation, the visitor's message, a reply and the state. */
async function turn(store: Store, visitor: string): Promise<string> {
  const c = await store.conversations.open({ channel: 'web', visitorKey: visitor, lang: null });
  const { message } = await store.conversations.append(c.id, { role: 'visitor', text: 'hi', clientId: 'c1' });
  await store.conversations.append(c.id, { role: 'bot', text: 'Hello!' });
  await store.conversations.update(c.id, { lang: 'en', state: { failures: 1 } });
  return message.id;
}

describe('group commit (embedded store)', () => {
  it('commits concurrent turns together and settles each turn only after its commit', async () => {
    const commits: number[] = [];
    const settledBeforeCommit: string[] = [];
    const store = openEmbeddedStore(dbFile(), { onCommit: (units) => commits.push(units) });
    stores.push(store);
    const turns = Array.from({ length: 40 }, (_, i) =>
      store.conversations
        .transaction(() => turn(store, `v${i}`))
        .then((id) => {
          if (commits.length === 0) settledBeforeCommit.push(id);
          return id;
        }),
    );
    const ids = await Promise.all(turns);
    expect(ids).toHaveLength(40);
    expect(settledBeforeCommit).toEqual([]);
    expect(commits.reduce((a, b) => a + b, 0)).toBe(40);
    expect(commits.length).toBeLessThan(5);
    const c = await store.conversations.find('web', 'v39');
    expect(c?.state.failures).toBe(1);
    expect(await store.conversations.messages(c?.id ?? '')).toHaveLength(2);
  });

  it('passes a failing unit’s error on and keeps serving', async () => {
    const store = openEmbeddedStore(dbFile());
    stores.push(store);
    await expect(
      store.conversations.transaction(async () => {
        await turn(store, 'x');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store.conversations.transaction(() => turn(store, 'y'))).toEqual(expect.any(String));
  });

  it('commits a pending batch before a write made outside any turn (a ticket, an agent)', async () => {
    const commits: number[] = [];
    const store = openEmbeddedStore(dbFile(), { delayMs: 60_000, onCommit: (units) => commits.push(units) });
    stores.push(store);
    const pending = store.conversations.transaction(() => turn(store, 'a'));
    await new Promise((r) => setImmediate(r));
    expect(commits).toEqual([]);
    await store.apiKeys.create('outside', 'hash');
    expect(commits).toEqual([1]);
    await pending;
  });

  it('does not hold other turns behind a turn waiting on slow I/O', async () => {
    const store = openEmbeddedStore(dbFile(), { maxWaitMs: 20 });
    stores.push(store);
    let release = () => {};
    const slow = store.conversations.transaction(async () => {
      await turn(store, 'slow');
      await new Promise<void>((resolve) => (release = resolve));
      return turn(store, 'slow-2');
    });
    await new Promise((r) => setTimeout(r, 5));
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 5 }, (_, i) => store.conversations.transaction(() => turn(store, `q${i}`))),
    );
    expect(performance.now() - started).toBeLessThan(2000);
    release();
    await slow;
    expect(await store.conversations.find('web', 'slow-2')).not.toBeNull();
  });

  it('treats a write from a timer a finished turn started as a write outside any turn', async () => {
    const commits: number[] = [];
    const store = openEmbeddedStore(dbFile(), { delayMs: 60_000, onCommit: (units) => commits.push(units) });
    stores.push(store);
    let later: Promise<unknown> = Promise.resolve();
    await Promise.race([
      store.conversations.transaction(async () => {
        later = new Promise((resolve) => setTimeout(resolve, 10)).then(() =>
          store.apiKeys.create('later', 'h2'),
        );
        return turn(store, 't');
      }),
      new Promise((r) => setTimeout(r, 50)),
    ]);
    await later;
    // The timer's write committed the pending batch first, then itself, outside any batch.
    expect(commits).toEqual([1]);
    expect(await store.apiKeys.list()).toHaveLength(1);
  });

  it('keeps every acknowledged turn of a batch after kill -9', async () => {
    if (!existsSync(compiledStore))
      throw new Error(`${compiledStore} is missing: run \`npx tsc -p tsconfig.build.json\` first`);
    const file = dbFile();
    const script = `
      import { openEmbeddedStore } from ${JSON.stringify(pathToFileURL(compiledStore).href)};
      const store = openEmbeddedStore(${JSON.stringify(file)});
      const one = async (i) => {
        const c = await store.conversations.open({ channel: 'web', visitorKey: 'k' + i, lang: 'en' });
        await store.conversations.append(c.id, { role: 'visitor', text: 'survive ' + i, clientId: 'c' + i });
        await store.conversations.append(c.id, { role: 'bot', text: 'reply ' + i });
      };
      await Promise.all(Array.from({ length: 30 }, (_, i) => store.conversations.transaction(() => one(i))));
      process.stdout.write('acked\\n');
      setInterval(() => {}, 1000);
    `;
    const proc = spawn(process.execPath, ['--input-type=module', '-e', script], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    await new Promise<void>((resolve, reject) => {
      let out = '';
      let err = '';
      proc.stdout?.setEncoding('utf8').on('data', (d: string) => {
        out += d;
        if (out.includes('acked')) resolve();
      });
      proc.stderr?.setEncoding('utf8').on('data', (d: string) => (err += d));
      proc.on('exit', () => reject(new Error(`child exited before acking: ${err}`)));
    });
    proc.kill('SIGKILL');
    await new Promise((r) => proc.once('exit', r));

    const store = openEmbeddedStore(file);
    stores.push(store);
    for (let i = 0; i < 30; i++) {
      const c = await store.conversations.find('web', `k${i}`);
      expect((await store.conversations.messages(c?.id ?? '')).map((m) => m.text)).toEqual([
        `survive ${i}`,
        `reply ${i}`,
      ]);
    }
  });
});

describe('group commit: the write lock held by another connection (WORKERS share the file)', () => {
  it('waits for it on timers, so this process goes on serving, and the turn commits once it is released', async () => {
    const file = dbFile();
    const store = openEmbeddedStore(file, { busyTimeoutMs: 5000 });
    stores.push(store);
    // Another connection (another worker's, here in this process) holds the write lock for 50 ms. With a
    // blocking busy wait this process could never reach the timer that releases it: SQLITE_BUSY after 5 s.
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    let released = false;
    setTimeout(() => {
      other.exec('COMMIT');
      released = true;
    }, 50);
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 5);
    try {
      const id = await store.conversations.transaction(() => turn(store, 'locked-out'));
      expect(released).toBe(true);
      expect(ticks).toBeGreaterThan(0);
      const row = other.prepare('SELECT id FROM messages WHERE id = ?').get(id);
      expect(row).toEqual({ id });
    } finally {
      clearInterval(ticker);
      other.close();
    }
  });
});
