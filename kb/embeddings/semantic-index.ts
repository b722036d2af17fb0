import type { Article } from '../types.js';

/** One embedded text of an article: its title (question -1) or its question `question`. */
export interface EmbeddedText {
  readonly article: number;
  readonly question: number;
  readonly vector: Float32Array;
}

/** The texts of a language's articles that are embedded: each title and each question. */
export function articleTexts(
  articles: readonly Article[],
): Array<{ article: number; question: number; text: string }> {
  return articles.flatMap((a, i) => [
    { article: i, question: -1, text: a.title },
    ...a.questions.map((text, j) => ({ article: i, question: j, text })),
  ]);
}

/**
 * A language's article embeddings: the semantic similarity of a question to an article is its best cosine
 * with the article's title or one of its questions (as the lexical neighbour similarity, kb/neighbours.ts).
 */
export class SemanticIndex {
  constructor(
    readonly articles: readonly Article[],
    private readonly texts: readonly EmbeddedText[],
  ) {}

  get dims(): number {
    return this.texts[0]?.vector.length ?? 0;
  }

  /**
   * The best cosine per article (-1 for none), over the texts `keep` lets through (cross-validation
   * leaves a fold's questions out).
   */
  best(query: Float32Array, keep: (t: EmbeddedText) => boolean = () => true): Float64Array {
    const out = new Float64Array(this.articles.length).fill(-1);
    for (const t of this.texts) {
      if (!keep(t)) continue;
      let dot = 0;
      const v = t.vector;
      for (let k = 0; k < v.length; k++) dot += (v[k] as number) * (query[k] as number);
      if (dot > (out[t.article] as number)) out[t.article] = dot;
    }
    return out;
  }

  /** The vector of one embedded text (the title for question -1). */
  vectorOf(article: number, question: number): Float32Array | undefined {
    return this.texts.find((t) => t.article === article && t.question === question)?.vector;
  }
}

/** The semantic evidence for one candidate: its similarity, and its lead over the best other article. */
export interface SemanticEvidence {
  readonly sem: number;
  readonly semGap: number;
}

/** Per-article evidence from `best`'s cosines, and the articles by similarity, best first. */
export function semanticEvidence(best: Float64Array): { evidence: SemanticEvidence[]; ranked: number[] } {
  const ranked = Array.from(best.keys()).sort((a, b) => (best[b] as number) - (best[a] as number));
  const first = best[ranked[0] ?? -1] ?? 0;
  const second = best[ranked[1] ?? -1] ?? 0;
  const evidence = Array.from(best, (s, i) => {
    const sem = Math.max(0, s);
    return { sem, semGap: sem - Math.max(0, i === ranked[0] ? second : first) };
  });
  return { evidence, ranked };
}
