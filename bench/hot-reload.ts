import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LiveKnowledgeBase } from '../kb/live-kb.js';

/**
 * `npm run bench:reload`: how long a saved article takes to be live on the demo content, for each way
 * editors save (in place, a temp file renamed over it, delete then create), in English and Finnish,
 * `--rounds` times each (default 5). Works on a temp copy of content/. The last line is JSON (ms).
 */
async function main(): Promise<void> {
  const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 5;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fd-reload-'));
  cpSync(path.resolve('content'), dir, { recursive: true });
  const kb = await LiveKnowledgeBase.open(dir);
  await kb.watch();
  // A running server: the training worker has warmed up (its first job trains every language; the first
  // save right after a start waits for it, about 1.5 s here, and is not what this measures).
  await kb.idle();
  const styles = {
    inPlace: (file: string, text: string) => writeFileSync(file, text),
    renameOver: (file: string, text: string) => {
      writeFileSync(`${file}.tmp`, text);
      renameSync(`${file}.tmp`, file);
    },
    deleteCreate: (file: string, text: string) => {
      unlinkSync(file);
      writeFileSync(file, text);
    },
  };
  const times: Record<string, number[]> = {};
  let n = 0;
  for (const lang of ['en', 'fi'])
    for (const [style, save] of Object.entries(styles))
      for (let r = 0; r < rounds; r++) {
        const file = path.join(dir, 'kb', lang, 'refund-timing.md');
        const marker = `Marker ${++n}.`;
        const original = readFileSync(file, 'utf8');
        const started = performance.now();
        save(file, `${original.trimEnd()}\n\n${marker}\n`);
        while (!kb.article('refund-timing', lang)?.body.includes(marker)) {
          if (performance.now() - started > 10_000) throw new Error(`${lang} ${style}: not live after 10 s`);
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        (times[`${lang}.${style}`] ??= []).push(performance.now() - started);
        writeFileSync(file, original);
        await new Promise((resolve) => setTimeout(resolve, 400));
      }
  await kb.close();
  rmSync(dir, { recursive: true, force: true });
  const all = Object.values(times).flat();
  const summary = Object.fromEntries(
    Object.entries(times).map(([k, v]) => [
      k,
      { max: Math.round(Math.max(...v)), mean: Math.round(v.reduce((a, b) => a + b) / v.length) },
    ]),
  );
  for (const [k, v] of Object.entries(summary))
    console.log(`${k.padEnd(18)} mean ${v.mean} ms, max ${v.max} ms`);
  console.log(JSON.stringify({ saves: all.length, maxMs: Math.round(Math.max(...all)), byStyle: summary }));
}

await main();
