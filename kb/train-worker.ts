import { parentPort } from 'node:worker_threads';
import { seedMatchers, serializeTrained, trainKb } from './model-cache.js';
import type { TrainingJob } from './train-off-thread.js';

/**
 * The training worker (`train-off-thread.ts`): for each job, loads and trains the KB in `contentDir`
 * (through the model cache when `cacheDir` is set) and posts the trained KB back as bytes. Between jobs
 * its matcher cache keeps what it trained, so a later job retrains only the languages whose articles
 * changed; a new worker's first job seeds that cache from the live KB's cache file (`job.seed`) first.
 */
let seeded = false;

parentPort?.on('message', (job: TrainingJob) => {
  if (!seeded && job.seed) seedMatchers(job.seed);
  seeded = true;
  trainKb(job.contentDir, job.cacheDir, job.options).then(
    (trained) =>
      parentPort?.postMessage({
        ok: true,
        bytes: serializeTrained(trained.loaded, trained.index),
        fromCache: trained.fromCache,
        cacheFile: trained.cacheFile,
      }),
    (err: unknown) => parentPort?.postMessage({ ok: false, message: String(err) }),
  );
});
