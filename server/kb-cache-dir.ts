import path from 'node:path';
import type { Config } from './config.js';

/** Where the trained KB model is cached (kb/model-cache.ts): `kb-cache/` in the data directory. */
export function kbCacheDir(config: Pick<Config, 'dataDir'>): string {
  return path.join(config.dataDir, 'kb-cache');
}
