import { button, el } from './dom.js';
import type { Notices } from './notices.js';
import {
  ReviewApiError,
  reviewApi,
  type MissingTranslation,
  type ReviewGroup,
  type ReviewQuery,
} from './review-api.js';
import { openConversation, shortId } from './review-conversation.js';
import { ArticleEditor, box, newArticleText, slugOf } from './review-editor.js';

const percent = (x: number) => `${Math.round(x * 100)} %`;
const when = (iso: string) => new Date(iso).toLocaleString();
const sourceNames: Readonly<Record<string, string>> = {
  unresolved: 'not answered',
  'none-of-these': 'none of the offered articles picked',
  'not-helpful': 'rated not helpful',
  'agent-answer': 'answered by an agent',
};

function labelled(text: string, control: HTMLSelectElement | HTMLInputElement, id: string): HTMLElement {
  control.id = id;
  return box('span', { class: 'review-filter' }, el('label', { for: id }, text), control);
}

function select(options: ReadonlyArray<[string, string]>, value: string): HTMLSelectElement {
  const node = el('select');
  for (const [v, label] of options) node.append(el('option', { value: v }, label));
  node.value = value;
  return node;
}

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
      this.list.replaceChildren(...groups.map((g) => this.groupItem(g)));
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

  private groupItem(g: ReviewGroup): HTMLElement {
    const item = el('li', { class: 'review-group', 'data-group-id': g.id, 'aria-labelledby': `q-${g.id}` });
    item.append(
      el('h3', { class: 'group-question', id: `q-${g.id}`, dir: 'auto', lang: g.lang }, g.question),
    );
    const sources = Object.entries(g.sources)
      .map(([s, n]) => `${n} ${sourceNames[s] ?? s}`)
      .join(', ');
    item.append(
      el(
        'p',
        { class: 'group-facts' },
        `${g.lang.toUpperCase()} · asked ${g.count}× (${sources}) · first ${when(g.firstSeen)} · last ${when(g.lastSeen)}`,
      ),
    );
    const others = g.examples.filter((e) => e !== g.question);
    if (others.length > 0) {
      const ul = el('ul', { class: 'group-examples', 'aria-label': 'Also asked as' });
      for (const e of others) ul.append(el('li', { dir: 'auto', lang: g.lang }, e));
      item.append(ul);
    }
    item.append(this.conversationLinks(g));
    if (g.top.length > 0) {
      const ol = el('ol', { class: 'group-top', 'aria-label': "The matcher's best articles" });
      for (const t of g.top) ol.append(el('li', {}, `${t.title} (${t.articleId}), ${percent(t.confidence)}`));
      item.append(ol);
    }
    for (const a of g.answers) item.append(el('blockquote', { class: 'group-answer', dir: 'auto' }, a));
    if (g.mark?.status === 'resolved')
      item.append(
        el(
          'p',
          { class: 'group-mark' },
          `Resolved by ${g.mark.by} on ${when(g.mark.at)} (${g.mark.articleId ?? ''})`,
        ),
      );
    if (g.mark?.status === 'dismissed')
      item.append(
        el('p', { class: 'group-mark' }, `Dismissed by ${g.mark.by} on ${when(g.mark.at)}`),
        button('Undo dismiss', () => void this.act(() => reviewApi.undo(g.id), 'Back in the queue.'), {
          class: 'group-undo',
        }),
      );
    if (!g.mark) item.append(this.actions(g));
    return item;
  }

  /** The conversations the group's questions were asked in: each opens its transcript (read-only). */
  private conversationLinks(g: ReviewGroup): HTMLElement {
    const list = el('ul', { class: 'group-conversations', 'aria-labelledby': `c-${g.id}` });
    g.conversations.forEach((id, i) => {
      const link = button(
        `Conversation ${i + 1} (${shortId(id)})`,
        () => openConversation(id, link, this.unauthenticated),
        { class: 'conversation-link', 'data-conversation-id': id, 'aria-haspopup': 'dialog' },
      );
      list.append(box('li', {}, link));
    });
    return box(
      'div',
      { class: 'group-conversations-box' },
      el('span', { id: `c-${g.id}` }, 'Conversations:'),
      list,
    );
  }

  private actions(g: ReviewGroup): HTMLElement {
    const form = el('form', { class: 'group-actions' });
    const question = el('input', {
      type: 'text',
      class: 'add-question',
      value: g.question,
      maxlength: '300',
    });
    const articles = this.articles.get(g.lang) ?? [];
    const top = g.top.map((t) => t.articleId);
    const ordered = [
      ...g.top.map((t) => ({ id: t.articleId, title: t.title })),
      ...articles.filter((a) => !top.includes(a.id)),
    ];
    const article = select(
      ordered.map((a) => [a.id, `${a.title} (${a.id})`]),
      ordered[0]?.id ?? '',
    );
    article.classList.add('add-article');
    form.append(
      labelled('Question to add', question, `add-q-${g.id}`),
      labelled('Article', article, `add-a-${g.id}`),
      el('button', { type: 'submit', class: 'primary add-submit' }, 'Add to article'),
      button(
        'New article',
        () =>
          this.openEditor({
            heading: `New article for "${g.question}"`,
            lang: g.lang,
            slug: slugOf(question.value),
            text: newArticleText(question.value.trim() || g.question, g.answers[0]),
            groupId: g.id,
          }),
        { class: 'group-new' },
      ),
      button('Dismiss', () => void this.act(() => reviewApi.dismiss(g.id), 'Dismissed.'), {
        class: 'group-dismiss',
      }),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.act(
        () => reviewApi.add(g.id, article.value, question.value),
        `Added to ${article.value}. The bot knows it now.`,
      );
    });
    return form;
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

  private openEditor(draft: ConstructorParameters<typeof ArticleEditor>[0]): void {
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
