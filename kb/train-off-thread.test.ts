import { afterEach, describe, expect, it } from '@jest/globals';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TrainingWorker as Trainer } from './train-off-thread.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The built TrainingWorker (the worker script exists only in dist/). */
async function builtTrainer(): Promise<typeof Trainer> {
  const built = path.join(repoRoot, 'dist', 'kb', 'train-off-thread.js');
  if (!existsSync(built))
    throw new Error(`${built} is missing: run \`npx tsc -p tsconfig.build.json\` first`);
  return ((await import(pathToFileURL(built).href)) as { TrainingWorker: typeof Trainer }).TrainingWorker;
}

/** A copy of the demo content and an empty model cache folder. */
function demoCopy(): { content: string; cache: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'fd-trainer-'));
  dirs.push(root);
  cpSync(path.join(repoRoot, 'content'), path.join(root, 'content'), { recursive: true });
  return { content: path.join(root, 'content'), cache: path.join(root, 'cache') };
}

/** Edits one English article's body (a change in one language). */
function editEnglish(content: string, marker: string): void {
  const file = path.join(content, 'kb', 'en', 'refund-timing.md');
  writeFileSync(file, `${readFileSync(file, 'utf8').trimEnd()}\n\n${marker}\n`);
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = performance.now() + ms;
  while (!check() && performance.now() < end) await new Promise((resolve) => setTimeout(resolve, 20));
  return check();
}

describe('the training worker between reloads (the built worker)', () => {
  it('starts with a job, stops when idle, and starts again with the next job', async () => {
    const TrainingWorker = await builtTrainer();
    const { content, cache } = demoCopy();
    const trainer = new TrainingWorker(300);
    try {
      expect(trainer.running).toBe(false);
      await trainer.train(content, cache);
      expect(trainer.running).toBe(true);
      expect(await until(() => !trainer.running, 5_000)).toBe(true);
      editEnglish(content, 'Marker one.');
      const again = await trainer.train(content, cache);
      expect(again.index.article('refund-timing', 'en')?.body).toContain('Marker one.');
    } finally {
      await trainer.close();
    }
    expect(trainer.running).toBe(false);
  });

  it('seeds a new worker from the live model: a change in one language retrains only that one', async () => {
    const TrainingWorker = await builtTrainer();
    const { content, cache } = demoCopy();
    const first = new TrainingWorker(60_000);
    const live = await first.train(content, cache);
    await first.close();
    expect(live.cacheFile && existsSync(live.cacheFile)).toBe(true);
    editEnglish(content, 'Marker two.');
    const unseeded = new TrainingWorker(60_000);
    const seeded = new TrainingWorker(60_000);
    try {
      const full = await unseeded.train(content, null);
      const partial = await seeded.train(content, null, {}, live.cacheFile);
      expect(partial.index.article('refund-timing', 'en')?.body).toContain('Marker two.');
      // Six languages, one retrained: well under half of training them all.
      expect(partial.index.stats.trainMs).toBeLessThan(full.index.stats.trainMs / 2);
      expect((await partial.index.match('How can I track my parcel?', 'en'))[0]?.articleId).toBe(
        'track-order',
      );
    } finally {
      await unseeded.close();
      await seeded.close();
    }
  });
});
