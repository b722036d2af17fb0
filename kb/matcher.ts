import type { Article, Candidate } from './types.js';
import { LexicalIndex } from './lexical-index.js';
import { IntentModel } from './intent-model.js';

/** Weights of the two signals in the confidence; see docs/ARCHITECTURE.md, "Matching". */
export const signalWeights = { intent: 0.35, lexical: 0.65 } as const;

/**
 * Ranks the articles of one language for a question. Confidence blends nlp.js's intent score with
 * lunr's evidence (the share of the question's terms an article contains, damped when the article is not
 * lunr's best hit), so a question made of unknown words scores near 0 instead of being forced onto one.
 */
export class LanguageMatcher {
  private constructor(
    private readonly byId: ReadonlyMap<string, Article>,
    private readonly lexical: LexicalIndex,
    private readonly intents: IntentModel | null,
  ) {}

  static async build(lang: string, articles: readonly Article[]): Promise<LanguageMatcher> {
    const intents = IntentModel.supports(lang) ? await IntentModel.train(lang, articles) : null;
    return new LanguageMatcher(new Map(articles.map((a) => [a.id, a])), new LexicalIndex(articles), intents);
  }

  async match(text: string, limit = 5): Promise<Candidate[]> {
    const hits = this.lexical.search(text, 20);
    const intentScores = this.intents ? await this.intents.classify(text) : [];
    const best = hits[0]?.score ?? 0;
    const lexical = new Map(hits.map((h) => [h.articleId, best > 0 ? h.coverage * (h.score / best) : 0]));
    const intent = new Map(intentScores.map((s) => [s.articleId, s.score]));
    const ids = new Set([...lexical.keys(), ...intent.keys()]);
    const wIntent = this.intents ? signalWeights.intent : 0;
    const wLexical = 1 - wIntent;
    const candidates: Candidate[] = [];
    for (const id of ids) {
      const article = this.byId.get(id);
      if (!article) continue;
      const confidence = wIntent * (intent.get(id) ?? 0) + wLexical * (lexical.get(id) ?? 0);
      if (confidence > 0)
        candidates.push({ articleId: id, title: article.title, confidence: round(confidence) });
    }
    candidates.sort((a, b) => b.confidence - a.confidence || a.articleId.localeCompare(b.articleId));
    return candidates.slice(0, limit);
  }
}

function round(x: number): number {
  return Math.round(Math.min(1, Math.max(0, x)) * 10000) / 10000;
}
