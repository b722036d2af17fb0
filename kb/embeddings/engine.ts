import type { Article, Candidate } from '../types.js';
import type { KnowledgeBaseIndex } from '../knowledge-base.js';
import type { PolicySettings } from '../policy.js';
import { chooseThresholds, type ChooseOptions, type ChosenThresholds } from '../thresholds.js';
import { combine, identityCoefficients, type SemanticCoefficients } from './combiner.js';
import { candidatesFor, fitForLanguage } from './fit.js';
import { EmbeddingsFailure, type Embedder, type EmbeddingsFailureReason } from './http-embedder.js';
import { articleTexts, SemanticIndex } from './semantic-index.js';
import { textKey, VectorCache } from './vector-cache.js';

export interface SemanticEngineOptions {
  readonly embedder: Embedder;
  /** Where the article embeddings are cached (DATA_DIR/kb-cache); null: not cached. */
  readonly cacheDir: string | null;
  /** How long a visitor's question may wait for its embedding (EMBEDDINGS_TIMEOUT_MS, default 300). */
  readonly timeoutMs: number;
  /** Article texts per request at load. */
  readonly batchSize?: number;
  /** How long one batch of article texts may take. */
  readonly batchTimeoutMs?: number;
  /** After a failed load, the article embeddings are tried again this much later (lexical meanwhile). */
  readonly retryMs?: number;
  /** A warning for the log (at most one a minute). */
  readonly warn?: (fields: Record<string, unknown>, message: string) => void;
  readonly now?: () => number;
}

/** A language's semantic side: its article vectors, the fitted combiner and the thresholds chosen with it. */
interface LanguageState {
  readonly semantic: SemanticIndex;
  readonly coefficients: SemanticCoefficients;
  readonly chosen: ChosenThresholds | undefined;
}

/** Consecutive failed questions after which the engine rests (lexical only) for `restMs`. */
const failuresBeforeRest = 3;
const restMs = 30_000;
const warnEveryMs = 60_000;
const queryCacheSize = 1000;

/**
 * The optional semantic engine (issue #17): an OpenAI-compatible embedding server's similarity as one more
 * feature of the calibrated combiner. `prepare` embeds a KB index's article texts in batches (cached on disk
 * by content hash and model) and fits the combiner for each language; `match` embeds the visitor's
 * question within `timeoutMs` and ranks the lexical candidates plus the semantic best. Any failure — a
 * timeout, an unreachable server, an HTTP error, an invalid answer — falls back to the lexical matcher,
 * is counted (`onFailure`) and logged at most once a minute; after a few in a row the engine rests 30 s, so
 * the bot never waits on a dead server. A failed load leaves the KB lexical and is tried again later.
 */
export class SemanticEngine {
  private readonly states = new WeakMap<KnowledgeBaseIndex, Map<string, LanguageState>>();
  private readonly cache: VectorCache;
  private readonly queries = new Map<string, Float32Array>();
  private readonly listeners: Array<(reason: EmbeddingsFailureReason) => void> = [];
  private lastWarn = -Infinity;
  private failuresInRow = 0;
  private restUntil = 0;
  private retry: NodeJS.Timeout | null = null;
  private latest: KnowledgeBaseIndex | null = null;
  private closed = false;
  /** Article texts sent for embedding so far (tests check the disk cache with it). */
  articleTextsEmbedded = 0;

  constructor(private readonly options: SemanticEngineOptions) {
    this.cache = new VectorCache(options.cacheDir, options.embedder.model);
  }

  get model(): string {
    return this.options.embedder.model;
  }

  /** Calls `listener` with the reason of every failure (the metric). */
  onFailure(listener: (reason: EmbeddingsFailureReason) => void): void {
    this.listeners.push(listener);
  }

  /** Whether `index`'s articles are embedded (its questions are matched semantically). */
  ready(index: KnowledgeBaseIndex): boolean {
    return this.states.has(index);
  }

  /**
   * Embeds `index`'s article texts and fits each language's combiner; resolves true when done, false when
   * the server failed (then tried again `retryMs` later while `index` is the latest one prepared).
   * `choose`: re-choose the answer threshold of languages that have one chosen (kb/thresholds.ts) with the
   * fitted combiner. Waits at most `waitMs` (the rest goes on in the background).
   */
  async prepare(
    index: KnowledgeBaseIndex,
    choose?: Omit<ChooseOptions, 'targetPrecision'>,
    waitMs = Infinity,
  ): Promise<boolean> {
    this.latest = index;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    const work = this.prepareNow(index, choose);
    if (!Number.isFinite(waitMs)) return work;
    let timer: NodeJS.Timeout | undefined;
    const wait = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), waitMs);
    });
    try {
      return await Promise.race([work, wait]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async prepareNow(
    index: KnowledgeBaseIndex,
    choose: Omit<ChooseOptions, 'targetPrecision'> | undefined,
  ): Promise<boolean> {
    if (this.states.has(index)) return true;
    try {
      const states = new Map<string, LanguageState>();
      const vectors = await this.embedArticles(index);
      for (const lang of index.languages()) {
        const semantic = vectors.get(lang);
        if (semantic) states.set(lang, this.fitted(index, lang, semantic, choose));
        // The fit trains on this thread: let the server serve between languages.
        await new Promise((resolve) => setImmediate(resolve));
      }
      this.states.set(index, states);
      return true;
    } catch (err) {
      this.failed(err, 'load');
      if (!this.closed && this.latest === index) {
        this.retry = setTimeout(() => {
          this.retry = null;
          if (this.latest === index) void this.prepareNow(index, choose);
        }, this.options.retryMs ?? 60_000);
        this.retry.unref();
      }
      return false;
    }
  }

  private fitted(
    index: KnowledgeBaseIndex,
    lang: string,
    semantic: SemanticIndex,
    choose: Omit<ChooseOptions, 'targetPrecision'> | undefined,
  ): LanguageState {
    const fit = fitForLanguage(lang, semantic);
    const before = index.chosen(lang);
    const { floor = 0, ...base } = choose ?? {};
    const chosen =
      fit && before && choose
        ? chooseThresholds(
            fit.heldOut,
            before.targetPrecision,
            base as Omit<PolicySettings, 'answerThreshold'>,
            floor,
          )
        : undefined;
    return { semantic, coefficients: fit?.coefficients ?? identityCoefficients, chosen };
  }

  /** Every language's title and question vectors: from the disk cache, the rest from the server in batches. */
  private async embedArticles(index: KnowledgeBaseIndex): Promise<Map<string, SemanticIndex>> {
    const byLang = new Map<string, { articles: Article[]; texts: ReturnType<typeof articleTexts> }>();
    for (const lang of index.languages()) {
      const articles = index.matcher(lang) ? index.articles(lang) : [];
      byLang.set(lang, { articles, texts: articleTexts(articles) });
    }
    const all = [...byLang.values()].flatMap((l) => l.texts.map((t) => t.text));
    const keys = new Set(all.map(textKey));
    const missing = [...new Set(all.filter((t) => !this.cache.get(textKey(t))))];
    const added = new Map<string, Float32Array>();
    const size = this.options.batchSize ?? 64;
    for (let i = 0; i < missing.length; i += size) {
      const batch = missing.slice(i, i + size);
      this.articleTextsEmbedded += batch.length;
      const got = await this.options.embedder.embed(batch, this.options.batchTimeoutMs ?? 30_000);
      batch.forEach((t, k) => added.set(textKey(t), got[k] as Float32Array));
    }
    if (added.size > 0) this.cache.save(added, keys);
    const out = new Map<string, SemanticIndex>();
    let dims = -1;
    for (const [lang, { articles, texts }] of byLang) {
      const embedded = texts.map((t) => ({
        article: t.article,
        question: t.question,
        vector: this.vector(t.text),
      }));
      for (const e of embedded) {
        if (dims >= 0 && e.vector.length !== dims)
          throw new EmbeddingsFailure('invalid', 'the cached and new embeddings differ in dimension');
        dims = e.vector.length;
      }
      out.set(lang, new SemanticIndex(articles, embedded));
    }
    return out;
  }

  private vector(text: string): Float32Array {
    const v = this.cache.get(textKey(text));
    if (!v) throw new EmbeddingsFailure('invalid', 'an article text has no embedding');
    return v;
  }

  /** The answer threshold chosen with the semantic combiner, else the lexical one. */
  chosen(index: KnowledgeBaseIndex, lang: string): ChosenThresholds | undefined {
    return this.states.get(index)?.get(lang)?.chosen ?? index.chosen(lang);
  }

  chosenSettings(index: KnowledgeBaseIndex, lang: string): Partial<PolicySettings> | undefined {
    const c = this.states.get(index)?.get(lang)?.chosen;
    return c ? { answerThreshold: c.answerThreshold } : index.chosenSettings(lang);
  }

  /** `index.match` with the semantic evidence when the index is prepared and the server answers in time. */
  async match(index: KnowledgeBaseIndex, text: string, lang: string, limit = 5): Promise<Candidate[]> {
    const state = this.states.get(index)?.get(lang);
    const matcher = index.matcher(lang);
    if (!state || !matcher || this.resting()) return index.match(text, lang, limit);
    let query: Float32Array;
    try {
      query = await this.embedQuery(text, state.semantic.dims);
    } catch (err) {
      this.failed(err, 'query');
      return index.match(text, lang, limit);
    }
    const articles = state.semantic.articles;
    const best = state.semantic.best(query);
    return candidatesFor(matcher, text, [best], articles, limit)
      .map((c) => ({
        articleId: c.articleId,
        title: index.article(c.articleId, lang)?.title ?? c.articleId,
        confidence: round(combine(c.lexical, c.e[0] ?? { sem: 0, semGap: 0 }, state.coefficients)),
      }))
      .sort((a, b) => b.confidence - a.confidence || a.articleId.localeCompare(b.articleId))
      .slice(0, limit);
  }

  private async embedQuery(text: string, dims: number): Promise<Float32Array> {
    const key = text.trim().toLowerCase();
    const hit = this.queries.get(key);
    if (hit) return hit;
    const [v] = await this.options.embedder.embed([text], this.options.timeoutMs);
    if (!v || v.length !== dims)
      throw new EmbeddingsFailure(
        'invalid',
        `a question's embedding has ${v?.length ?? 0} dimensions, the articles' ${dims}`,
      );
    this.failuresInRow = 0;
    if (this.queries.size >= queryCacheSize) this.queries.delete(this.queries.keys().next().value ?? '');
    this.queries.set(key, v);
    return v;
  }

  private resting(): boolean {
    return this.now() < this.restUntil;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private failed(err: unknown, phase: 'load' | 'query'): void {
    const reason: EmbeddingsFailureReason = err instanceof EmbeddingsFailure ? err.reason : 'invalid';
    for (const l of this.listeners) l(reason);
    if (phase === 'query' && ++this.failuresInRow >= failuresBeforeRest) {
      this.failuresInRow = 0;
      this.restUntil = this.now() + restMs;
    }
    const now = this.now();
    if (now - this.lastWarn < warnEveryMs) return;
    this.lastWarn = now;
    this.options.warn?.(
      { reason, phase, model: this.model, err: (err as Error).message },
      phase === 'load'
        ? 'embedding server failed while embedding the articles: matching is lexical until a retry succeeds'
        : 'embedding server failed: this question was matched lexically',
    );
  }

  /** Stops retrying a failed load. */
  close(): void {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
  }
}

function round(x: number): number {
  return Math.round(Math.min(1, Math.max(0, x)) * 10000) / 10000;
}
