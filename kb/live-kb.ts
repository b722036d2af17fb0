import { watch, type FSWatcher } from 'chokidar';
import { contentFingerprint } from './content-fingerprint.js';
import type { Article, Candidate, KbProblem } from './types.js';
import { hasErrors } from './load.js';
import { trainKb } from './model-cache.js';
import { TrainingWorker } from './train-off-thread.js';
import type { BuildOptions, KnowledgeBaseIndex, KbStats } from './knowledge-base.js';
import { policySettingsOf, type PolicySettings } from './policy.js';
import type { ChosenThresholds } from './thresholds.js';
import type { KbSettings } from './kb-config.js';
import type { FormDefinition } from '../forms/types.js';
import type { SemanticEngine } from './embeddings/engine.js';
import { chooseOptions } from './embeddings/choose-options.js';

export interface LiveKbEvents {
  /** Content problems found on a (re)load; on a reload with errors the previous KB stays live. */
  onProblems?(problems: readonly KbProblem[], kept: boolean): void;
  onReloaded?(stats: KbStats): void;
  onError?(err: unknown): void;
}

/**
 * The knowledge base the bot talks to. Starts with whatever parsed (problems are reported); after that a
 * change is applied only when the whole KB is free of errors, so a broken file never takes answers away.
 */
export class LiveKnowledgeBase {
  private watcher: FSWatcher | null = null;
  private timer: NodeJS.Timeout | null = null;
  private poller: NodeJS.Timeout | null = null;
  /** The content folder's fingerprint when the live KB's latest reload started reading it. */
  private readFingerprint = '';
  private reloading: Promise<void> = Promise.resolve();
  private lastProblems: readonly KbProblem[] = [];
  /** Reloads train here, off the event loop. */
  private trainer = new TrainingWorker();
  /** The model cache file of the live KB: seeds a new training worker's matchers (kb/model-cache.ts). */
  private liveCacheFile: string | null = null;

  private constructor(
    private readonly contentDir: string,
    private current: KnowledgeBaseIndex,
    private currentSettings: KbSettings,
    private readonly events: LiveKbEvents,
    private readonly cacheDir: string | null,
    private readonly build: BuildOptions,
    private readonly semantic: SemanticEngine | null,
  ) {}

  /**
   * Loads and trains the KB (or, with `cacheDir`, reads the trained model from the cache there when the
   * content and the code are unchanged: kb/model-cache.ts). Reloads train in a worker thread.
   * `options.thresholds`: choose each language's answer threshold on every (re)load (kb/thresholds.ts).
   * `options.semantic`: the optional semantic engine (kb/embeddings/); each (re)load waits for its article
   * embeddings at most `semanticWaitMs` (default 10 s), then matches lexically until they are ready.
   * `workerIdleMs`: how long the training worker stays up after a reload (kb/train-off-thread.ts).
   */
  static async open(
    contentDir: string,
    events: LiveKbEvents = {},
    options: {
      cacheDir?: string | null;
      semantic?: SemanticEngine | null;
      semanticWaitMs?: number;
      workerIdleMs?: number;
    } & BuildOptions = {},
  ): Promise<LiveKnowledgeBase> {
    const cacheDir = options.cacheDir ?? null;
    // Only the policy keys go on to the training worker (not the whole configuration with its secrets).
    const build: BuildOptions = options.thresholds
      ? { thresholds: { base: policySettingsOf(options.thresholds.base) } }
      : {};
    // Read before the content is, so that a save while the server starts is seen by watch()'s poller.
    const fingerprint = contentFingerprint(contentDir);
    const { loaded, index, cacheFile } = await trainKb(contentDir, cacheDir, build);
    const semantic = options.semantic ?? null;
    const live = new LiveKnowledgeBase(contentDir, index, loaded.settings, events, cacheDir, build, semantic);
    live.liveCacheFile = cacheFile;
    live.readFingerprint = fingerprint;
    if (options.workerIdleMs !== undefined) live.trainer = new TrainingWorker(options.workerIdleMs);
    live.semanticWaitMs = options.semanticWaitMs ?? 10_000;
    await live.prepareSemantic(index, loaded.settings);
    live.lastProblems = loaded.problems;
    if (loaded.problems.length > 0) events.onProblems?.(loaded.problems, false);
    return live;
  }

  private semanticWaitMs = 10_000;

  /** Embeds the index's articles for the semantic engine (bounded wait; a failure leaves it lexical). */
  private async prepareSemantic(index: KnowledgeBaseIndex, settings: KbSettings): Promise<void> {
    const base = this.build.thresholds?.base;
    await this.semantic?.prepare(index, base && chooseOptions(base, settings), this.semanticWaitMs);
  }

  get stats(): KbStats {
    return this.current.stats;
  }

  /** Problems of the latest load attempt (empty when the content is clean). */
  get problems(): readonly KbProblem[] {
    return this.lastProblems;
  }

  languages(): readonly string[] {
    return this.current.languages();
  }

  articleCount(lang: string): number {
    return this.current.articleCount(lang);
  }

  texts(): Record<string, string[]> {
    return this.current.texts();
  }

  /**
   * The decision settings the live KB's `config.yml` sets (only those keys). Like the articles, they change
   * only with a reload that has no error.
   */
  settings(): KbSettings {
    return this.currentSettings;
  }

  /** The thresholds the live KB chose for a language (none when not choosing, or too few questions). */
  chosenSettings(lang: string): Partial<PolicySettings> | undefined {
    return this.semantic?.chosenSettings(this.current, lang) ?? this.current.chosenSettings(lang);
  }

  chosen(lang: string): ChosenThresholds | undefined {
    return this.semantic?.chosen(this.current, lang) ?? this.current.chosen(lang);
  }

  match(text: string, lang: string, limit?: number): Promise<Candidate[]> {
    return this.semantic
      ? this.semantic.match(this.current, text, lang, limit)
      : this.current.match(text, lang, limit);
  }

  suggest(text: string, lang: string, limit?: number): Promise<Candidate[]> {
    return this.current.suggest(text, lang, limit);
  }

  article(id: string, lang: string): Article | undefined {
    return this.current.article(id, lang);
  }

  form(id: string): FormDefinition | undefined {
    return this.current.form(id);
  }

  articles(lang: string): Article[] {
    return this.current.articles(lang);
  }

  similarity(a: string, b: string, lang: string): number {
    return this.current.similarity(a, b, lang);
  }

  /** The folder this KB is loaded from. */
  get dir(): string {
    return this.contentDir;
  }

  allForms(): FormDefinition[] {
    return this.current.allForms();
  }

  /** Reloads now; resolves once the new KB is live or rejected. Reloads never overlap. */
  reload(): Promise<void> {
    this.reloading = this.reloading
      .then(() => this.reloadOnce())
      .catch((err: unknown) => this.events.onError?.(err));
    return this.reloading;
  }

  private async reloadOnce(): Promise<void> {
    if (this.poller) this.readFingerprint = contentFingerprint(this.contentDir);
    // Loaded and trained off the event loop; the current index answers until the new one is live.
    const trained = await this.trainer.train(this.contentDir, this.cacheDir, this.build, this.liveCacheFile);
    const { loaded, index } = trained;
    this.lastProblems = loaded.problems;
    if (hasErrors(loaded.problems)) {
      this.events.onProblems?.(loaded.problems, true);
      return;
    }
    if (loaded.problems.length > 0) this.events.onProblems?.(loaded.problems, false);
    await this.prepareSemantic(index, loaded.settings);
    this.current = index;
    this.currentSettings = loaded.settings;
    this.liveCacheFile = trained.cacheFile;
    this.events.onReloaded?.(this.current.stats);
  }

  /**
   * Watches the content folder (chokidar: in-place writes, atomic saves that write a temp file and rename
   * it over, delete then create, new folders) and reloads `debounceMs` after files stop changing. A change
   * during a reload gets a reload of its own after it (reloads never overlap). Resolves when watching.
   */
  watch(debounceMs = 100, pollMs = 250): Promise<void> {
    if (this.watcher) return Promise.resolve();
    // No training worker until the first save: it starts then (kb/train-off-thread.ts) and stops again when
    // the editing is over, so an idle server holds one V8 heap, not two.
    const watcher = watch(this.contentDir, { ignoreInitial: true, atomic: true });
    this.watcher = watcher;
    const schedule = () => {
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.reload();
      }, debounceMs);
    };
    watcher.on('all', schedule);
    watcher.on('error', (err) => this.events.onError?.(err));
    // A safety net under the watcher: file events can be lost (two atomic saves in quick succession,
    // network file systems), so the folder's fingerprint is compared every `pollMs` too, and a change that
    // no reload has read yet schedules one; so does a save made since open() read the folder (while the
    // server was starting, before this watcher).
    this.poller = setInterval(() => {
      if (!this.timer && contentFingerprint(this.contentDir) !== this.readFingerprint) schedule();
    }, pollMs);
    this.poller.unref();
    return new Promise((resolve) => watcher.once('ready', () => resolve()));
  }

  /** Whether the training worker is up (it starts with a reload and stops when reloads stop). */
  get trainingWorkerUp(): boolean {
    return this.trainer.running;
  }

  /** Resolves when no reload is running. */
  async idle(): Promise<void> {
    await this.reloading;
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    if (this.poller) clearInterval(this.poller);
    this.poller = null;
    await this.watcher?.close();
    this.watcher = null;
    if (this.timer) clearTimeout(this.timer);
    await this.reloading;
    this.semantic?.close();
    await this.trainer.close();
  }
}
