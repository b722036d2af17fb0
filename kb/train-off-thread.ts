import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { deserializeTrained, trainKb, type TrainedKb } from './model-cache.js';
import type { BuildOptions } from './knowledge-base.js';

/** One training request to the worker (train-worker.ts). */
export interface TrainingJob {
  readonly contentDir: string;
  readonly cacheDir: string | null;
  readonly options: BuildOptions;
  /** A model cache file of another version of this content (the live KB's), to seed a new worker. */
  readonly seed: string | null;
}

type Reply =
  | { ok: true; bytes: Uint8Array; fromCache: boolean; cacheFile: string | null }
  | { ok: false; message: string };

/** How long the worker stays up after its last job before it stops (its memory goes back to the OS). */
export const defaultWorkerIdleMs = 60_000;

/**
 * Loads and trains the KB in a worker thread, so the event loop keeps serving (the live KB keeps answering
 * with the old index meanwhile); only reviving the result runs here. The worker starts with the first job
 * and stays up while reloads come (an editing session): its modules load once, and its matcher cache
 * (kb/matcher-cache.ts) retrains only the languages whose articles changed. `idleMs` after its last job it
 * stops, so a server whose content is not being edited does not carry a second V8 heap (about 70 MB of
 * RSS); the next job starts a new one, seeded from `seed` (see TrainingJob). Running from the TypeScript
 * sources (tests), where there is no built worker script, it trains in this thread instead. Jobs run one
 * at a time.
 */
export class TrainingWorker {
  private worker: Worker | null = null;
  private pending: { resolve(r: Reply): void; reject(e: Error): void } | null = null;
  private last: Promise<unknown> = Promise.resolve();
  private queued = 0;
  private closed = false;
  private idleTimer: NodeJS.Timeout | null = null;
  private readonly script = new URL('./train-worker.js', import.meta.url);

  constructor(private readonly idleMs = defaultWorkerIdleMs) {}

  /** Whether a worker thread is up now. */
  get running(): boolean {
    return this.worker !== null;
  }

  /** Whether jobs run in a worker thread (false from the TypeScript sources: in this thread). */
  get offThread(): boolean {
    return existsSync(fileURLToPath(this.script));
  }

  train(
    contentDir: string,
    cacheDir: string | null,
    options: BuildOptions = {},
    seed: string | null = null,
  ): Promise<TrainedKb> {
    const run = async (): Promise<TrainedKb> => {
      if (this.closed) throw new Error('the KB training worker is closed');
      if (!this.offThread) return trainKb(contentDir, cacheDir, options);
      const reply = await this.ask({ contentDir, cacheDir, options, seed });
      if (!reply.ok) throw new Error(reply.message);
      return { ...deserializeTrained(reply.bytes), fromCache: reply.fromCache, cacheFile: reply.cacheFile };
    };
    this.queued++;
    this.cancelIdle();
    const next = this.last.then(run, run).finally(() => {
      if (--this.queued === 0) this.scheduleIdle();
    });
    this.last = next.catch(() => undefined);
    return next;
  }

  /** Stops the worker; jobs after this fail. */
  async close(): Promise<void> {
    this.closed = true;
    await this.last;
    this.cancelIdle();
    await this.stop();
  }

  private stop(): Promise<number> | undefined {
    const worker = this.worker;
    this.worker = null;
    return worker?.terminate();
  }

  private scheduleIdle(): void {
    if (!this.worker) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.queued === 0) void this.stop();
    }, this.idleMs);
    this.idleTimer.unref();
  }

  private cancelIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private ask(job: TrainingJob): Promise<Reply> {
    const worker = this.worker ?? this.start();
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      worker.postMessage(job);
    });
  }

  private start(): Worker {
    const worker = new Worker(this.script);
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const p = this.pending;
      this.pending = null;
      p?.resolve(reply);
    });
    const fail = (err: Error) => {
      // A worker that was stopped (idle, or closed) has no job; the pending one belongs to its successor.
      if (this.worker !== worker) return;
      this.worker = null;
      const p = this.pending;
      this.pending = null;
      p?.reject(err);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the KB training worker exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }
}

/** One training in a worker thread that is stopped afterwards (see TrainingWorker). */
export async function trainOffThread(
  contentDir: string,
  cacheDir: string | null,
  options: BuildOptions = {},
): Promise<TrainedKb> {
  const trainer = new TrainingWorker();
  try {
    return await trainer.train(contentDir, cacheDir, options);
  } finally {
    await trainer.close();
  }
}
