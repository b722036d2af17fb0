/**
 * A character n-gram (1–4, with word boundaries) naive Bayes language model. Trained on whatever text a
 * language has (the UDHR, the KB's own articles and strings), it scores short chat messages where
 * trigram-rank methods such as franc have too little to go on.
 */
export class NgramLanguageModel {
  private constructor(
    readonly languages: readonly string[],
    /** Per n-gram, its log-probability in each language (same order as `languages`). */
    private readonly table: ReadonlyMap<string, Float64Array>,
    /** Per language, the log-probability of an n-gram it never saw. */
    private readonly unseen: Float64Array,
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
    const vocabulary = new Set(counts.flatMap((c) => [...c.keys()]));
    const denominators = counts.map((c) => {
      let total = 0;
      for (const n of c.values()) total += n;
      return Math.log(total + alpha * (vocabulary.size + 1));
    });
    const unseen = Float64Array.from(denominators, (d) => Math.log(alpha) - d);
    const table = new Map<string, Float64Array>();
    for (const g of vocabulary) {
      table.set(
        g,
        Float64Array.from(counts, (c, i) => Math.log((c.get(g) ?? 0) + alpha) - (denominators[i] ?? 0)),
      );
    }
    return new NgramLanguageModel(languages, table, unseen);
  }

  /** Posterior over `languages` (uniform prior), and the number of n-grams seen. */
  scores(
    text: string,
    languages: readonly string[] = this.languages,
  ): { posterior: Map<string, number>; grams: number } {
    const grams = ngrams(text);
    const sums = new Float64Array(this.languages.length);
    for (const g of grams) {
      const row = this.table.get(g) ?? this.unseen;
      for (let i = 0; i < sums.length; i++) sums[i] = (sums[i] as number) + (row[i] as number);
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
