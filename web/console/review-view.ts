import { button, el } from './dom.js';
import type { Notices } from './notices.js';
import { ReviewApiError, reviewApi, type MissingTranslation, type ReviewQuery } from './review-api.js';
import { labelled, select } from './review-controls.js';
import { ArticleEditor, box, type EditorDraft } from './review-editor.js';
import { reviewGroupItem, type GroupContext } from './review-group.js';

/**
 * The admins' Review view: what the bot could not answer (and answers rated not helpful, and agents'
 * answers after a handoff), near-duplicates grouped, per language, newest or most frequent first. Each
 * group can be added to an article (the question, editable, goes into its Markdown file), turned into a new
 * article, or dismissed (and brought back). Missing translations open the editor pre-filled from the source.
 */
export class ReviewView {
  readonly element: HTMLElement;
  private readonly query: ReviewQuery = { lang: '', status: 'open', sort: 'newest' };
  private readonly langSelect: HTMLSelectElement;
  private readonly status: HTMLElement;
  private readonly list: HTMLElement;
  private readonly translations: HTMLElement;
  private readonly editorSlot: HTMLElement;
  private editor: ArticleEditor | null = null;
  private readonly articles = new Map<string, Array<{ id: string; title: string }>>();
  private request = 0;
  private readonly groupContext: GroupContext = {
    articles: (lang) => this.articles.get(lang) ?? [],
    act: (run, done) => this.act(run, done),
    openEditor: (draft) => this.openEditor(draft),
    unauthenticated: () => this.unauthenticated(),
  };

  constructor(
    private readonly notices: Notices,
    private readonly unauthenticated: () => void,
  ) {
    this.element = el('section', { class: 'review-view', 'aria-labelledby': 'review-title' });
    this.langSelect = select([['', 'All languages']], '');
    const statusSelect = select(
      [
        ['open', 'To review'],
        ['dismissed', 'Dismissed'],
        ['resolved', 'Resolved'],
      ],
      'open',
    );
    const sortSelect = select(
      [
        ['newest', 'Newest first'],
        ['frequent', 'Most frequent first'],
      ],
      'newest',
    );
    this.langSelect.addEventListener('change', () => {
      this.query.lang = this.langSelect.value;
      void this.load();
    });
    statusSelect.addEventListener('change', () => {
      this.query.status = statusSelect.value as ReviewQuery['status'];
      void this.load();
    });
    sortSelect.addEventListener('change', () => {
      this.query.sort = sortSelect.value as ReviewQuery['sort'];
      void this.load();
    });
    const filters = box(
      'div',
      { class: 'review-filters' },
      labelled('Language', this.langSelect, 'review-lang'),
      labelled('Show', statusSelect, 'review-status'),
      labelled('Order', sortSelect, 'review-sort'),
      button('Refresh', () => void this.load(), { id: 'review-refresh' }),
    );
    this.status = el('p', { class: 'review-count', role: 'status' });
    this.list = el('ul', { class: 'review-groups', 'aria-label': 'Questions to review' });
    this.translations = el('section', {
      class: 'review-translations',
      'aria-labelledby': 'translations-title',
    });
    this.editorSlot = el('div', { class: 'review-editor-slot' });
    this.element.append(
      el('h2', { id: 'review-title' }, 'Review'),
      filters,
      this.status,
      this.editorSlot,
      this.list,
      this.translations,
    );
  }

  show(): void {
    this.element.hidden = false;
    void this.load();
  }

  hide(): void {
    this.element.hidden = true;
  }

  destroy(): void {
    this.editor?.destroy();
  }

  private failed(err: unknown, what: string): void {
    if (err instanceof ReviewApiError && err.status === 401) return this.unauthenticated();
    this.notices.show(`${what}: ${err instanceof Error ? err.message : String(err)}`, 'error', 8000);
  }

  private async load(): Promise<void> {
    const n = ++this.request;
    this.status.textContent = 'Loading…';
    try {
      const [{ groups, languages }, missing] = await Promise.all([
        reviewApi.groups(this.query),
        reviewApi.translations(),
      ]);
      if (n !== this.request) return;
      this.setLanguages(languages);
      for (const lang of new Set(groups.map((g) => g.lang)))
        if (!this.articles.has(lang)) this.articles.set(lang, await reviewApi.articles(lang));
      if (n !== this.request) return;
      this.status.textContent =
        groups.length === 0 ? 'Nothing here.' : `${groups.length} group${groups.length === 1 ? '' : 's'}`;
      this.list.replaceChildren(...groups.map((g) => reviewGroupItem(g, this.groupContext)));
      this.renderTranslations(missing);
    } catch (err) {
      if (n !== this.request) return;
      this.status.textContent = 'Could not load the review queue.';
      this.failed(err, 'Could not load the review queue');
    }
  }

  private setLanguages(languages: readonly string[]): void {
    const have = [...this.langSelect.options].map((o) => o.value);
    for (const lang of languages)
      if (!have.includes(lang)) this.langSelect.append(el('option', { value: lang }, lang.toUpperCase()));
  }

  private async act(run: () => Promise<unknown>, done: string): Promise<void> {
    try {
      await run();
      this.notices.show(done);
      await this.load();
    } catch (err) {
      this.failed(err, 'That did not work');
    }
  }

  private renderTranslations(missing: readonly MissingTranslation[]): void {
    this.translations.replaceChildren(el('h3', { id: 'translations-title' }, 'Missing translations'));
    if (missing.length === 0) {
      this.translations.append(
        el('p', {}, 'None: every article visitors asked for exists in their language.'),
      );
      return;
    }
    const ul = el('ul', { class: 'translation-list' });
    for (const m of missing) {
      const li = el('li', { class: 'translation-item', 'data-article-id': m.articleId, 'data-lang': m.lang });
      li.append(
        el(
          'span',
          {},
          `${m.articleId}: missing in ${m.lang.toUpperCase()} (asked ${m.requests}×), from ${m.from.toUpperCase()} `,
        ),
        button('Translate', () => void this.translate(m), {
          class: 'translate',
          'aria-label': `Translate ${m.articleId} into ${m.lang}`,
        }),
      );
      ul.append(li);
    }
    this.translations.append(ul);
  }

  private async translate(m: MissingTranslation): Promise<void> {
    try {
      const t = await reviewApi.template(m.articleId, m.lang);
      this.openEditor({
        heading: `Translate ${m.articleId} from ${t.from.toUpperCase()} into ${m.lang.toUpperCase()}`,
        lang: m.lang,
        slug: t.slug,
        text: t.text,
        groupId: null,
      });
    } catch (err) {
      this.failed(err, 'Could not open the translation');
    }
  }

  private openEditor(draft: EditorDraft): void {
    this.editor?.destroy();
    this.editor = new ArticleEditor(draft, (saved) => {
      this.editor?.destroy();
      this.editor = null;
      this.editorSlot.replaceChildren();
      if (saved) {
        this.notices.show(`Saved ${saved.file}. The bot knows it now.`);
        void this.load();
      }
    });
    this.editorSlot.replaceChildren(this.editor.element);
    this.editor.focus();
  }
}
