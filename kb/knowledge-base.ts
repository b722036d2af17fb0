import type { Article, Candidate } from './types.js';
import type { LoadedKb } from './load.js';
import type { LanguageMatcher } from './matcher.js';
import { matcherCache } from './matcher-cache.js';
import { textsByLanguage } from './texts.js';
import type { FormDefinition } from '../forms/types.js';

export interface KbStats {
  readonly languages: readonly string[];
  readonly articles: number;
  readonly questions: number;
  /** How long this build took: little for languages whose matcher came from the matcher cache. */
  readonly trainMs: number;
}

/** An immutable, indexed knowledge base: articles by language and id, one matcher per language. */
export class KnowledgeBaseIndex {
  private constructor(
    private readonly articlesByLang: ReadonlyMap<string, ReadonlyMap<string, Article>>,
    private readonly matchers: ReadonlyMap<string, LanguageMatcher>,
    readonly stats: KbStats,
    private readonly forms: ReadonlyMap<string, FormDefinition>,
  ) {}

  static async build(
    loaded: Pick<LoadedKb, 'articles'> & Partial<Pick<LoadedKb, 'forms'>>,
  ): Promise<KnowledgeBaseIndex> {
    const started = performance.now();
    const byLang = new Map<string, Map<string, Article>>();
    for (const a of loaded.articles) {
      const map = byLang.get(a.lang) ?? new Map<string, Article>();
      map.set(a.id, a);
      byLang.set(a.lang, map);
    }
    const matchers = new Map<string, LanguageMatcher>();
    // A language whose articles were trained on before in this process reuses that matcher (matcher-cache.ts).
    for (const [lang, map] of byLang) matchers.set(lang, matcherCache.matcher(lang, [...map.values()]));
    const stats: KbStats = {
      languages: [...byLang.keys()].sort(),
      articles: loaded.articles.length,
      questions: loaded.articles.reduce((n, a) => n + 1 + a.questions.length, 0),
      trainMs: Math.round(performance.now() - started),
    };
    return new KnowledgeBaseIndex(byLang, matchers, stats, loaded.forms ?? new Map());
  }

  /** An index of trained matchers (restored from the model cache or a training worker). */
  static fromMatchers(
    loaded: Pick<LoadedKb, 'articles'> & Partial<Pick<LoadedKb, 'forms'>>,
    matchers: ReadonlyMap<string, LanguageMatcher>,
    trainMs: number,
  ): KnowledgeBaseIndex {
    const byLang = new Map<string, Map<string, Article>>();
    for (const a of loaded.articles) {
      const map = byLang.get(a.lang) ?? new Map<string, Article>();
      map.set(a.id, a);
      byLang.set(a.lang, map);
    }
    const stats: KbStats = {
      languages: [...byLang.keys()].sort(),
      articles: loaded.articles.length,
      questions: loaded.articles.reduce((n, a) => n + 1 + a.questions.length, 0),
      trainMs,
    };
    return new KnowledgeBaseIndex(byLang, matchers, stats, loaded.forms ?? new Map());
  }

  /** Every language's trained matcher (what the model cache keeps). */
  allMatchers(): ReadonlyMap<string, LanguageMatcher> {
    return this.matchers;
  }

  languages(): readonly string[] {
    return this.stats.languages;
  }

  async match(text: string, lang: string, limit = 5): Promise<Candidate[]> {
    return this.matchers.get(lang)?.match(text, limit) ?? [];
  }

  async suggest(text: string, lang: string, limit = 3): Promise<Candidate[]> {
    return this.matchers.get(lang)?.suggest(text, limit) ?? [];
  }

  /** The matcher of one language, for evaluation and calibration tools. */
  matcher(lang: string): LanguageMatcher | undefined {
    return this.matchers.get(lang);
  }

  /** Each language's own text (titles, questions, answers), for the language identifier. */
  texts(): Record<string, string[]> {
    return textsByLanguage([...this.articlesByLang.values()].flatMap((m) => [...m.values()]));
  }

  form(id: string): FormDefinition | undefined {
    return this.forms.get(id);
  }

  allForms(): FormDefinition[] {
    return [...this.forms.values()];
  }

  article(id: string, lang: string): Article | undefined {
    return this.articlesByLang.get(lang)?.get(id);
  }
}
