import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrations } from './schema.js';

/**
 * A WAL that grew past this (a burst while readers held checkpoints back, or the checkpointer was down) is
 * cut back to it when it restarts, instead of keeping its largest size on disk for good.
 */
export const walSizeLimitBytes = 16 * 1024 * 1024;

/**
 * Brings the schema up to date. The version is read again inside a write transaction taken at once
 * (BEGIN IMMEDIATE): when several processes open a fresh file together, one migrates while the others wait
 * on the lock and then find nothing left to do.
 */
function migrate(db: Database.Database): void {
  const version = () => db.pragma('user_version', { simple: true }) as number;
  if (version() >= migrations.length) return;
  db.transaction(() => {
    for (let v = version(); v < migrations.length; v++) {
      db.exec(migrations[v] ?? '');
      db.pragma(`user_version = ${v + 1}`);
    }
  }).immediate();
}

/**
 * The embedded store's connection: owner-only files, WAL with full fsync, foreign keys on, the schema
 * migrated. ':memory:' gives a throwaway database.
 */
export function openDatabase(file: string, busyTimeoutMs: number): Database.Database {
  if (file !== ':memory:') {
    // Owner-only: the data directory when it is created here (0700) and the database file (0600; SQLite
    // gives its -wal and -shm files the database file's mode).
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    closeSync(openSync(file, 'a', 0o600));
    chmodSync(file, 0o600);
  }
  // The busy timeout first: several processes (WORKERS) open one file, and even switching to WAL waits for
  // a lock another process may hold for a moment.
  const db = new Database(file, { timeout: busyTimeoutMs });
  db.pragma(`busy_timeout = ${busyTimeoutMs}`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma(`journal_size_limit = ${walSizeLimitBytes}`);
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}
