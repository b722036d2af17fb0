/**
 * A character n-gram (1–4, with word boundaries) naive Bayes language model. Trained on whatever text a
 * language has (the UDHR, the KB's own articles and strings), it scores short chat messages where
 * trigram-rank methods such as franc have too little to go on.
 */
export class NgramLanguageModel {
  private constructor(
    private readonly logProb: ReadonlyMap<string, Map<string, number>>,
    private readonly unseen: ReadonlyMap<string, number>,
  ) {}

  get languages(): string[] {
    return [...this.logProb.keys()];
  }

  static train(corpora: Readonly<Record<string, readonly string[]>>, alpha = 0.5): NgramLanguageModel {
    const vocabulary = new Set<string>();
    const counts = new Map<string, Map<string, number>>();
    for (const [lang, texts] of Object.entries(corpora)) {
      const c = new Map<string, number>();
      for (const text of texts) for (const g of ngrams(text)) c.set(g, (c.get(g) ?? 0) + 1);
      for (const g of c.keys()) vocabulary.add(g);
      counts.set(lang, c);
    }
    const logProb = new Map<string, Map<string, number>>();
    const unseen = new Map<string, number>();
    for (const [lang, c] of counts) {
      let total = 0;
      for (const n of c.values()) total += n;
      const denominator = Math.log(total + alpha * (vocabulary.size + 1));
      const lp = new Map<string, number>();
      for (const [g, n] of c) lp.set(g, Math.log(n + alpha) - denominator);
      logProb.set(lang, lp);
      unseen.set(lang, Math.log(alpha) - denominator);
    }
    return new NgramLanguageModel(logProb, unseen);
  }

  /** Posterior over the model's languages (uniform prior), and the number of n-grams seen. */
  scores(
    text: string,
    languages: readonly string[] = this.languages,
  ): { posterior: Map<string, number>; grams: number } {
    const grams = ngrams(text);
    const log = new Map<string, number>();
    for (const lang of languages) {
      const lp = this.logProb.get(lang);
      if (!lp) continue;
      const floor = this.unseen.get(lang) ?? -20;
      let sum = 0;
      for (const g of grams) sum += lp.get(g) ?? floor;
      log.set(lang, sum);
    }
    const max = Math.max(...log.values());
    let z = 0;
    for (const v of log.values()) z += Math.exp(v - max);
    const posterior = new Map([...log].map(([lang, v]) => [lang, Math.exp(v - max) / z]));
    return { posterior, grams: grams.length };
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
