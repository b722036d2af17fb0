import { parentPort, workerData } from 'node:worker_threads';
import { serializeTrained, trainKb } from './model-cache.js';
import type { BuildOptions } from './knowledge-base.js';

/**
 * The training worker (`train-off-thread.ts`): loads and trains the KB in `workerData.contentDir` (through
 * the model cache when `workerData.cacheDir` is set) and posts the trained KB back as bytes.
 */
const { contentDir, cacheDir, options } = workerData as {
  contentDir: string;
  cacheDir: string | null;
  options: BuildOptions;
};
const trained = await trainKb(contentDir, cacheDir, options);
parentPort?.postMessage({
  bytes: serializeTrained(trained.loaded, trained.index),
  fromCache: trained.fromCache,
});
