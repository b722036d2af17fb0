import lunr from 'lunr';
import type { Article } from './types.js';

export interface LexicalHit {
  readonly articleId: string;
  /** lunr's BM25 score, unbounded. */
  readonly score: number;
  /** Share of the query's indexed terms (after stop words and stemming) found in the article, in [0, 1]. */
  readonly coverage: number;
}

/**
 * lunr's BM25 over each article's title, questions and body. Queries are built term by term through the
 * search pipeline (stemming, stop words), never parsed, so visitor text cannot break the query syntax.
 */
export class LexicalIndex {
  private readonly index: lunr.Index;

  constructor(articles: readonly Article[]) {
    this.index = lunr(function build() {
      this.ref('id');
      this.field('title', { boost: 3 });
      this.field('questions', { boost: 2 });
      this.field('body');
      for (const a of articles)
        this.add({ id: a.id, title: a.title, questions: a.questions.join('\n'), body: a.body });
    });
  }

  search(text: string, limit = 10): LexicalHit[] {
    const terms = queryTerms(text);
    if (terms.length === 0) return [];
    const results = this.index.query((q) => {
      for (const term of terms) q.term(term, { usePipeline: false, presence: lunr.Query.presence.OPTIONAL });
    });
    return results.slice(0, limit).map((r) => ({
      articleId: r.ref,
      score: r.score,
      coverage: Object.keys(r.matchData.metadata).length / terms.length,
    }));
  }
}

/** The query's distinct terms after lunr's tokenizer and search pipeline (stop words out, stemmed). */
function queryTerms(text: string): string[] {
  const pipeline = new lunr.Pipeline();
  pipeline.add(lunr.trimmer, lunr.stopWordFilter, lunr.stemmer);
  const tokens = pipeline.run(lunr.tokenizer(text));
  return [...new Set(tokens.map((t) => t.toString()).filter((t) => t.length > 0))];
}
