import { afterEach, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openEmbeddedStore } from './sqlite-store.js';
import { RetentionPurger } from '../../privacy/retention.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const compiled = (p: string) => pathToFileURL(path.join(repoRoot, 'dist', p)).href;

const dirs: string[] = [];
let child: ChildProcess | undefined;
afterEach(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  child = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const oldConversations = 400;

/** A store with `oldConversations` closed conversations of 3 messages each, last changed 40 days ago. */
async function seeded(file: string): Promise<void> {
  const store = openEmbeddedStore(file);
  await store.close();
  const db = new Database(file);
  const longAgo = new Date(Date.now() - 40 * 24 * 3600_000).toISOString();
  const conv = db.prepare(
    "INSERT INTO conversations (id, channel, visitor_key, lang, state, next_seq, created_at, updated_at) VALUES (?, 'web', ?, 'en', '{\"failures\":0}', 4, ?, ?)",
  );
  const msg = db.prepare(
    "INSERT INTO messages (id, conversation_id, seq, role, text, client_id, meta, created_at) VALUES (?, ?, ?, 'visitor', 'old', NULL, '{}', ?)",
  );
  db.transaction(() => {
    for (let i = 0; i < oldConversations; i++) {
      conv.run(`old-${i}`, `old-${i}`, longAgo, longAgo);
      for (let s = 1; s <= 3; s++) msg.run(`old-${i}-${s}`, `old-${i}`, s, longAgo);
    }
  })();
  db.close();
}

describe('retention purge and kill -9', () => {
  it('keeps every acknowledged write and leaves no half-purged conversation when killed during the purge', async () => {
    for (const f of ['store/embedded/sqlite-store.js', 'privacy/retention.js'])
      if (!existsSync(path.join(repoRoot, 'dist', f)))
        throw new Error(`dist/${f} is missing: run \`npx tsc -p tsconfig.build.json\` first`);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'fd-retention-'));
    dirs.push(dir);
    const file = path.join(dir, 'frontdesk.db');
    await seeded(file);

    // The child purges in batches of 5 (RETENTION_DAYS=30) while it appends visitor messages, printing each
    // acknowledged one; it is killed in the middle of both.
    const script = `
      import { openEmbeddedStore } from ${JSON.stringify(compiled('store/embedded/sqlite-store.js'))};
      import { RetentionPurger } from ${JSON.stringify(compiled('privacy/retention.js'))};
      const store = openEmbeddedStore(${JSON.stringify(file)});
      const purger = new RetentionPurger({ privacy: store.privacy, days: 30, batchSize: 5 });
      const live = await store.conversations.open({ channel: 'web', visitorKey: 'live', lang: 'en' });
      void purger.runOnce();
      for (let i = 0; ; i++) {
        await store.conversations.append(live.id, { role: 'visitor', text: 'm' + i, clientId: 'c' + i });
        process.stdout.write('acked ' + i + '\\n');
        await new Promise((r) => setImmediate(r));
      }
    `;
    child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let acked = -1;
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child?.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk;
        const lines = out.split('\n').filter((l) => l.startsWith('acked '));
        acked = Number(lines.at(-1)?.slice(6) ?? -1);
        if (acked >= 15) resolve();
      });
      child?.on('exit', () => reject(new Error(`child exited early: ${stderr}`)));
    });
    // Kill while the purge is still running (some old conversations remain).
    const partway = new Database(file, { readonly: true });
    const leftBefore = partway
      .prepare<[], { n: number }>("SELECT count(*) AS n FROM conversations WHERE id LIKE 'old-%'")
      .get()?.n;
    partway.close();
    child.kill('SIGKILL');
    await new Promise((r) => child?.once('exit', r));
    expect(leftBefore).toBeGreaterThan(0);

    const db = new Database(file);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      // Each batch is one transaction: no conversation lost only some of its messages, none left orphans.
      const orphans = db
        .prepare<[], { n: number }>(
          'SELECT count(*) AS n FROM messages m WHERE NOT EXISTS (SELECT 1 FROM conversations c WHERE c.id = m.conversation_id)',
        )
        .get()?.n;
      expect(orphans).toBe(0);
      const partial = db
        .prepare<[], { n: number }>(
          "SELECT count(*) AS n FROM (SELECT conversation_id FROM messages WHERE conversation_id LIKE 'old-%' GROUP BY conversation_id HAVING count(*) <> 3)",
        )
        .get()?.n;
      expect(partial).toBe(0);
      const live = db
        .prepare<[], { text: string }>(
          "SELECT text FROM messages WHERE conversation_id = (SELECT id FROM conversations WHERE visitor_key = 'live') ORDER BY seq",
        )
        .all()
        .map((r) => r.text);
      for (let i = 0; i <= acked; i++) expect(live).toContain(`m${i}`);
    } finally {
      db.close();
    }

    // After the restart the purge finishes what it started.
    const store = openEmbeddedStore(file);
    try {
      const done = await new RetentionPurger({ privacy: store.privacy, days: 30, batchSize: 50 }).runOnce();
      expect(done.conversations).toBeGreaterThan(0);
      expect(await store.conversations.get('old-0')).toBeNull();
      expect(await store.conversations.find('web', 'live')).not.toBeNull();
      expect(
        await store.privacy.purgeBatch(new Date(Date.now() - 30 * 24 * 3600_000).toISOString(), 50),
      ).toEqual({
        conversations: 0,
        tickets: 0,
      });
    } finally {
      await store.close();
    }
  });
});
