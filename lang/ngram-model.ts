/**
 * A character n-gram (1–4, with word boundaries) naive Bayes language model. Trained on whatever text a
 * language has (the UDHR, the KB's own articles and strings), it scores short chat messages where
 * trigram-rank methods such as franc have too little to go on.
 */
export class NgramLanguageModel {
  private constructor(
    readonly languages: readonly string[],
    /** Per n-gram, its row in `logp`. */
    private readonly index: ReadonlyMap<string, number>,
    /**
     * Row after row, an n-gram's log-probability in each language (same order as `languages`); the last row
     * is an n-gram never seen. One flat array: one lookup per n-gram, and a small, quickly cloned cache.
     */
    private readonly logp: Float64Array,
  ) {}

  /** Gives a structured clone of a trained model (the model cache) its methods back. */
  static revive(clone: object): NgramLanguageModel {
    return Object.setPrototypeOf(clone, NgramLanguageModel.prototype) as NgramLanguageModel;
  }

  static train(corpora: Readonly<Record<string, readonly string[]>>, alpha = 0.5): NgramLanguageModel {
    const languages = Object.keys(corpora);
    const counts = languages.map((lang) => {
      const c = new Map<string, number>();
      for (const text of corpora[lang] ?? []) for (const g of ngrams(text)) c.set(g, (c.get(g) ?? 0) + 1);
      return c;
    });
    const vocabulary = [...new Set(counts.flatMap((c) => [...c.keys()]))];
    const denominators = counts.map((c) => {
      let total = 0;
      for (const n of c.values()) total += n;
      return Math.log(total + alpha * (vocabulary.length + 1));
    });
    const width = languages.length;
    const logp = new Float64Array((vocabulary.length + 1) * width);
    const index = new Map<string, number>();
    vocabulary.forEach((g, row) => {
      index.set(g, row);
      counts.forEach((c, i) => {
        logp[row * width + i] = Math.log((c.get(g) ?? 0) + alpha) - (denominators[i] ?? 0);
      });
    });
    denominators.forEach((d, i) => (logp[vocabulary.length * width + i] = Math.log(alpha) - d));
    return new NgramLanguageModel(languages, index, logp);
  }

  /** Posterior over `languages` (uniform prior), and the number of n-grams seen. */
  scores(
    text: string,
    languages: readonly string[] = this.languages,
  ): { posterior: Map<string, number>; grams: number } {
    const grams = ngrams(text);
    const width = this.languages.length;
    const unseen = this.logp.length / width - 1;
    const sums = new Float64Array(width);
    for (const g of grams) {
      const at = (this.index.get(g) ?? unseen) * width;
      for (let i = 0; i < width; i++) sums[i] = (sums[i] as number) + (this.logp[at + i] as number);
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
