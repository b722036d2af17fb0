import { createHash, type Hash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import type { LoadedKb } from './load.js';
import { KnowledgeBaseIndex, type BuildOptions } from './knowledge-base.js';
import type { ChosenThresholds } from './thresholds.js';
import { LanguageMatcher } from './matcher.js';
import { deserializeOwned } from './deserialize.js';
import { policySettingsOf } from './policy.js';

/** A loaded and trained KB, and whether it came from the model cache. */
export interface TrainedKb {
  readonly loaded: LoadedKb;
  readonly index: KnowledgeBaseIndex;
  readonly fromCache: boolean;
  /** The model cache's file for this content (null without a cache folder); it may not exist yet. */
  readonly cacheFile: string | null;
}

/** Bump when the cache file's layout changes (the code hash below catches every other code change). */
const formatVersion = 1;
/** Cache files kept in the folder, newest first; older ones are removed. */
const filesKept = 4;
let codeHash: string | null = null;

function hashTree(h: Hash, dir: string, root: string, keep: (name: string) => boolean): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) hashTree(h, full, root, keep);
    else if (e.isFile() && keep(e.name)) {
      h.update(path.relative(root, full)).update('\u0000').update(readFileSync(full)).update('\u0000');
    }
  }
}

/**
 * A hash of the code that loads and trains the KB, as it runs (kb/, lang/ and forms/, built or not):
 * after an upgrade the cache misses instead of serving a model the new code would not have trained.
 */
export function codeVersion(): string {
  if (codeHash !== null) return codeHash;
  const kbDir = path.dirname(fileURLToPath(import.meta.url));
  const h = createHash('sha256').update(`format ${formatVersion}`);
  const code = (name: string) => /\.(js|ts)$/.test(name) && !/\.test\.(js|ts)$/.test(name);
  for (const dir of ['kb', 'lang', 'forms']) hashTree(h, path.join(kbDir, '..', dir), kbDir, code);
  codeHash = h.digest('hex');
  return codeHash;
}

/** A hash of every file under the content folder, by relative path and bytes. */
export function contentHash(contentDir: string): string {
  const h = createHash('sha256');
  hashTree(h, contentDir, contentDir, () => true);
  return h.digest('hex');
}

/** The trained KB as bytes (the cache file's content; what a training worker sends back). */
export function serializeTrained(loaded: LoadedKb, index: KnowledgeBaseIndex): Buffer {
  return v8.serialize({
    loaded: { ...loaded },
    matchers: new Map(index.allMatchers()),
    thresholds: new Map(index.allThresholds()),
    trainMs: index.stats.trainMs,
  });
}

/** The KB back from `serializeTrained`'s bytes, its matchers revived. */
export function deserializeTrained(bytes: Uint8Array): Omit<TrainedKb, 'fromCache' | 'cacheFile'> {
  const o = deserializeOwned(bytes) as {
    loaded: LoadedKb;
    matchers: Map<string, object>;
    thresholds: Map<string, ChosenThresholds>;
    trainMs: number;
  };
  const matchers = new Map([...o.matchers].map(([lang, m]) => [lang, LanguageMatcher.revive(m)] as const));
  return {
    loaded: o.loaded,
    index: KnowledgeBaseIndex.fromMatchers(o.loaded, matchers, o.trainMs, o.thresholds),
  };
}

/**
 * Loads and trains the KB in `contentDir`, or, with a `cacheDir`, reads it from the model cache there: a
 * file keyed by the code's and the content's hashes, the build options (threshold choosing) and the folder's path. A miss trains and writes the
 * file (best effort: an unwritable folder only costs the next start its training); a damaged file is
 * trained again.
 */
export async function trainKb(
  contentDir: string,
  cacheDir: string | null = null,
  options: BuildOptions = {},
): Promise<TrainedKb> {
  const key = cacheDir ? cacheKey(contentDir, options) : null;
  const file = cacheDir && key ? path.join(cacheDir, `kb-${key}.bin`) : null;
  if (file && existsSync(file)) {
    try {
      const trained = deserializeTrained(readFileSync(file));
      // A later build of the same articles in a language (a reload that changed another) reuses them.
      trained.index.rememberMatchers();
      return { ...trained, fromCache: true, cacheFile: file };
    } catch {
      // damaged or from another Node version: train again and overwrite it
    }
  }
  // The Markdown loader (remark) is imported only on a miss.
  const { loadKb } = await import('./load.js');
  const loaded = await loadKb(contentDir);
  const index = await KnowledgeBaseIndex.build(loaded, options);
  // Written only when the content did not change while it was read (a save meanwhile): otherwise the file
  // would hold the new content under the old content's key.
  if (file && cacheDir && cacheKey(contentDir, options) === key)
    writeCache(cacheDir, file, () => serializeTrained(loaded, index));
  return { loaded, index, fromCache: false, cacheFile: file };
}

/**
 * Puts the matchers of a cache file (another version of the content, say the live one) into this thread's
 * matcher cache, so that training a changed KB next retrains only the languages that differ from it.
 * Best effort: a missing or damaged file seeds nothing.
 */
export function seedMatchers(file: string): boolean {
  try {
    deserializeTrained(readFileSync(file)).index.rememberMatchers();
    return true;
  } catch {
    return false;
  }
}

function cacheKey(contentDir: string, options: BuildOptions): string {
  return (
    createHash('sha256')
      .update(codeVersion())
      // The policy keys only: the server passes its whole configuration as the base (port, folders, secrets).
      .update(JSON.stringify(options.thresholds ? policySettingsOf(options.thresholds.base) : null))
      .update(path.resolve(contentDir))
      .update(contentHash(contentDir))
      .update(process.versions.v8)
      .digest('hex')
      .slice(0, 40)
  );
}

function writeCache(cacheDir: string, file: string, bytes: () => Buffer): void {
  try {
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, bytes(), { mode: 0o600 });
    renameSync(tmp, file);
    const kind = `${path.basename(file).split('-')[0] ?? ''}-`;
    const old = readdirSync(cacheDir)
      .filter((n) => n.startsWith(kind) && /^[a-z]+-[0-9a-f]+\.bin$/.test(n))
      .map((n) => ({ n, t: statSync(path.join(cacheDir, n)).mtimeMs }))
      .sort((a, b) => b.t - a.t)
      .slice(filesKept);
    for (const { n } of old) rmSync(path.join(cacheDir, n), { force: true });
  } catch {
    // best effort: the KB is trained and live either way
  }
}

/**
 * Another trained model through the same cache folder: `name` and `keyParts` (what it is trained on) with
 * the code's hash make the key; a hit is revived, a miss built and written (best effort).
 */
export function cachedModel<T>(
  cacheDir: string | null,
  name: string,
  keyParts: readonly string[],
  build: () => T,
  revive: (clone: object) => T,
): T {
  if (!cacheDir) return build();
  const h = createHash('sha256').update(codeVersion()).update(process.versions.v8);
  for (const part of keyParts) h.update(part).update('\u0000');
  const file = path.join(cacheDir, `${name}-${h.digest('hex').slice(0, 40)}.bin`);
  if (existsSync(file)) {
    try {
      return revive(deserializeOwned(readFileSync(file)) as object);
    } catch {
      // damaged: build again
    }
  }
  const model = build();
  writeCache(cacheDir, file, () => v8.serialize(model));
  return model;
}
