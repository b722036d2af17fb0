import path from 'node:path';
import type { Store } from './ports.js';
import { openEmbeddedStore } from './embedded/sqlite-store.js';

/** MongoDB when a URI is given, else the embedded SQLite file `frontdesk.db` under the data folder. */
export async function openStore(
  options: {
    mongodbUri?: string | undefined;
    mongodbDbName?: string | undefined;
    dataDir: string;
  },
  log?: { warn(details: object, message: string): void },
): Promise<Store> {
  // mongoose is loaded only when it is used (it costs a second of start-up).
  if (options.mongodbUri)
    return (await import('./mongo/mongo-store.js')).openMongoStore(
      options.mongodbUri,
      options.mongodbDbName === undefined ? {} : { dbName: options.mongodbDbName },
    );
  // Background checkpoints that fail (at most one report a minute): SQLite checkpoints on commit meanwhile.
  const onProblem = (problem: object) =>
    log?.warn({ problem }, 'WAL checkpoints failed: SQLite checkpoints on commit meanwhile');
  return openEmbeddedStore(path.join(options.dataDir, 'frontdesk.db'), { checkpoints: { onProblem } });
}
