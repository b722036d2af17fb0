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
}

type Reply = { ok: true; bytes: Uint8Array; fromCache: boolean } | { ok: false; message: string };

/**
 * Loads and trains the KB in a worker thread, so the event loop keeps serving (the live KB keeps answering
 * with the old index meanwhile); only reviving the result runs here. The worker stays up between reloads:
 * its modules are loaded once, and its matcher cache (kb/matcher-cache.ts) retrains only the languages
 * whose articles changed. Running from the TypeScript sources (tests), where there is no built worker
 * script, it trains in this thread instead. Jobs run one at a time.
 */
export class TrainingWorker {
  private worker: Worker | null = null;
  private pending: { resolve(r: Reply): void; reject(e: Error): void } | null = null;
  private last: Promise<unknown> = Promise.resolve();
  private readonly script = new URL('./train-worker.js', import.meta.url);

  /** Whether jobs run in a worker thread (false from the TypeScript sources: in this thread). */
  get offThread(): boolean {
    return existsSync(fileURLToPath(this.script));
  }

  train(contentDir: string, cacheDir: string | null, options: BuildOptions = {}): Promise<TrainedKb> {
    const run = async (): Promise<TrainedKb> => {
      if (!this.offThread) return trainKb(contentDir, cacheDir, options);
      const reply = await this.ask({ contentDir, cacheDir, options });
      if (!reply.ok) throw new Error(reply.message);
      return { ...deserializeTrained(reply.bytes), fromCache: reply.fromCache };
    };
    const next = this.last.then(run, run);
    this.last = next.catch(() => undefined);
    return next;
  }

  /** Stops the worker (the next job starts a new one). */
  async close(): Promise<void> {
    await this.last;
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
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
      if (this.worker === worker) this.worker = null;
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
