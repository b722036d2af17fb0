import { GramTable } from './gram-table.js';

/**
 * A character n-gram (1–4, with word boundaries) naive Bayes language model. Trained on whatever text a
 * language has (the UDHR, the KB's own articles and strings), it scores short chat messages where
 * trigram-rank methods such as franc have too little to go on.
 */
export class NgramLanguageModel {
  private constructor(
    readonly languages: readonly string[],
    /** The n-grams seen in training, each with its row in `logp`. */
    private readonly grams: GramTable,
    /**
     * Per n-gram (row) and language (column, same order as `languages`), its log-probability: one flat
     * array rather than a typed array per n-gram (~60,000 of them, each with its own object header).
     */
    private readonly logp: Float32Array,
    /** Per language, the log-probability of an n-gram it never saw. */
    private readonly unseen: Float64Array,
  ) {}

  /** Gives a structured clone of a trained model (the model cache) its methods back. */
  static revive(clone: object): NgramLanguageModel {
    const m = Object.setPrototypeOf(clone, NgramLanguageModel.prototype) as NgramLanguageModel;
    GramTable.revive(m.grams);
    return m;
  }

  static train(corpora: Readonly<Record<string, readonly string[]>>, alpha = 0.5): NgramLanguageModel {
    const languages = Object.keys(corpora);
    const counts = languages.map((lang) => {
      const c = new Map<string, number>();
      for (const text of corpora[lang] ?? []) for (const g of ngrams(text)) c.set(g, (c.get(g) ?? 0) + 1);
      return c;
    });
    const vocabulary = new Set(counts.flatMap((c) => [...c.keys()]));
    const denominators = counts.map((c) => {
      let total = 0;
      for (const n of c.values()) total += n;
      return Math.log(total + alpha * (vocabulary.size + 1));
    });
    const unseen = Float64Array.from(denominators, (d) => Math.log(alpha) - d);
    const logp = new Float32Array(vocabulary.size * languages.length);
    let row = 0;
    for (const g of vocabulary) {
      counts.forEach((c, i) => {
        logp[row * languages.length + i] = Math.log((c.get(g) ?? 0) + alpha) - (denominators[i] ?? 0);
      });
      row++;
    }
    return new NgramLanguageModel(languages, GramTable.build(vocabulary), logp, unseen);
  }

  /** Posterior over `languages` (uniform prior), and the number of n-grams seen. */
  scores(
    text: string,
    languages: readonly string[] = this.languages,
  ): { posterior: Map<string, number>; grams: number } {
    const grams = ngrams(text);
    const sums = new Float64Array(this.languages.length);
    const width = sums.length;
    for (const g of grams) {
      const row = this.grams.indexOf(g);
      if (row < 0) for (let i = 0; i < width; i++) sums[i] = (sums[i] as number) + (this.unseen[i] as number);
      else
        for (let i = 0, at = row * width; i < width; i++, at++)
          sums[i] = (sums[i] as number) + (this.logp[at] as number);
    }
    const picked = this.languages
      .map((l, i) => [l, sums[i] as number] as const)
      .filter(([l]) => languages.includes(l));
    const max = Math.max(...picked.map(([, v]) => v));
    const z = picked.reduce((s, [, v]) => s + Math.exp(v - max), 0);
    return { posterior: new Map(picked.map(([l, v]) => [l, Math.exp(v - max) / z])), grams: grams.length };
  }
}

/** Lower-cased letter runs, each padded with spaces, cut into 1- to 4-grams. */
export function ngrams(text: string): string[] {
  const words =
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{M}]+/gu) ?? [];
  const out: string[] = [];
  for (const w of words) {
    const padded = ` ${w} `;
    for (let n = 1; n <= 4; n++)
      for (let i = 0; i + n <= padded.length; i++) {
        const g = padded.slice(i, i + n);
        if (g !== ' ') out.push(g);
      }
  }
  return out;
}
