import { containerBootstrap } from '@nlpjs/core';
import { Nlp } from '@nlpjs/nlp';
import { LangEn } from '@nlpjs/lang-en-min';
import type { Article } from '../kb/types.js';

/** nlp.js language plugins by language code; a language without one is matched lexically only. */
const plugins: Readonly<Record<string, unknown>> = { en: LangEn };

export interface IntentScore {
  readonly articleId: string;
  readonly score: number;
}

/**
 * The naive baseline of `npm run bench:nlu`: nlp.js's intent classifier (the model behind @nlpjs/basic)
 * with its default settings, trained on each article's title and questions. Scores over all articles sum
 * to 1; an utterance with no known word scores 0 everywhere.
 */
export class IntentModel {
  private constructor(
    private readonly nlp: Nlp,
    private readonly lang: string,
  ) {}

  static supports(lang: string): boolean {
    return lang in plugins;
  }

  static async train(lang: string, articles: readonly Article[]): Promise<IntentModel> {
    const plugin = plugins[lang];
    if (plugin === undefined) throw new Error(`no nlp.js language plugin for "${lang}"`);
    const container = await containerBootstrap();
    container.use(plugin);
    const nlp = new Nlp({
      languages: [lang],
      autoSave: false,
      autoLoad: false,
      nlu: { log: false },
      container,
    });
    for (const a of articles) {
      for (const q of [a.title, ...a.questions]) nlp.addDocument(lang, q, a.id);
    }
    await nlp.train();
    return new IntentModel(nlp, lang);
  }

  async classify(text: string): Promise<IntentScore[]> {
    const result = await this.nlp.process(this.lang, text);
    return result.classifications
      .filter((c) => c.intent !== 'None' && c.score > 0)
      .map((c) => ({ articleId: c.intent, score: c.score }));
  }
}
