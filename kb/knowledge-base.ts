import type { Article, Candidate } from './types.js';
import type { LoadedKb } from './load.js';
import { LanguageMatcher } from './matcher.js';
import { matcherCache } from './matcher-cache.js';
import { textsByLanguage } from './texts.js';
import type { FormDefinition } from '../forms/types.js';
import { defaultTargetPrecision, thresholdsFor, type ChosenThresholds } from './thresholds.js';
import type { PolicySettings } from './policy.js';

/** Choose each language's answer threshold by cross-validation (kb/thresholds.ts) when given. */
export interface BuildOptions {
  readonly thresholds?: {
    /** The process settings: their answer threshold is the lowest one chosen. */
    readonly base: PolicySettings;
  };
}

export interface KbStats {
  readonly languages: readonly string[];
  readonly articles: number;
  readonly questions: number;
  /** How long this build took: little for languages whose matcher came from the matcher cache. */
  readonly trainMs: number;
}

function articlesByLanguage(articles: readonly Article[]): Map<string, Map<string, Article>> {
  const byLang = new Map<string, Map<string, Article>>();
  for (const a of articles) {
    const map = byLang.get(a.lang) ?? new Map<string, Article>();
    map.set(a.id, a);
    byLang.set(a.lang, map);
  }
  return byLang;
}

function statsOf(
  byLang: ReadonlyMap<string, unknown>,
  articles: readonly Article[],
  trainMs: number,
): KbStats {
  return {
    languages: [...byLang.keys()].sort(),
    articles: articles.length,
    questions: articles.reduce((n, a) => n + 1 + a.questions.length, 0),
    trainMs,
  };
}

/** An immutable, indexed knowledge base: articles by language and id, one matcher per language. */
export class KnowledgeBaseIndex {
  private constructor(
    private readonly articlesByLang: ReadonlyMap<string, ReadonlyMap<string, Article>>,
    private readonly matchers: ReadonlyMap<string, LanguageMatcher>,
    readonly stats: KbStats,
    private readonly forms: ReadonlyMap<string, FormDefinition>,
    private readonly thresholds: ReadonlyMap<string, ChosenThresholds>,
  ) {}

  /**
   * With `options.thresholds`, each language's answer threshold is chosen by cross-validation on its own
   * questions, aiming at the KB's `targetPrecision` (config.yml, default 0.9); see kb/thresholds.ts.
   */
  static async build(
    loaded: Pick<LoadedKb, 'articles'> & Partial<Pick<LoadedKb, 'forms' | 'settings'>>,
    options: BuildOptions = {},
  ): Promise<KnowledgeBaseIndex> {
    const started = performance.now();
    const byLang = articlesByLanguage(loaded.articles);
    const matchers = new Map<string, LanguageMatcher>();
    // A language whose articles were trained on before in this process reuses that matcher (matcher-cache.ts).
    for (const [lang, map] of byLang) matchers.set(lang, matcherCache.matcher(lang, [...map.values()]));
    const thresholds = new Map<string, ChosenThresholds>();
    const base = options.thresholds?.base;
    if (base) {
      const choose = {
        targetPrecision: loaded.settings?.targetPrecision ?? defaultTargetPrecision,
        floor: base.answerThreshold,
        clarifyMargin: loaded.settings?.clarifyMargin ?? base.clarifyMargin,
        ...(base.offerThreshold === undefined ? {} : { offerThreshold: base.offerThreshold }),
        ...(loaded.settings?.offerThreshold === undefined
          ? {}
          : { offerThreshold: loaded.settings.offerThreshold }),
      };
      for (const [lang, map] of byLang) {
        const chosen = thresholdsFor(lang, [...map.values()], choose, (l, a) => LanguageMatcher.build(l, a));
        if (chosen) thresholds.set(lang, chosen);
      }
    }
    const stats = statsOf(byLang, loaded.articles, Math.round(performance.now() - started));
    return new KnowledgeBaseIndex(byLang, matchers, stats, loaded.forms ?? new Map(), thresholds);
  }

  /** The thresholds chosen for a language, with the expected rates (none: not chosen). */
  chosen(lang: string): ChosenThresholds | undefined {
    return this.thresholds.get(lang);
  }

  /** The chosen answer threshold of a language, as settings (bot/ports.ts `chosenSettings`). */
  chosenSettings(lang: string): Partial<PolicySettings> | undefined {
    const c = this.thresholds.get(lang);
    return c ? { answerThreshold: c.answerThreshold } : undefined;
  }

  /** An index of trained matchers and chosen thresholds (restored from the model cache or a training worker). */
  static fromMatchers(
    loaded: Pick<LoadedKb, 'articles'> & Partial<Pick<LoadedKb, 'forms'>>,
    matchers: ReadonlyMap<string, LanguageMatcher>,
    trainMs: number,
    thresholds: ReadonlyMap<string, ChosenThresholds> = new Map(),
  ): KnowledgeBaseIndex {
    const byLang = articlesByLanguage(loaded.articles);
    const stats = statsOf(byLang, loaded.articles, trainMs);
    return new KnowledgeBaseIndex(byLang, matchers, stats, loaded.forms ?? new Map(), thresholds);
  }

  /** Puts this index's matchers in the process's matcher cache (restored from the model cache). */
  rememberMatchers(): void {
    for (const [lang, map] of this.articlesByLang) {
      const m = this.matchers.get(lang);
      if (m) matcherCache.remember(lang, [...map.values()], m);
    }
  }

  /** Every language's chosen thresholds (what the model cache keeps with the matchers). */
  allThresholds(): ReadonlyMap<string, ChosenThresholds> {
    return this.thresholds;
  }

  /** Every language's trained matcher (what the model cache keeps). */
  allMatchers(): ReadonlyMap<string, LanguageMatcher> {
    return this.matchers;
  }

  languages(): readonly string[] {
    return this.stats.languages;
  }

  /** How many articles a language has (0 for a language the KB lacks). */
  articleCount(lang: string): number {
    return this.articlesByLang.get(lang)?.size ?? 0;
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

  /** The articles of one language, by id. */
  articles(lang: string): Article[] {
    return [...(this.articlesByLang.get(lang)?.values() ?? [])].sort((a, b) => a.id.localeCompare(b.id));
  }

  /** How alike two questions are for the language's matcher, in [0, 1] (0 for a language without one). */
  similarity(a: string, b: string, lang: string): number {
    return this.matchers.get(lang)?.similarity(a, b) ?? 0;
  }
}
