import { AsyncLocalStorage } from 'node:async_hooks';
import type { Database, Statement } from 'better-sqlite3';

export interface GroupCommitOptions {
  /** How long a batch collects units before it is committed; default 1 ms. */
  readonly delayMs?: number;
  /** Told after each batch commit, with the number of units it made durable (benchmarks, tests). */
  readonly onCommit?: (units: number) => void;
  /**
   * How long a due commit waits for units still running (one waiting on slow I/O, e.g. a channel's API)
   * before it commits without them; default 20 ms. Such a unit's writes then span two commits (it still
   * settles only after its last write is durable).
   */
  readonly maxWaitMs?: number;
  /** The connection's busy timeout (ms), restored after each non-blocking try for the write lock; default 5000. */
  readonly busyTimeoutMs?: number;
}

/** The longest pause between two tries for the write lock that another process holds. */
const maxLockPauseMs = 4;

interface Waiter {
  resolve(): void;
  reject(err: unknown): void;
}

/**
 * Group commit on one better-sqlite3 connection. A unit of work (a turn) runs with its writes inside one
 * open batch transaction shared with the units running at the same time; about every millisecond, once no
 * unit is half-way, the batch is committed (one fsync under `synchronous = FULL`) and only then does each
 * unit's promise settle, so whoever acknowledges after it acknowledges what is on disk. While a commit waits
 * for running units to finish, new units wait for it (no starvation). A write outside any unit commits a
 * pending batch first when no unit is half-way, then commits on its own as before.
 *
 * The batch's write lock is taken when a unit starts, without blocking (see `lock`).
 *
 * Not covered: a unit that throws keeps what it already wrote (as separate writes did before); a unit
 * still running `maxWaitMs` after its batch is due is committed half-way (atomicity given up for it, never
 * durability); and a write outside any unit made while a unit is half-way joins that unit's batch.
 */
export class GroupCommit {
  /** The running unit; `active` turns false when it ends (timers it started keep the context). */
  private readonly inUnit = new AsyncLocalStorage<{ active: boolean }>();
  private open = false;
  private running = 0;
  private units = 0;
  private waiters: Waiter[] = [];
  private timer: NodeJS.Timeout | null = null;
  private forceTimer: NodeJS.Timeout | null = null;
  private commitWanted = false;
  private gate: { promise: Promise<void>; release(): void } | null = null;

  constructor(
    private readonly db: Database,
    private readonly options: GroupCommitOptions = {},
  ) {}

  /** Runs `work` as one unit; settles once the batch holding its writes is committed. Nested calls join. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.inUnit.getStore()?.active) return work();
    while (this.gate) await this.gate.promise;
    await this.lock();
    this.running++;
    const unit = { active: true };
    let outcome: { ok: true; value: T } | { ok: false; error: unknown };
    try {
      outcome = { ok: true, value: await this.inUnit.run(unit, work) };
    } catch (error) {
      outcome = { ok: false, error };
    } finally {
      unit.active = false;
      this.running--;
    }
    const durable = this.open
      ? new Promise<void>((resolve, reject) => {
          this.units++;
          this.waiters.push({ resolve, reject });
        })
      : Promise.resolve();
    if (this.running === 0 && this.commitWanted) this.commit();
    await durable;
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  /** Call before every write on the connection. */
  beforeWrite(): void {
    if (this.inUnit.getStore()?.active) {
      if (!this.open) this.begin();
      return;
    }
    if (this.open && this.running === 0) this.commit();
  }

  /**
   * Opens the batch before a unit runs. Another process (WORKERS share the file) may hold the write lock:
   * instead of SQLite's busy handler, which sleeps with the whole event loop stopped, the lock is tried
   * without waiting and tried again after a short timer, so this process goes on serving meanwhile.
   */
  private async lock(): Promise<void> {
    let pause = 1;
    const deadline = Date.now() + (this.options.busyTimeoutMs ?? 5000);
    while (!this.open) {
      if (Date.now() >= deadline) {
        this.begin(); // SQLite's own busy wait, then SQLITE_BUSY for the unit, as before
        return;
      }
      if (this.tryBegin()) return;
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = Math.min(pause * 2, maxLockPauseMs);
    }
  }

  /** BEGIN IMMEDIATE with no busy wait: false when another connection holds the write lock. */
  private tryBegin(): boolean {
    this.db.pragma('busy_timeout = 0');
    try {
      this.begin();
      return true;
    } catch (err) {
      if ((err as { code?: unknown }).code === 'SQLITE_BUSY') return false;
      throw err;
    } finally {
      this.db.pragma(`busy_timeout = ${this.options.busyTimeoutMs ?? 5000}`);
    }
  }

  private begin(): void {
    this.db.exec('BEGIN IMMEDIATE');
    this.open = true;
    this.timer = setTimeout(() => this.due(), this.options.delayMs ?? 1);
  }

  /** Commits what is pending now (closing the store). */
  flush(): void {
    if (this.open) this.commit();
  }

  private due(): void {
    this.timer = null;
    if (this.running === 0) {
      this.commit();
      return;
    }
    this.commitWanted = true;
    this.forceTimer ??= setTimeout(() => this.commit(), this.options.maxWaitMs ?? 20);
    if (!this.gate) {
      let release = () => {};
      const promise = new Promise<void>((resolve) => (release = resolve));
      this.gate = { promise, release };
    }
  }

  private commit(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.forceTimer) clearTimeout(this.forceTimer);
    this.timer = null;
    this.forceTimer = null;
    this.commitWanted = false;
    const waiters = this.waiters.splice(0);
    const units = this.units;
    this.units = 0;
    let error: unknown = null;
    if (this.open) {
      this.open = false;
      try {
        this.db.exec('COMMIT');
      } catch (err) {
        error = err;
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
      }
    }
    const gate = this.gate;
    this.gate = null;
    gate?.release();
    if (error === null) this.options.onCommit?.(units);
    for (const w of waiters) {
      if (error === null) w.resolve();
      else w.reject(error);
    }
  }
}

/**
 * The connection as the other repositories see it: every statement that writes, and every transaction,
 * calls `before` first (so they join or flush the group commit's batch).
 */
export function guardWrites(db: Database, before: () => void): Database {
  const guardStatement = (stmt: Statement): Statement => {
    if (stmt.readonly) return stmt;
    return new Proxy(stmt, {
      get(target, prop) {
        const value: unknown = Reflect.get(target, prop, target);
        if (typeof value !== 'function') return value;
        const fn = value as (...args: unknown[]) => unknown;
        if (prop === 'run' || prop === 'get' || prop === 'all' || prop === 'iterate')
          return (...args: unknown[]) => {
            before();
            return fn.apply(target, args);
          };
        return fn.bind(target);
      },
    });
  };
  const prepared = new Map<string, Statement>();
  return new Proxy(db, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      const fn = value as (...args: unknown[]) => unknown;
      if (prop === 'prepare')
        return (...args: unknown[]) => {
          // Queries built per call (filters, patches) are prepared once per text. No repository changes a
          // statement's mode (pluck, raw, expand) or iterates one, so a statement can be shared.
          const sql = args[0];
          if (typeof sql !== 'string' || args.length !== 1)
            return guardStatement(fn.apply(target, args) as Statement);
          let stmt = prepared.get(sql);
          if (!stmt) {
            if (prepared.size >= 256) prepared.clear();
            stmt = guardStatement(fn.apply(target, args) as Statement);
            prepared.set(sql, stmt);
          }
          return stmt;
        };
      if (prop === 'exec')
        return (...args: unknown[]) => {
          before();
          return fn.apply(target, args);
        };
      if (prop === 'transaction')
        return (...args: unknown[]) => {
          const tx = fn.apply(target, args) as (...a: unknown[]) => unknown;
          return (...a: unknown[]) => {
            before();
            return tx(...a);
          };
        };
      return fn.bind(target);
    },
  });
}
