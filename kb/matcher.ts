import type { Article, Candidate } from './types.js';
import { Vectorizer, type SparseVector } from './vectorizer.js';
import { SoftmaxModel } from './softmax.js';
import { NeighbourIndex } from './neighbours.js';
import { Bm25Index } from './bm25.js';
import { calibrate, type Evidence } from './calibration.js';
import { trainingExamples } from './training-examples.js';

/**
 * Neighbour similarity uses words, word bigrams and word prefixes (only fi, et and tr have those): short
 * postings, and exact wording is what it adds.
 */
const neighbourGroups = 'wbp';

/** Raw evidence for one candidate article, before calibration. */
export interface ScoredCandidate extends Evidence {
  readonly articleId: string;
}

/**
 * Ranks the articles of one language for a question. Signals: a softmax classifier over TF-IDF words,
 * word bigrams and character n-grams (trained on each article's title and questions, and its body's
 * sentences as weak examples: training-examples.ts), nearest-neighbour similarity to the title and example
 * questions, and BM25 over titles, questions and bodies (lunr's pipeline); `calibration.ts` turns them into
 * the probability that the answer is right.
 */
export class LanguageMatcher {
  private constructor(
    private readonly articles: readonly Article[],
    private readonly vectorizer: Vectorizer,
    private readonly model: SoftmaxModel,
    private readonly neighbours: NeighbourIndex,
    private readonly lexical: Bm25Index,
  ) {
    this.index = new Map(articles.map((a, i) => [a.id, i]));
  }

  private readonly index: ReadonlyMap<string, number>;

  /** Gives a structured clone of a trained matcher (the model cache, a training worker) its methods back. */
  static revive(clone: object): LanguageMatcher {
    const m = Object.setPrototypeOf(clone, LanguageMatcher.prototype) as LanguageMatcher;
    Vectorizer.revive(m.vectorizer);
    SoftmaxModel.revive(m.model);
    NeighbourIndex.revive(m.neighbours);
    Bm25Index.revive(m.lexical);
    return m;
  }

  static build(lang: string, articles: readonly Article[]): LanguageMatcher {
    const { texts, labels, weights, phrasings } = trainingExamples(articles);
    const { vectorizer, vectors } = Vectorizer.fit(texts, lang);
    const model = SoftmaxModel.train(vectors, labels, articles.length, vectorizer.size, { weights });
    const words = phrasings.map((i) => vectorizer.only(vectors[i] as SparseVector, neighbourGroups));
    const neighbourLabels = Int32Array.from(phrasings, (i) => labels[i] as number);
    const neighbours = new NeighbourIndex(words, neighbourLabels, articles.length, vectorizer.size);
    return new LanguageMatcher(articles, vectorizer, model, neighbours, new Bm25Index(articles, lang));
  }

  /**
   * Up to `limit` candidates with their raw evidence and calibrated confidence, best first: the most
   * probable articles for the classifier plus lunr's best hits (and the articles in `include`: the semantic
   * engine's best, kb/embeddings/), ranked by calibrated confidence.
   */
  score(
    text: string,
    limit = 5,
    include: readonly string[] = [],
  ): Array<ScoredCandidate & { confidence: number }> {
    const v = this.vectorizer.transform(text);
    const hits = this.lexical.search(text, 20);
    if (v.idx.length === 0 && hits.length === 0 && include.length === 0) return [];
    const p = this.model.predict(v);
    const sim = this.neighbours.bestPerClass(this.vectorizer.only(v, neighbourGroups));
    const best = hits[0]?.score ?? 0;
    const lex = new Map(hits.map((h) => [h.articleId, best > 0 ? h.coverage * (h.score / best) : 0]));
    const byP = Array.from(p.keys()).sort((a, b) => (p[b] as number) - (p[a] as number));
    const pool = new Set([
      ...byP.slice(0, Math.max(limit, 2)),
      ...hits.slice(0, 3).map((h) => this.index.get(h.articleId) ?? -1),
      ...include.map((id) => this.index.get(id) ?? -1),
    ]);
    pool.delete(-1);
    const topSims = [...sim].sort((a, b) => b - a);
    const scored = [...pool].map((c) => {
      const pc = p[c] as number;
      const otherP = c === byP[0] ? (p[byP[1] ?? -1] ?? 0) : (p[byP[0] ?? -1] ?? 0);
      const sc = sim[c] as number;
      const otherSim = sc === topSims[0] ? (topSims[1] ?? 0) : (topSims[0] ?? 0);
      const articleId = this.articles[c]?.id ?? '';
      const e = { p: pc, margin: pc - otherP, sim: sc, simGap: sc - otherSim, lex: lex.get(articleId) ?? 0 };
      return { articleId, ...e, confidence: calibrate(e) };
    });
    return scored
      .sort((a, b) => b.confidence - a.confidence || a.articleId.localeCompare(b.articleId))
      .slice(0, limit);
  }

  /**
   * Articles to suggest while the visitor types: confident matches of the text so far first, then
   * articles containing at least half of its terms (the last word as a prefix), by BM25.
   */
  suggest(text: string, limit = 3): Candidate[] {
    const confident = this.match(text, limit).filter((c) => c.confidence >= 0.5);
    const seen = new Set(confident.map((c) => c.articleId));
    const lexical = this.lexical
      .search(text, limit * 2, true)
      .filter((h) => h.coverage >= 0.5 && !seen.has(h.articleId))
      .map((h) => ({
        articleId: h.articleId,
        title: this.titleOf(h.articleId),
        confidence: round(h.coverage),
      }));
    return [...confident, ...lexical].slice(0, limit);
  }

  private titleOf(id: string): string {
    return this.articles[this.index.get(id) ?? -1]?.title ?? id;
  }

  /**
   * How alike two questions are for this matcher: the cosine of their vectors in its own feature space
   * (words, bigrams and character n-grams of the KB's vocabulary), in [0, 1]. The review queue groups
   * near-duplicate questions with it.
   */
  similarity(a: string, b: string): number {
    const u = this.unitVector(a);
    const v = this.unitVector(b);
    let dot = 0;
    for (const [j, x] of v) dot += (u.get(j) ?? 0) * x;
    return round(dot);
  }

  /** Recent questions' unit vectors: grouping compares each question with many others. */
  private readonly vectors = new Map<string, ReadonlyMap<number, number>>();

  private unitVector(text: string): ReadonlyMap<number, number> {
    const cached = this.vectors.get(text);
    if (cached) return cached;
    const v = this.vectorizer.transform(text);
    const norm = Math.sqrt(v.val.reduce((s, y) => s + y * y, 0)) || 1;
    const unit = new Map<number, number>();
    for (let k = 0; k < v.idx.length; k++) unit.set(v.idx[k] as number, (v.val[k] as number) / norm);
    if (this.vectors.size >= 5000) this.vectors.clear();
    this.vectors.set(text, unit);
    return unit;
  }

  match(text: string, limit = 5): Candidate[] {
    return this.score(text, limit).map((s) => ({
      articleId: s.articleId,
      title: this.titleOf(s.articleId),
      confidence: round(s.confidence),
    }));
  }
}

function round(x: number): number {
  return Math.round(Math.min(1, Math.max(0, x)) * 10000) / 10000;
}
