import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the built browser code is: dist/web, whether this file runs from dist/ or from the sources. */
export function webAssetsDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, '..', 'web'), path.join(here, '..', 'dist', 'web')];
  return candidates.find((dir) => existsSync(path.join(dir, 'widget.js'))) ?? candidates[1] ?? here;
}
