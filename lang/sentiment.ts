import { containerBootstrap } from '@nlpjs/core';
import { LangEn } from '@nlpjs/lang-en';
import { SentimentAnalyzer } from '@nlpjs/sentiment';

/**
 * nlp.js's sentiment analysis (its Senticon lexicon) where nlp.js has it for a KB language: English in the
 * packages installed here. `score` is the sum of word polarities; null for a language without a lexicon.
 */
export class SentimentScorer {
  static readonly languages: readonly string[] = ['en'];

  private constructor(private readonly analyzer: SentimentAnalyzer) {}

  static async create(): Promise<SentimentScorer> {
    const container = await containerBootstrap();
    container.use(LangEn);
    return new SentimentScorer(new SentimentAnalyzer({ container }));
  }

  async score(text: string, lang: string): Promise<number | null> {
    if (!SentimentScorer.languages.includes(lang)) return null;
    const result = await this.analyzer.process({ locale: lang, text });
    return result.sentiment.score;
  }
}
