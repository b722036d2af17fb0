import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { MissingTranslationStore, UnresolvedQuestion, UnresolvedStore } from '../bot/ports.js';
import { AppError } from '../common/errors.js';
import type { Agent } from '../handoff/types.js';
import { comparableText } from '../lang/comparable-text.js';
import { resolveKbRoot } from '../kb/load.js';
import { articleProblems } from './lint-article.js';
import { parseArticle } from '../kb/parse-article.js';
import type { Article, Candidate, KbProblem } from '../kb/types.js';
import { insideRoot, readArticleFile, withQuestion, writeArticleFile } from './article-file.js';
import { commitFiles } from './git.js';
import { groupQuestions, type QuestionGroup } from './grouping.js';
import type { ReviewMark, ReviewMarkStore, ReviewStatus } from './ports.js';
import type { ReviewGroupView } from './group-view.js';
import { presentGroup } from './present.js';

/** The knowledge base as the review queue needs it (kb/live-kb.ts implements it). */
export interface ReviewKb {
  languages(): readonly string[];
  match(text: string, lang: string, limit?: number): Promise<Candidate[]>;
  article(id: string, lang: string): Article | undefined;
  articles(lang: string): Article[];
  similarity(a: string, b: string, lang: string): number;
  /** Resolves once the KB on disk is live (or rejected for errors, which stay in `problems`). */
  reload(): Promise<void>;
}

export interface ReviewDeps {
  readonly unresolved: UnresolvedStore;
  readonly marks: ReviewMarkStore;
  readonly missingTranslations: MissingTranslationStore;
  readonly kb: ReviewKb;
  readonly contentDir: string;
  /** Translations start from this language when the article has it. */
  readonly defaultLang: string;
  /** Commit each save with the admin as author when the content folder is in a git repository. */
  readonly gitCommit: boolean;
  /** How many logged questions the queue looks at (newest first). */
  readonly window?: number;
}

export type ReviewSort = 'newest' | 'frequent';

/** What a save did: the file (relative to the content folder) and the git commit, when one was made. */
export interface SaveResult {
  readonly articleId: string;
  readonly lang: string;
  readonly file: string;
  readonly commit: string | null;
}

const slugPattern = /^[a-z0-9][a-z0-9-]{0,79}$/;
const langPattern = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/;

/**
 * The admins' review queue: logged questions (unresolved, not helpful, agents' answers, …) grouped into
 * near-duplicates per language, and the actions on a group: file it under an article (the question goes
 * into the article's Markdown file), turn it into a new article, dismiss it (undoable).
 */
export class ReviewService {
  private readonly root: string;

  constructor(private readonly deps: ReviewDeps) {
    this.root = resolveKbRoot(deps.contentDir);
  }

  async list(
    options: { lang?: string; status?: ReviewStatus | 'open'; sort?: ReviewSort; limit?: number } = {},
  ): Promise<ReviewGroupView[]> {
    const status = options.status ?? 'open';
    const groups =
      status === 'open' ? await this.openGroups(options.lang) : await this.closedGroups(status, options.lang);
    const sorted =
      options.sort === 'frequent'
        ? groups.sort(
            (a, b) =>
              b.group.items.length - a.group.items.length || b.group.lastSeen.localeCompare(a.group.lastSeen),
          )
        : groups.sort((a, b) => b.group.lastSeen.localeCompare(a.group.lastSeen));
    const page = sorted.slice(0, options.limit ?? 50);
    return Promise.all(page.map((g) => presentGroup(g.group, g.mark, this.deps.kb)));
  }

  /** One open group by id, or NOT_FOUND. */
  async group(id: string): Promise<QuestionGroup> {
    const found = (await this.openGroups()).find((g) => g.group.id === id);
    if (!found) throw new AppError('NOT_FOUND', `No open review group ${id}.`);
    return found.group;
  }

  /** The article's Markdown file, with the version token a save must send back. */
  async source(articleId: string, lang: string): Promise<{ file: string; text: string; version: string }> {
    const article = this.deps.kb.article(articleId, lang);
    if (!article) throw new AppError('NOT_FOUND', `The article ${articleId} has no ${lang} version.`);
    const file = insideRoot(this.root, path.resolve(article.file));
    const { text, version } = await readArticleFile(file);
    return { file: path.relative(this.root, file), text, version };
  }

  /**
   * Appends the question (the group's first one unless the admin edited it) to the article's `questions:`,
   * reloads the KB and marks the group resolved. `version`, when given, must still be the file's.
   */
  async addToArticle(
    input: { groupId: string; articleId: string; question?: string; version?: string },
    by: Agent,
  ): Promise<SaveResult & { question: string }> {
    const group = await this.group(input.groupId);
    const question = checkQuestion(input.question ?? group.question);
    const article = this.deps.kb.article(input.articleId, group.lang);
    if (!article)
      throw new AppError('NOT_FOUND', `The article ${input.articleId} has no ${group.lang} version.`);
    const file = insideRoot(this.root, path.resolve(article.file));
    const { text, version } = await readArticleFile(file);
    if (input.version !== undefined && input.version !== version) throw new AppError('REVIEW_CONFLICT');
    const known = [article.title, ...article.questions].some(
      (q) => comparableText(q) === comparableText(question),
    );
    let commit: string | null = null;
    if (!known) {
      const edited = withQuestion(text, question);
      this.checkLint(article.file, edited, group.lang);
      await writeArticleFile(file, edited, version);
      commit = await this.commit(file, by, `kb(${group.lang}): "${question}" asked as ${article.id}`);
      await this.deps.kb.reload();
    }
    await this.deps.marks.mark(
      group.items.map((i) => i.id),
      { groupId: group.id, status: 'resolved', by: by.id, articleId: article.id },
    );
    return {
      articleId: article.id,
      lang: group.lang,
      file: path.relative(this.root, file),
      commit,
      question,
    };
  }

  /** Lint problems and the rendered preview of an article being written (nothing is saved). */
  lint(input: { lang: string; slug: string; text: string }): KbProblem[] {
    const { lang, slug } = checkName(input.lang, input.slug);
    return articleProblems(this.relFile(lang, slug), input.text, lang, this.deps.kb.articles(lang));
  }

  /** Creates `<lang>/<slug>.md` (never over an existing file); refused while lint reports an error. */
  async createArticle(
    input: { lang: string; slug: string; text: string; groupId?: string },
    by: Agent,
  ): Promise<SaveResult> {
    const { lang, slug } = checkName(input.lang, input.slug);
    const group = input.groupId ? await this.group(input.groupId) : null;
    const rel = this.relFile(lang, slug);
    const problems = articleProblems(rel, input.text, lang, this.deps.kb.articles(lang));
    const errors = problems.filter((p) => p.severity === 'error');
    if (errors.length > 0)
      throw new AppError(
        'REVIEW_LINT',
        undefined,
        errors.map((p) => `line ${p.line}: ${p.message}`),
      );
    await mkdir(path.join(this.root, lang), { recursive: true });
    const file = insideRoot(this.root, path.join(lang, `${slug}.md`));
    await writeArticleFile(file, input.text, null);
    const commit = await this.commit(file, by, `kb(${lang}): new article ${lang}/${slug}.md`);
    await this.deps.kb.reload();
    const id = parseArticle(rel, input.text, lang).article?.id ?? slug;
    if (group)
      await this.deps.marks.mark(
        group.items.map((i) => i.id),
        { groupId: group.id, status: 'resolved', by: by.id, articleId: id },
      );
    return { articleId: id, lang, file: path.relative(this.root, file), commit };
  }

  /** Missing translations visitors needed, still missing, with the language to translate from. */
  async translations(lang?: string) {
    const missing = await this.deps.missingTranslations.list({ limit: 200, ...(lang ? { lang } : {}) });
    return missing
      .filter((m) => !this.deps.kb.article(m.articleId, m.lang))
      .map((m) => ({ ...m, from: this.sourceLangOf(m.articleId) }))
      .filter((m): m is typeof m & { from: string } => m.from !== null);
  }

  /** The source article's file, to pre-fill the editor of its translation into `lang`. */
  async translationTemplate(articleId: string, lang: string) {
    checkName(lang, 'x');
    const from = this.sourceLangOf(articleId);
    if (!from) throw new AppError('NOT_FOUND', `No article ${articleId}.`);
    const src = await this.source(articleId, from);
    return { from, lang, slug: path.basename(src.file, '.md'), text: src.text };
  }

  async dismiss(groupId: string, by: Agent): Promise<ReviewMark[]> {
    const group = await this.group(groupId);
    return this.deps.marks.mark(
      group.items.map((i) => i.id),
      { groupId: group.id, status: 'dismissed', by: by.id, articleId: null },
    );
  }

  /** Brings a dismissed group back to the queue. */
  async undoDismiss(groupId: string): Promise<number> {
    const n = await this.deps.marks.unmark(groupId, 'dismissed');
    if (n === 0) throw new AppError('NOT_FOUND', `No dismissed review group ${groupId}.`);
    return n;
  }

  private sourceLangOf(articleId: string): string | null {
    const langs = [this.deps.defaultLang, ...this.deps.kb.languages()];
    return langs.find((l) => this.deps.kb.article(articleId, l)) ?? null;
  }

  private relFile(lang: string, slug: string): string {
    return path.relative(process.cwd(), path.join(this.root, lang, `${slug}.md`));
  }

  private checkLint(file: string, text: string, lang: string): void {
    const errors = articleProblems(file, text, lang, this.deps.kb.articles(lang)).filter(
      (p) => p.severity === 'error',
    );
    if (errors.length > 0)
      throw new AppError(
        'REVIEW_LINT',
        undefined,
        errors.map((p) => `line ${p.line}: ${p.message}`),
      );
  }

  private async commit(file: string, by: Agent, message: string): Promise<string | null> {
    if (!this.deps.gitCommit) return null;
    return commitFiles([file], { name: by.name, email: by.email }, message);
  }

  private async items(
    lang?: string,
  ): Promise<{ items: UnresolvedQuestion[]; marks: Map<string, ReviewMark> }> {
    const items = await this.deps.unresolved.list({
      limit: this.deps.window ?? 2000,
      ...(lang ? { lang } : {}),
    });
    const marks = new Map((await this.deps.marks.list()).map((m) => [m.itemId, m]));
    return { items, marks };
  }

  private async openGroups(lang?: string) {
    const { items, marks } = await this.items(lang);
    const open = items.filter((i) => !marks.has(i.id));
    const sim = (a: string, b: string, l: string) => this.deps.kb.similarity(a, b, l);
    return groupQuestions(open, sim).map((group) => ({ group, mark: null }));
  }

  private async closedGroups(status: ReviewStatus, lang?: string) {
    const { items, marks } = await this.items(lang);
    const byGroup = new Map<string, UnresolvedQuestion[]>();
    for (const item of items) {
      const m = marks.get(item.id);
      if (m?.status === status) byGroup.set(m.groupId, [...(byGroup.get(m.groupId) ?? []), item]);
    }
    return [...byGroup].map(([id, list]) => {
      const sorted = list.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      const first = sorted[0] as UnresolvedQuestion;
      const group: QuestionGroup = {
        id,
        lang: first.lang,
        question: first.text,
        items: sorted,
        firstSeen: first.createdAt,
        lastSeen: (sorted[sorted.length - 1] as UnresolvedQuestion).createdAt,
      };
      return { group, mark: marks.get(first.id) ?? null };
    });
  }
}

function checkQuestion(text: string): string {
  const q = text.trim();
  if (q.length === 0 || q.length > 300 || /[\r\n\p{Cc}]/u.test(q))
    throw new AppError('PAYLOAD_INVALID', 'The question must be one line of 1–300 characters.');
  return q;
}

function checkName(lang: string, slug: string): { lang: string; slug: string } {
  if (!langPattern.test(lang)) throw new AppError('PAYLOAD_INVALID', `"${lang}" is not a language code.`);
  if (!slugPattern.test(slug))
    throw new AppError(
      'PAYLOAD_INVALID',
      'The file name must be lowercase letters, digits and dashes (1–80).',
    );
  return { lang, slug };
}
