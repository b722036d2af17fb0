import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LiveKnowledgeBase } from '../kb/live-kb.js';

type Save = (file: string, text: string) => void;

const styles = {
  inPlace: (file, text) => writeFileSync(file, text),
  renameOver: (file, text) => {
    writeFileSync(`${file}.tmp`, text);
    renameSync(`${file}.tmp`, file);
  },
  deleteCreate: (file, text) => {
    unlinkSync(file);
    writeFileSync(file, text);
  },
} satisfies Record<string, Save>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `npm run bench:reload`: how long a saved article takes to be live on the demo content, for each way
 * editors save (in place, a temp file renamed over it, delete then create), in English and Finnish,
 * `--rounds` times each (default 5), with the training worker up (an editing session). Then the saves
 * that start a worker: the first save after the start, and `--rounds` saves each after the worker
 * stopped for idleness (`cold`; its idle time is shortened to 1.5 s here). Works on a temp copy of
 * content/ with a model cache folder, as the server does. The last line is JSON (ms).
 */
async function main(): Promise<void> {
  const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 5;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fd-reload-'));
  const content = path.join(dir, 'content');
  cpSync(path.resolve('content'), content, { recursive: true });
  const idleMs = 1500;
  const kb = await LiveKnowledgeBase.open(
    content,
    {},
    { cacheDir: path.join(dir, 'cache'), workerIdleMs: idleMs },
  );
  await kb.watch();
  let n = 0;
  const timeSave = async (lang: string, save: Save): Promise<number> => {
    const file = path.join(content, 'kb', lang, 'refund-timing.md');
    const marker = `Marker ${++n}.`;
    const original = readFileSync(file, 'utf8');
    const started = performance.now();
    save(file, `${original.trimEnd()}\n\n${marker}\n`);
    while (!kb.article('refund-timing', lang)?.body.includes(marker)) {
      if (performance.now() - started > 10_000) throw new Error(`${lang}: not live after 10 s`);
      await sleep(5);
    }
    const took = performance.now() - started;
    writeFileSync(file, original);
    await sleep(400);
    return took;
  };
  const times: Record<string, number[]> = {};
  if (kb.trainingWorkerUp) throw new Error('the training worker is up before any save');
  times['cold.first'] = [await timeSave('en', styles.inPlace)];
  for (const lang of ['en', 'fi'])
    for (const [style, save] of Object.entries(styles))
      for (let r = 0; r < rounds; r++) (times[`${lang}.${style}`] ??= []).push(await timeSave(lang, save));
  for (let r = 0; r < rounds; r++) {
    await sleep(idleMs + 500);
    if (kb.trainingWorkerUp) throw new Error('the training worker did not stop when idle');
    (times['cold.afterIdle'] ??= []).push(await timeSave(r % 2 ? 'fi' : 'en', styles.inPlace));
  }
  await kb.close();
  rmSync(dir, { recursive: true, force: true });
  const warm = Object.entries(times)
    .filter(([k]) => !k.startsWith('cold.'))
    .flatMap(([, v]) => v);
  const summary = Object.fromEntries(
    Object.entries(times).map(([k, v]) => [
      k,
      { max: Math.round(Math.max(...v)), mean: Math.round(v.reduce((a, b) => a + b) / v.length) },
    ]),
  );
  for (const [k, v] of Object.entries(summary))
    console.log(`${k.padEnd(18)} mean ${v.mean} ms, max ${v.max} ms`);
  console.log(
    JSON.stringify({
      saves: warm.length,
      maxMs: Math.round(Math.max(...warm)),
      coldMaxMs: Math.round(Math.max(...(times['cold.first'] ?? []), ...(times['cold.afterIdle'] ?? []))),
      byStyle: summary,
    }),
  );
}

await main();
