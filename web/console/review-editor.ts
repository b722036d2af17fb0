import { button, el } from './dom.js';
import { ReviewApiError, reviewApi, type LintProblem } from './review-api.js';

export interface EditorDraft {
  readonly lang: string;
  readonly slug: string;
  readonly text: string;
  /** The review group the article answers (marked resolved on save), if any. */
  readonly groupId: string | null;
  readonly heading: string;
}

let editors = 0;

/** An element holding other nodes. */
export function box<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string>,
  ...children: Node[]
): HTMLElementTagNameMap[K] {
  const node = el(tag, attrs);
  node.append(...children);
  return node;
}

/**
 * A new article (or a translation): language, file name and the Markdown with its front matter, with the
 * rendered preview and `kb lint` results updated as the admin types. Saving is disabled while lint reports
 * an error; the server checks again.
 */
export class ArticleEditor {
  readonly element: HTMLElement;
  private readonly lang: HTMLInputElement;
  private readonly slug: HTMLInputElement;
  private readonly text: HTMLTextAreaElement;
  private readonly problems: HTMLElement;
  private readonly preview: HTMLElement;
  private readonly save: HTMLButtonElement;
  private readonly error: HTMLElement;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private request = 0;

  constructor(
    private readonly draft: EditorDraft,
    private readonly done: (saved: { articleId: string; file: string } | null) => void,
  ) {
    const n = ++editors;
    this.element = el('section', { class: 'article-editor', 'aria-labelledby': `editor-title-${n}` });
    const title = el('h2', { id: `editor-title-${n}` }, draft.heading);
    const field = (label: string, input: HTMLElement, idSuffix: string) => {
      input.id = `editor-${idSuffix}-${n}`;
      return box('div', { class: 'editor-field' }, el('label', { for: input.id }, label), input);
    };
    this.lang = el('input', { type: 'text', value: draft.lang, size: '6', autocomplete: 'off' });
    this.slug = el('input', { type: 'text', value: draft.slug, autocomplete: 'off' });
    this.text = el('textarea', { rows: '16', spellcheck: 'true' });
    this.text.value = draft.text;
    this.problems = el('ul', { class: 'lint-problems', 'aria-live': 'polite', 'aria-label': 'Lint results' });
    this.preview = el('div', { class: 'article-preview', role: 'region', 'aria-label': 'Preview' });
    this.error = el('p', { class: 'control-error', role: 'alert' });
    this.save = button('Save article', () => void this.submit(), { class: 'primary editor-save' });
    this.save.disabled = true;
    const cancel = button('Cancel', () => this.done(null), { class: 'editor-cancel' });
    for (const input of [this.lang, this.slug, this.text])
      input.addEventListener('input', () => this.schedule());
    this.element.append(
      title,
      field('Language', this.lang, 'lang'),
      field('File name (content/kb/<language>/<name>.md)', this.slug, 'slug'),
      field('Article (YAML front matter, then the Markdown answer)', this.text, 'text'),
      el('h3', {}, 'Lint'),
      this.problems,
      el('h3', {}, 'Preview'),
      this.preview,
      this.error,
      box('div', { class: 'editor-actions' }, this.save, cancel),
    );
    void this.lint();
  }

  focus(): void {
    this.text.focus();
  }

  private schedule(): void {
    this.save.disabled = true;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.lint(), 250);
  }

  private async lint(): Promise<void> {
    const n = ++this.request;
    try {
      const { problems, html } = await reviewApi.lint(
        this.lang.value.trim(),
        this.slug.value.trim(),
        this.text.value,
      );
      if (n !== this.request) return;
      this.showProblems(problems);
      // Sanitised on the server (channels/web/render.ts), as the widget's answers are.
      this.preview.innerHTML = html;
      this.save.disabled = problems.some((p) => p.severity === 'error');
      this.error.textContent = '';
    } catch (err) {
      if (n !== this.request) return;
      this.save.disabled = true;
      this.problems.replaceChildren(el('li', { class: 'lint-error' }, (err as Error).message));
    }
  }

  private showProblems(problems: readonly LintProblem[]): void {
    if (problems.length === 0) {
      this.problems.replaceChildren(el('li', { class: 'lint-ok' }, 'No problems.'));
      return;
    }
    this.problems.replaceChildren(
      ...problems.map((p) =>
        el(
          'li',
          { class: `lint-${p.severity}` },
          `${p.severity === 'error' ? 'Error' : 'Warning'}, line ${p.line}: ${p.message}`,
        ),
      ),
    );
  }

  private async submit(): Promise<void> {
    this.save.disabled = true;
    try {
      const saved = await reviewApi.create(
        this.lang.value.trim(),
        this.slug.value.trim(),
        this.text.value,
        this.draft.groupId,
      );
      this.done(saved);
    } catch (err) {
      this.error.textContent = err instanceof ReviewApiError ? err.message : String(err);
      this.save.disabled = false;
    }
  }

  destroy(): void {
    clearTimeout(this.timer);
  }
}

/** Front matter and answer for a new article from a question (and an agent's answer, when there is one). */
export function newArticleText(question: string, answer: string | undefined): string {
  const quoted = JSON.stringify(question);
  return `---\nid: ${slugOf(question)}\ntitle: ${quoted}\nquestions:\n  - ${quoted}\n---\n${answer ?? ''}\n`;
}

/** A file name from a question: lowercase ASCII words joined by dashes (edit it for other scripts). */
export function slugOf(text: string): string {
  const slug = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug || 'new-article';
}
