import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadKb, type LoadedKb } from '../kb/load.js';
import { parseCases, type EvalCase } from '../kb/eval-cases.js';

/** The shared datasets (BANKING77, CLINC150) beside the repository, and this repository's fixtures. */
export const sharedDatasets = path.resolve('..', 'shared', 'datasets');
export const fixtures = path.resolve('test', 'fixtures');

/** The demo KB's languages, those of the sparse development and held-out sets. */
export const sparseLangs: readonly string[] = ['ar', 'en', 'et', 'fi', 'th', 'tr'];

export function readCases(file: string): EvalCase[] {
  return parseCases(file, readFileSync(file, 'utf8'));
}

/** The sparse KB's development paraphrases (what matching and the offer rule were chosen on), every language. */
export function sparseDevCases(): EvalCase[] {
  return sparseLangs.flatMap((l) =>
    readCases(path.join(fixtures, l === 'en' ? 'demo-paraphrases.jsonl' : `paraphrases-${l}.jsonl`)),
  );
}

/** A KB's content, each article cut to its first `shots` questions when given (e.g. BANKING77 3-shot). */
export async function loadShots(content: string, shots?: number): Promise<LoadedKb> {
  const full = await loadKb(content);
  if (shots === undefined) return full;
  return { ...full, articles: full.articles.map((a) => ({ ...a, questions: a.questions.slice(0, shots) })) };
}
