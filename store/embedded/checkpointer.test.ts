import { afterEach, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Store } from '../ports.js';
import { openEmbeddedStore } from './sqlite-store.js';
import { WalCheckpointer, type CheckpointProblem } from './checkpointer.js';
import { openDatabase, walSizeLimitBytes } from './open-database.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function dbFile(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fd-checkpoint-'));
  dirs.push(dir);
  return path.join(dir, 'frontdesk.db');
}

const walBytes = (file: string) => (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The messages in the file, read through a connection of its own once the store is closed. */
function storedMessages(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** 40 turns of about 300 KB each (5 KB messages), 50 ms apart: about 12 MB, 3,000 pages, through the WAL. */
async function writeMuch(store: Store): Promise<void> {
  const text = 'x'.repeat(5000);
  for (let t = 0; t < 40; t++) {
    await store.conversations.transaction(async () => {
      const c = await store.conversations.open({ channel: 'web', visitorKey: `v${t}`, lang: 'en' });
      for (let m = 0; m < 60; m++) await store.conversations.append(c.id, { role: 'bot', text });
    });
    await sleep(50);
  }
}

describe('WAL checkpoints in a worker thread (embedded store)', () => {
  it('keeps the WAL small while the committing connection leaves checkpoints to the worker', async () => {
    const file = dbFile();
    const store = openEmbeddedStore(file, { checkpoints: { intervalMs: 50 } });
    try {
      await writeMuch(store);
      // SQLite's own checkpoint now waits for 10,000 pages (40 MB); the 12 MB written went back to the
      // database file as they came, so the WAL was restarted and stayed a fraction of that.
      expect(walBytes(file)).toBeLessThan(4_000_000);
      expect(statSync(file).size).toBeGreaterThan(10_000_000);
    } finally {
      await store.close();
    }
    expect(storedMessages(file)).toBe(2400);
  });

  it('without the worker (an interval longer than the run) the same writes stay in the WAL', async () => {
    const file = dbFile();
    const store = openEmbeddedStore(file, { checkpoints: { intervalMs: 3_600_000 } });
    try {
      await writeMuch(store);
      expect(walBytes(file)).toBeGreaterThan(10_000_000);
    } finally {
      await store.close();
    }
    // Closing the last connection checkpoints everything and removes the WAL.
    expect(walBytes(file)).toBe(0);
    expect(storedMessages(file)).toBe(2400);
  });

  it('starts with a commit, stops when commits stop, and hands checkpoints back to SQLite meanwhile', async () => {
    const file = dbFile();
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 500'); // the connection's own setting, given back when the worker stops
    const checkpointer = WalCheckpointer.for(db, file, { intervalMs: 20, idleMs: 300 });
    const threshold = () => db.pragma('wal_autocheckpoint', { simple: true });
    try {
      expect(checkpointer?.active).toBe(false);
      expect(threshold()).toBe(500);
      checkpointer?.wake();
      expect(checkpointer?.active).toBe(true);
      expect(threshold()).toBe(10_000);
      const deadline = performance.now() + 3000;
      while (checkpointer?.active && performance.now() < deadline) await sleep(50);
      expect(checkpointer?.active).toBe(false);
      while (threshold() !== 500 && performance.now() < deadline + 3000) await sleep(20); // its exit
      expect(threshold()).toBe(500);
      checkpointer?.wake();
      expect(checkpointer?.active).toBe(true);
    } finally {
      await checkpointer?.close();
      db.close();
    }
    expect(checkpointer?.active).toBe(false);
    expect(WalCheckpointer.for(db, ':memory:')).toBeNull();
  });

  it('a worker that cannot open the file leaves checkpoints to SQLite and is not restarted at every commit', async () => {
    const file = dbFile();
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    const problems: CheckpointProblem[] = [];
    const checkpointer = WalCheckpointer.for(db, path.join(path.dirname(file), 'missing', 'x.db'), {
      intervalMs: 20,
      idleMs: 60_000,
      onProblem: (p) => problems.push(p),
    });
    try {
      checkpointer?.wake();
      expect(checkpointer?.active).toBe(true);
      const deadline = performance.now() + 3000;
      while (checkpointer?.active && performance.now() < deadline) await sleep(20);
      expect(checkpointer?.active).toBe(false);
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
      // Reported once, with the reason, for the server's log.
      expect(problems).toEqual([
        { message: 'Cannot open database because the directory does not exist', code: null },
      ]);
      checkpointer?.wake(); // the next commit: no new worker within the retry time
      expect(checkpointer?.active).toBe(false);
      expect(problems).toHaveLength(1);
    } finally {
      await checkpointer?.close();
      db.close();
    }
  });

  it('cuts a WAL that grew past 16 MB back to that size when it restarts', () => {
    const file = dbFile();
    const db = openDatabase(file, 5000);
    db.pragma('wal_autocheckpoint = 0'); // nothing checkpoints on its own: the WAL grows with each write
    const other = new Database(file);
    try {
      db.exec('CREATE TABLE filler (x TEXT)');
      const insert = db.prepare('INSERT INTO filler VALUES (?)');
      const chunk = 'x'.repeat(100_000);
      db.transaction(() => {
        for (let i = 0; i < 250; i++) insert.run(chunk); // 25 MB
      })();
      expect(walBytes(file)).toBeGreaterThan(walSizeLimitBytes);
      other.pragma('wal_checkpoint(PASSIVE)'); // as the worker does
      insert.run('y'); // the next writer restarts the WAL from its start
      expect(walBytes(file)).toBeLessThanOrEqual(walSizeLimitBytes);
      expect(statSync(file).size).toBeGreaterThan(25_000_000);
    } finally {
      other.close();
      db.close();
    }
  });
});
