import type { KbArticle, KnowledgeBase } from '../../bot/ports.js';

/**
 * A knowledge base whose matcher always returns the same two close candidates (refund vs return), over the
 * real articles: it drives the "Did you mean …?" path deterministically.
 */
export function tieKb(articles: { article(id: string, lang: string): KbArticle | undefined }): KnowledgeBase {
  const tie = [
    { articleId: 'refund-timing', title: 'When will I get my refund?', confidence: 0.6 },
    { articleId: 'return-an-item', title: 'How do I return an item?', confidence: 0.58 },
  ];
  return {
    languages: () => ['en'],
    article: (id, lang) => articles.article(id, lang),
    match: async () => tie,
    suggest: async () => tie,
  };
}
