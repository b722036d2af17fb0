import { parentPort, workerData } from 'node:worker_threads';
import { serializeTrained, trainKb } from './model-cache.js';

/**
 * The training worker (`train-off-thread.ts`): loads and trains the KB in `workerData.contentDir` (through
 * the model cache when `workerData.cacheDir` is set) and posts the trained KB back as bytes.
 */
const { contentDir, cacheDir } = workerData as { contentDir: string; cacheDir: string | null };
const trained = await trainKb(contentDir, cacheDir);
parentPort?.postMessage({
  bytes: serializeTrained(trained.loaded, trained.index),
  fromCache: trained.fromCache,
});
