import path from 'node:path';
import type { Store } from './ports.js';
import { openEmbeddedStore } from './embedded/sqlite-store.js';
import { openMongoStore } from './mongo/mongo-store.js';

/** MongoDB when a URI is given, else the embedded SQLite file `frontdesk.db` under the data folder. */
export async function openStore(options: {
  mongodbUri?: string | undefined;
  mongodbDbName?: string | undefined;
  dataDir: string;
}): Promise<Store> {
  if (options.mongodbUri)
    return openMongoStore(
      options.mongodbUri,
      options.mongodbDbName === undefined ? {} : { dbName: options.mongodbDbName },
    );
  return openEmbeddedStore(path.join(options.dataDir, 'frontdesk.db'));
}
