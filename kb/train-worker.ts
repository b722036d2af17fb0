import { parentPort } from 'node:worker_threads';
import { serializeTrained, trainKb } from './model-cache.js';
import type { TrainingJob } from './train-off-thread.js';

/**
 * The training worker (`train-off-thread.ts`): for each job, loads and trains the KB in `contentDir`
 * (through the model cache when `cacheDir` is set) and posts the trained KB back as bytes. It stays up
 * between jobs, so its matcher cache retrains only the languages whose articles changed.
 */
parentPort?.on('message', (job: TrainingJob) => {
  trainKb(job.contentDir, job.cacheDir, job.options).then(
    (trained) =>
      parentPort?.postMessage({
        ok: true,
        bytes: serializeTrained(trained.loaded, trained.index),
        fromCache: trained.fromCache,
      }),
    (err: unknown) => parentPort?.postMessage({ ok: false, message: String(err) }),
  );
});
