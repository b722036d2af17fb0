import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from './open-store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('openStore (embedded)', () => {
  it('logs, once, that background checkpoints failed, and goes on committing', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fd-open-store-'));
    dirs.push(dataDir);
    const warnings: Array<{ details: object; message: string }> = [];
    const store = await openStore(
      { dataDir },
      { warn: (details, message) => warnings.push({ details, message }) },
    );
    try {
      // The data folder removed under the running server: the open connection goes on, but the checkpoint
      // worker cannot open the file.
      rmSync(dataDir, { recursive: true, force: true });
      for (let t = 0; t < 3; t++) {
        await store.conversations.transaction(async () => {
          const c = await store.conversations.open({ channel: 'web', visitorKey: `v${t}`, lang: 'en' });
          await store.conversations.append(c.id, { role: 'visitor', text: 'hello' });
        });
      }
      const deadline = performance.now() + 3000;
      while (warnings.length === 0 && performance.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(warnings).toEqual([
        {
          details: { problem: { message: expect.stringMatching(/directory does not exist/), code: null } },
          message: 'WAL checkpoints failed: SQLite checkpoints on commit meanwhile',
        },
      ]);
      const c = await store.conversations.find('web', 'v2');
      expect(c).not.toBeNull();
      expect(await store.conversations.messages(c?.id ?? '')).toHaveLength(1);
    } finally {
      await store.close();
    }
  });
});
