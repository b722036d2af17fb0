import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';

/** How often the checkpointer copies the WAL back into the database file. */
const defaultIntervalMs = 200;
/**
 * The committing connection's own automatic checkpoint, kept only as a backstop (should the checkpointer
 * fall behind): 10,000 pages, about 40 MB of WAL, instead of SQLite's 1,000.
 */
const backstopPages = 10_000;
const sqliteDefaultPages = 1000;
/** How long the worker stays up after the last commit. */
const defaultIdleMs = 30_000;

/** The worker's code (CommonJS, evaluated): its own connection, a PASSIVE checkpoint every interval. */
const workerCode = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true, timeout: 0 });
const tick = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // busy (another process's checkpoint) or I/O: the next tick tries again, the backstop remains
  }
};
const timer = setInterval(tick, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside the COMMIT that crosses
 * 1,000 WAL pages, on the committing thread: under load every third group commit took 17–57 ms instead of
 * 4–5 ms, with the event loop stopped. While commits come, a worker thread with its own connection to the
 * same file runs a PASSIVE checkpoint every `intervalMs` instead (it waits for no reader or writer; SQLite
 * lets a checkpoint run beside a writer), and the committing connection's own threshold becomes a backstop.
 * `idleMs` after the last commit the worker stops (an idle server does not keep a second V8 isolate, about
 * 20 MB) and SQLite's own checkpoint is back. Commits keep `synchronous = FULL`: each still syncs the WAL.
 */
export class WalCheckpointer {
  private worker: Worker | null = null;
  private exited: Promise<void> = Promise.resolve();
  private lastWake = 0;
  private idleTimer: NodeJS.Timeout | null = null;
  private closed = false;

  private constructor(
    private readonly db: Database,
    private readonly file: string,
    private readonly intervalMs: number,
    private readonly idleMs: number,
  ) {}

  /** A checkpointer for `file`, whose connection `db` is (none for ':memory:'). Starts with `wake`. */
  static for(
    db: Database,
    file: string,
    options: { intervalMs?: number; idleMs?: number } = {},
  ): WalCheckpointer | null {
    if (file === ':memory:') return null;
    return new WalCheckpointer(
      db,
      file,
      options.intervalMs ?? defaultIntervalMs,
      options.idleMs ?? defaultIdleMs,
    );
  }

  /** After a commit: the worker runs (started if need be) until `idleMs` pass without one. */
  wake(): void {
    if (this.closed) return;
    this.lastWake = performance.now();
    if (!this.worker) this.startWorker();
  }

  /** Whether the worker is up. */
  get active(): boolean {
    return this.worker !== null;
  }

  /** Stops the worker and closes its connection (before the store's own, which then checkpoints last). */
  async close(): Promise<void> {
    this.closed = true;
    await this.stopWorker();
  }

  private startWorker(): void {
    const { file, intervalMs, db } = this;
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const worker = new Worker(workerCode, { eval: true, workerData: { driver, file, intervalMs } });
    worker.unref();
    worker.on('error', () => undefined); // reported through 'exit'
    this.worker = worker;
    db.pragma(`wal_autocheckpoint = ${backstopPages}`);
    this.exited = new Promise<void>((resolve) =>
      worker.once('exit', () => {
        // Stopped (idle, closed or failed) with no successor: SQLite's own checkpoints again.
        if (this.worker === worker) this.worker = null;
        if (this.worker === null && db.open) db.pragma(`wal_autocheckpoint = ${sqliteDefaultPages}`);
        resolve();
      }),
    );
    this.idleTimer = setInterval(
      () => {
        if (performance.now() - this.lastWake > this.idleMs) void this.stopWorker();
      },
      Math.min(this.idleMs, 1000),
    );
    this.idleTimer.unref();
  }

  private stopWorker(): Promise<void> {
    if (this.idleTimer) clearInterval(this.idleTimer);
    this.idleTimer = null;
    const worker = this.worker;
    if (!worker) return this.exited;
    this.worker = null;
    worker.ref(); // the process waits for it to close its connection
    worker.postMessage('close');
    return this.exited;
  }
}
