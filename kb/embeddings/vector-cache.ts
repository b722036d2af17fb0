import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';

/** Entries kept in one model's file: the current KB's texts first, then the most recent others. */
const maxEntries = 100_000;

/** The key of one text in the cache: its content hash. */
export function textKey(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 32);
}

/**
 * The article texts' embeddings on disk, one file per model in the KB cache folder (DATA_DIR/kb-cache,
 * beside kb/model-cache.ts's files): `emb-<hash of the model name>.bin`, a map from each text's content
 * hash to its unit vector. A restart with the same content and model embeds nothing; a changed article
 * embeds only its changed texts; another model has a file of its own. Best effort: an unreadable or damaged
 * file is an empty cache, an unwritable folder costs only the next start its requests.
 */
export class VectorCache {
  private readonly file: string | null;
  private entries = new Map<string, Float32Array>();

  constructor(cacheDir: string | null, model: string) {
    const name = createHash('sha256').update(model).digest('hex').slice(0, 40);
    this.file = cacheDir ? path.join(cacheDir, `emb-${name}.bin`) : null;
    if (this.file) this.entries = read(this.file, model);
    this.model = model;
  }

  private readonly model: string;

  get(key: string): Float32Array | undefined {
    return this.entries.get(key);
  }

  /** Stores new vectors and writes the file, `current` (the live KB's keys) kept first. */
  save(added: ReadonlyMap<string, Float32Array>, current: ReadonlySet<string>): void {
    const next = new Map<string, Float32Array>();
    for (const k of current) {
      const v = added.get(k) ?? this.entries.get(k);
      if (v) next.set(k, v);
    }
    for (const [k, v] of [...added, ...[...this.entries].reverse()]) {
      if (next.size >= maxEntries) break;
      if (!next.has(k)) next.set(k, v);
    }
    this.entries = next;
    if (!this.file) return;
    try {
      mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
      const tmp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(tmp, v8.serialize({ model: this.model, entries: [...next] }), { mode: 0o600 });
      renameSync(tmp, this.file);
    } catch {
      // best effort: the vectors are in memory either way
    }
  }
}

function read(file: string, model: string): Map<string, Float32Array> {
  try {
    const o = v8.deserialize(readFileSync(file)) as { model?: unknown; entries?: unknown };
    // Checked without instanceof: the file may have been written from another realm (a worker, a test VM).
    if (o.model !== model || !Array.isArray(o.entries)) return new Map();
    const out = new Map<string, Float32Array>();
    for (const entry of o.entries as unknown[]) {
      const [k, v] = Array.isArray(entry) ? (entry as unknown[]) : [];
      if (
        typeof k === 'string' &&
        ArrayBuffer.isView(v) &&
        (v as { BYTES_PER_ELEMENT?: number }).BYTES_PER_ELEMENT === 4
      )
        out.set(k, new Float32Array(v.buffer, v.byteOffset, v.byteLength / 4));
    }
    return out;
  } catch {
    return new Map();
  }
}
