import lunr from 'lunr';
import { matchKey, words } from '../lang/analyze.js';
import { isStopWord } from '../lang/stopwords.js';
import type { Article } from './types.js';
import { answerWithoutTemplates } from './text.js';

export interface LexicalHit {
  readonly articleId: string;
  /** BM25 score, unbounded. */
  readonly score: number;
  /** Share of the query's terms (after stop words and stemming) found in the article, in [0, 1]. */
  readonly coverage: number;
}

/** Field boosts, as lunr's `boost`: a title word counts three times, a question word twice. */
const fields = [
  { name: 'title', boost: 3, text: (a: Article) => a.title },
  { name: 'questions', boost: 2, text: (a: Article) => a.questions.join('\n') },
  { name: 'body', boost: 1, text: (a: Article) => answerWithoutTemplates(a.body) },
] as const;
const k1 = 1.2;
const b = 0.75;

const pipeline = new lunr.Pipeline();
pipeline.add(lunr.trimmer, lunr.stopWordFilter, lunr.stemmer);

/**
 * Index terms: for English, as lunr indexes them (its tokenizer, trimmer, stop words and Porter stemmer);
 * for other languages, likewise: the language's words less its function words (lang/stopwords.ts), as
 * matching keys (lang/analyze.ts: the stem, cut to 5 letters in Finnish and Estonian).
 */
export function lunrTerms(text: string, lang = 'en'): string[] {
  if (lang !== 'en')
    return words(text, lang)
      .filter((w) => !isStopWord(w, lang))
      .map((w) => matchKey(w, lang));
  return pipeline
    .run(lunr.tokenizer(text))
    .map((t) => t.toString())
    .filter((t) => t.length > 0);
}

/**
 * BM25 over each article's title, questions and body with lunr's text pipeline and lunr's field boosts
 * and parameters (k1 = 1.2, b = 0.75). Scored from flat postings: lunr's own query engine compares whole
 * field vectors per matching document, which costs 0.3 ms median and 2 ms at p99 per question on CLINC150
 * (150 articles of 100 questions), over the latency budget on its own.
 */
export class Bm25Index {
  private readonly postings = new Map<string, { docs: Int32Array; weights: Float32Array }>();

  /** Gives a structured clone of a Bm25Index (the model cache, a training worker) its methods back. */
  static revive(clone: object): Bm25Index {
    return Object.setPrototypeOf(clone, Bm25Index.prototype) as Bm25Index;
  }

  constructor(
    private readonly articles: readonly Article[],
    private readonly lang = 'en',
  ) {
    const lists = new Map<string, Map<number, number>>();
    for (const field of fields) {
      const lengths = articles.map((a) => lunrTerms(field.text(a), lang));
      const avg = lengths.reduce((s, t) => s + t.length, 0) / Math.max(1, articles.length) || 1;
      const df = new Map<string, number>();
      for (const terms of lengths) for (const t of new Set(terms)) df.set(t, (df.get(t) ?? 0) + 1);
      lengths.forEach((terms, d) => {
        const tf = new Map<string, number>();
        for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
        for (const [t, f] of tf) {
          const n = df.get(t) ?? 1;
          const idf = Math.log(1 + Math.abs((articles.length - n + 0.5) / (n + 0.5)));
          const w = field.boost * idf * ((f * (k1 + 1)) / (f + k1 * (1 - b + (b * terms.length) / avg)));
          const list = lists.get(t) ?? new Map<number, number>();
          list.set(d, (list.get(d) ?? 0) + w);
          lists.set(t, list);
        }
      });
    }
    for (const [t, list] of lists) {
      this.postings.set(t, { docs: Int32Array.from(list.keys()), weights: Float32Array.from(list.values()) });
    }
  }

  /**
   * Articles for a question, best first. With `prefix`, the last word is still being typed: it matches
   * every indexed term it begins (the best one per article counts), so "how do I ret" finds "return".
   */
  search(text: string, limit = 10, prefix = false): LexicalHit[] {
    const terms = [...new Set(lunrTerms(text, this.lang))];
    const partial = prefix ? partialWord(text, this.lang) : null;
    const expansions = partial ? [...this.postings.keys()].filter((t) => t.startsWith(partial)) : [];
    const queryTerms = partial
      ? terms.filter((t) => !partial.startsWith(t) && !t.startsWith(partial))
      : terms;
    const total = queryTerms.length + (partial ? 1 : 0);
    if (total === 0) return [];
    const scores = new Float64Array(this.articles.length);
    const matched = new Uint16Array(this.articles.length);
    for (const t of queryTerms) {
      const p = this.postings.get(t);
      if (!p) continue;
      for (let k = 0; k < p.docs.length; k++) {
        const d = p.docs[k] as number;
        scores[d] = (scores[d] as number) + (p.weights[k] as number);
        matched[d] = (matched[d] as number) + 1;
      }
    }
    if (expansions.length > 0) {
      const best = new Float64Array(this.articles.length);
      for (const t of expansions) {
        const p = this.postings.get(t);
        if (!p) continue;
        for (let k = 0; k < p.docs.length; k++) {
          const d = p.docs[k] as number;
          best[d] = Math.max(best[d] as number, p.weights[k] as number);
        }
      }
      best.forEach((w, d) => {
        if (w <= 0) return;
        scores[d] = (scores[d] as number) + w;
        matched[d] = (matched[d] as number) + 1;
      });
    }
    const hits: LexicalHit[] = [];
    scores.forEach((score, d) => {
      if (score > 0)
        hits.push({ articleId: this.articles[d]?.id ?? '', score, coverage: (matched[d] as number) / total });
    });
    return hits.sort((x, y) => y.score - x.score || x.articleId.localeCompare(y.articleId)).slice(0, limit);
  }
}

/** The word being typed at the end of the text (≥ 2 letters, lower-cased), or null after a space or mark. */
function partialWord(text: string, lang: string): string | null {
  if (/\s$/u.test(text)) return null;
  const last = words(text, lang).at(-1) ?? '';
  const m = /([\p{L}\p{M}\p{N}]{2,})$/u.exec(/[\p{L}\p{M}\p{N}]$/u.test(text) ? last : '');
  return m?.[1] ?? null;
}
