/** The part of nlp.js's sentiment packages Frontdesk uses (they ship no types). */
declare module '@nlpjs/lang-en' {
  export const LangEn: unknown;
}
declare module '@nlpjs/sentiment' {
  export class SentimentAnalyzer {
    constructor(settings: { container: unknown });
    process(input: { locale: string; text: string }): Promise<{ sentiment: { score: number; vote: string } }>;
  }
}
