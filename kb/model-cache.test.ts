import { afterEach, describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cachedModel, trainKb } from './model-cache.js';
import type { trainOffThread as TrainOffThread, TrainingWorker as Trainer } from './train-off-thread.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'fd-model-'));
  dirs.push(d);
  return d;
}

const article = (id: string, title: string, questions: readonly string[], body: string) =>
  [
    '---',
    `id: ${id}`,
    `title: ${title}`,
    'questions:',
    ...questions.map((q) => `  - ${q}`),
    '---',
    body,
    '',
  ].join('\n');

/** A two-article English KB in a temp folder. */
function smallKb(): string {
  const root = tempDir();
  mkdirSync(path.join(root, 'en'));
  writeFileSync(
    path.join(root, 'en', 'reset.md'),
    article('reset', 'How do I reset my password?', ['I forgot my password'], 'Click **Forgot password?**.'),
  );
  writeFileSync(
    path.join(root, 'en', 'track.md'),
    article('track', 'How do I track my order?', ['where is my parcel'], 'Follow the tracking link.'),
  );
  return root;
}

describe('the trained model cache', () => {
  it('trains and writes on a miss, then answers the same from the cache', async () => {
    const content = smallKb();
    const cache = path.join(tempDir(), 'kb-cache');
    const first = await trainKb(content, cache);
    expect(first.fromCache).toBe(false);
    expect(readdirSync(cache).filter((n) => n.startsWith('kb-'))).toHaveLength(1);
    const second = await trainKb(content, cache);
    expect(second.fromCache).toBe(true);
    expect(second.loaded.articles).toEqual(first.loaded.articles);
    for (const q of ['I forgot my password', 'where is my parcel', 'nothing at all here'])
      expect(await second.index.match(q, 'en')).toEqual(await first.index.match(q, 'en'));
    expect(await second.index.suggest('track my', 'en')).toEqual(await first.index.suggest('track my', 'en'));
    expect(second.index.stats.languages).toEqual(['en']);
  });

  it('misses when a content file changes, and trains again over a damaged file', async () => {
    const content = smallKb();
    const cache = path.join(tempDir(), 'kb-cache');
    await trainKb(content, cache);
    writeFileSync(
      path.join(content, 'en', 'track.md'),
      article('track', 'Where is my order?', ['where is my parcel'], 'Follow the link.'),
    );
    const changed = await trainKb(content, cache);
    expect(changed.fromCache).toBe(false);
    expect(changed.index.article('track', 'en')?.title).toBe('Where is my order?');
    for (const n of readdirSync(cache)) writeFileSync(path.join(cache, n), 'not a model');
    const retrained = await trainKb(content, cache);
    expect(retrained.fromCache).toBe(false);
    expect((await retrained.index.match('where is my parcel', 'en'))[0]?.articleId).toBe('track');
    expect((await trainKb(content, cache)).fromCache).toBe(true);
  });

  it('keys on the policy settings only, not the rest of the configuration passed as the base', async () => {
    const content = smallKb();
    const cache = path.join(tempDir(), 'kb-cache');
    const policy = { answerThreshold: 0.25, clarifyMargin: 0.05 };
    // The server passes its whole configuration: a new port, data folder or secret must not cost a training.
    const config = (port: number, secret: string) => ({ ...policy, port, dataDir: `/srv/${port}`, secret });
    expect((await trainKb(content, cache, { thresholds: { base: config(8080, 'a') } })).fromCache).toBe(
      false,
    );
    expect((await trainKb(content, cache, { thresholds: { base: config(9090, 'b') } })).fromCache).toBe(true);
    const stricter = { ...config(8080, 'a'), answerThreshold: 0.5 };
    expect((await trainKb(content, cache, { thresholds: { base: stricter } })).fromCache).toBe(false);
    expect((await trainKb(content, cache)).fromCache).toBe(false);
  });

  it('trains without a cache folder, and a folder it cannot write costs nothing but the cache', async () => {
    const content = smallKb();
    expect((await trainKb(content, null)).fromCache).toBe(false);
    const file = path.join(tempDir(), 'a-file');
    writeFileSync(file, '');
    const t = await trainKb(content, path.join(file, 'kb-cache'));
    expect(t.fromCache).toBe(false);
    expect((await t.index.match('I forgot my password', 'en'))[0]?.articleId).toBe('reset');
  });

  it('caches other models by name and key (the language detector)', () => {
    const cache = tempDir();
    let builds = 0;
    class Box {
      constructor(readonly n: number) {}
      twice(): number {
        return this.n * 2;
      }
    }
    const get = (key: string) =>
      cachedModel(
        cache,
        'box',
        [key],
        () => new Box(++builds),
        (clone) => Object.setPrototypeOf(clone, Box.prototype) as Box,
      );
    expect(get('a').twice()).toBe(2);
    expect(get('a').twice()).toBe(2);
    expect(get('b').twice()).toBe(4);
    expect(builds).toBe(2);
  });
});

describe('training off the event loop (the built worker)', () => {
  it('trains the demo KB in a worker while timers keep firing, and the result answers', async () => {
    const built = path.join(repoRoot, 'dist', 'kb', 'train-off-thread.js');
    if (!existsSync(built))
      throw new Error(`${built} is missing: run \`npx tsc -p tsconfig.build.json\` first`);
    const { trainOffThread } = (await import(pathToFileURL(built).href)) as {
      trainOffThread: typeof TrainOffThread;
    };
    let last = performance.now();
    let worstGap = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      worstGap = Math.max(worstGap, now - last);
      last = now;
    }, 5);
    const started = performance.now();
    const trained = await trainOffThread(path.join(repoRoot, 'content'), null);
    const took = performance.now() - started;
    clearInterval(ticker);
    expect(trained.fromCache).toBe(false);
    expect((await trained.index.match('How can I track my parcel?', 'en'))[0]?.articleId).toBe('track-order');
    // Training takes seconds; only reviving the result runs on this thread.
    expect(worstGap).toBeLessThan(took / 2);
  });

  it('keeps the worker between reloads: a second job retrains only what changed (nothing here)', async () => {
    const built = path.join(repoRoot, 'dist', 'kb', 'train-off-thread.js');
    if (!existsSync(built))
      throw new Error(`${built} is missing: run \`npx tsc -p tsconfig.build.json\` first`);
    const { TrainingWorker } = (await import(pathToFileURL(built).href)) as {
      TrainingWorker: typeof Trainer;
    };
    const trainer = new TrainingWorker();
    try {
      expect(trainer.offThread).toBe(true);
      const first = await trainer.train(path.join(repoRoot, 'content'), null);
      const second = await trainer.train(path.join(repoRoot, 'content'), null);
      // The first job trains every language; the second finds them in the worker's matcher cache.
      expect(second.index.stats.trainMs).toBeLessThan(first.index.stats.trainMs / 4);
      expect((await second.index.match('How can I track my parcel?', 'en'))[0]?.articleId).toBe(
        'track-order',
      );
    } finally {
      await trainer.close();
    }
  });
});
