import { afterEach, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { migrations } from './schema.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const compiledStore = path.join(repoRoot, 'dist', 'store', 'embedded', 'sqlite-store.js');

const tempDirs: string[] = [];
afterEach(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** One process that opens the store at `startAt` (a shared instant), writes its own conversation and closes. */
function opener(
  file: string,
  key: string,
  startAt: number,
): Promise<{ code: number | null; stderr: string }> {
  const script = `
    import { openEmbeddedStore } from ${JSON.stringify(pathToFileURL(compiledStore).href)};
    while (Date.now() < ${startAt}) {}
    const store = openEmbeddedStore(${JSON.stringify(file)});
    await store.conversations.open({ channel: 'web', visitorKey: ${JSON.stringify(key)}, lang: 'en' });
    await store.close();
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
}

/**
 * WORKERS=n opens one database file from n processes at the same moment (a fresh DATA_DIR: all of them
 * find it unmigrated). Each must open it, migrate it at most once between them, and write: none may fail
 * on "table already exists" or on a lock.
 */
describe('the embedded store opened by several processes at once', () => {
  it('migrates a fresh file once and lets every process write', async () => {
    if (!existsSync(compiledStore)) {
      process.stderr.write('skipped: dist/ is missing (npm test builds it first)\n');
      return;
    }
    for (let round = 0; round < 3; round++) {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'fd-concurrent-'));
      tempDirs.push(dir);
      const file = path.join(dir, 'frontdesk.db');
      const startAt = Date.now() + 1500;
      const keys = ['a', 'b', 'c', 'd'].map((k) => `${k}${round}`);
      const results = await Promise.all(keys.map((key) => opener(file, key, startAt)));
      for (const r of results) expect(r).toEqual({ code: 0, stderr: '' });
      const db = new Database(file, { readonly: true });
      try {
        expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
        const rows = db.prepare('SELECT visitor_key FROM conversations ORDER BY visitor_key').all();
        expect(rows).toEqual(keys.map((visitor_key) => ({ visitor_key })));
      } finally {
        db.close();
      }
    }
  }, 60_000);
});
