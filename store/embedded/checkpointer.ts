import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';
import { walSizeLimitBytes } from './open-database.js';

/** How often the checkpointer copies the WAL back into the database file. */
const defaultIntervalMs = 200;
/**
 * The committing connection's own automatic checkpoint, kept only as a backstop (should the checkpointer
 * fall behind): 10,000 pages, about 40 MB of WAL, instead of SQLite's 1,000.
 */
const backstopPages = 10_000;
/** How long the worker stays up after the last commit. */
const defaultIdleMs = 30_000;
/** How long after a worker failed (it could not open the file, say) before another is tried. */
const retryMs = 60_000;
/** At most one problem reported per this interval (a failing disk fails every tick). */
const reportEveryMs = 60_000;

export interface CheckpointerOptions {
  readonly intervalMs?: number;
  readonly idleMs?: number;
  /** Told when checkpoints fail for a reason other than a busy lock, or the worker stops: at most once a minute. */
  readonly onProblem?: (problem: CheckpointProblem) => void;
}

export interface CheckpointProblem {
  readonly message: string;
  /** SQLite's error code, when SQLite gave one. */
  readonly code: string | null;
}

/** The worker's code (CommonJS, evaluated): its own connection, a PASSIVE checkpoint every interval. */
const workerCode = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true, timeout: 0 });
db.pragma('journal_size_limit = ' + workerData.walSizeLimitBytes);
const tick = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (err) {
    // Busy (another process's checkpoint): the next tick tries again. Anything else is told to the parent,
    // which reports it; the backstop remains.
    if (err && err.code !== 'SQLITE_BUSY')
      parentPort.postMessage({ problem: String(err.message), code: err.code ?? null });
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
  /** After a worker failed, none is started again before this time (performance.now()). */
  private retryAt = 0;
  /** When a problem was last reported (performance.now()). */
  private reportedAt = -Infinity;
  /** The connection's own threshold before the checkpointer raised it, given back when the worker stops. */
  private readonly ownPages: number;

  private constructor(
    private readonly db: Database,
    private readonly file: string,
    private readonly intervalMs: number,
    private readonly idleMs: number,
    private readonly onProblem: ((problem: CheckpointProblem) => void) | undefined,
  ) {
    this.ownPages = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  }

  /** A checkpointer for `file`, whose connection `db` is (none for ':memory:'). Starts with `wake`. */
  static for(db: Database, file: string, options: CheckpointerOptions = {}): WalCheckpointer | null {
    if (file === ':memory:') return null;
    return new WalCheckpointer(
      db,
      file,
      options.intervalMs ?? defaultIntervalMs,
      options.idleMs ?? defaultIdleMs,
      options.onProblem,
    );
  }

  /** After a commit: the worker runs (started if need be) until `idleMs` pass without one. */
  wake(): void {
    if (this.closed) return;
    this.lastWake = performance.now();
    if (this.worker || this.lastWake < this.retryAt) return;
    try {
      this.startWorker();
    } catch (err) {
      this.failed(); // a commit never fails for want of the checkpointer
      this.report(err);
    }
  }

  /** Whether the worker is up. */
  get active(): boolean {
    return this.worker !== null;
  }

  /**
   * Stops the worker and closes its connection (before the store's own, which then checkpoints last). A
   * worker that does not stop within `closeWaitMs` is terminated.
   */
  async close(closeWaitMs = 5000): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    const exited = this.stopWorker();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        void worker?.terminate();
        resolve();
      }, closeWaitMs);
    });
    await Promise.race([exited, late]);
    clearTimeout(timer);
  }

  private startWorker(): void {
    const { file, intervalMs, db } = this;
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const worker = new Worker(workerCode, {
      eval: true,
      workerData: { driver, file, intervalMs, walSizeLimitBytes },
    });
    worker.unref();
    let error: unknown = null;
    worker.on('error', (err) => (error = err)); // reported on 'exit'
    worker.on('message', (m: { problem?: unknown; code?: unknown }) =>
      this.report({ message: String(m.problem), code: typeof m.code === 'string' ? m.code : null }),
    );
    this.worker = worker;
    db.pragma(`wal_autocheckpoint = ${backstopPages}`);
    const exit = new Promise<void>((resolve) =>
      worker.once('exit', () => {
        if (this.worker === worker) {
          // It stopped by itself (it could not open the file, or crashed): no new one for a while.
          this.worker = null;
          this.failed();
          this.report(error ?? new Error('the checkpoint worker stopped'));
        }
        // No successor running: SQLite's own checkpoints again.
        if (this.worker === null && db.open) {
          try {
            db.pragma(`wal_autocheckpoint = ${this.ownPages}`);
          } catch {
            // the connection is closing
          }
        }
        resolve();
      }),
    );
    // close() waits for every worker still stopping, not only the newest.
    const before = this.exited;
    this.exited = Promise.all([before, exit]).then(() => undefined);
    this.clearIdleTimer();
    this.idleTimer = setInterval(
      () => {
        if (performance.now() - this.lastWake > this.idleMs) void this.stopWorker();
      },
      Math.min(this.idleMs, 1000),
    );
    this.idleTimer.unref();
  }

  /** Tells `onProblem`, at most once per `reportEveryMs`. */
  private report(problem: unknown): void {
    const now = performance.now();
    if (!this.onProblem || now - this.reportedAt < reportEveryMs) return;
    this.reportedAt = now;
    const p = problem as { message?: unknown; code?: unknown } | null;
    this.onProblem({
      message: typeof p?.message === 'string' ? p.message : String(problem),
      code: typeof p?.code === 'string' ? p.code : null,
    });
  }

  /** A worker that failed: SQLite's own checkpoints until `retryMs` from now. */
  private failed(): void {
    this.clearIdleTimer();
    this.retryAt = performance.now() + retryMs;
  }

  private clearIdleTimer(): void {
    if (this.idleTimer) clearInterval(this.idleTimer);
    this.idleTimer = null;
  }

  private stopWorker(): Promise<void> {
    this.clearIdleTimer();
    const worker = this.worker;
    if (!worker) return this.exited;
    this.worker = null;
    worker.ref(); // the process waits for it to close its connection
    worker.postMessage('close');
    return this.exited;
  }
}
