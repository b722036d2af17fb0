import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { deserializeTrained, trainKb, type TrainedKb } from './model-cache.js';
import type { BuildOptions } from './knowledge-base.js';

/**
 * Loads and trains the KB in a worker thread, so the event loop keeps serving (the live KB keeps answering
 * with the old index meanwhile); only reviving the result runs here. Running from the TypeScript sources
 * (tests), where there is no built worker script, it trains in this thread instead.
 */
export function trainOffThread(
  contentDir: string,
  cacheDir: string | null,
  options: BuildOptions = {},
): Promise<TrainedKb> {
  const script = new URL('./train-worker.js', import.meta.url);
  if (!existsSync(fileURLToPath(script))) return trainKb(contentDir, cacheDir, options);
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: { contentDir, cacheDir, options } });
    let settled = false;
    worker.once('message', (m: { bytes: Uint8Array; fromCache: boolean }) => {
      settled = true;
      try {
        resolve({ ...deserializeTrained(m.bytes), fromCache: m.fromCache });
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
      }
      void worker.terminate();
    });
    worker.once('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the KB training worker exited with code ${code}`));
    });
  });
}
