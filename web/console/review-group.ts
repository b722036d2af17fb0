import { button, el } from './dom.js';
import type { ReviewGroupView } from '../../review/group-view.js';
import { reviewApi } from './review-api.js';
import { labelled, select } from './review-controls.js';
import { openConversation, shortId } from './review-conversation.js';
import { box, newArticleText, slugOf, type EditorDraft } from './review-editor.js';

const percent = (x: number) => `${Math.round(x * 100)} %`;
const when = (iso: string) => new Date(iso).toLocaleString();
const sourceNames: Readonly<Record<string, string>> = {
  unresolved: 'not answered',
  'none-of-these': 'none of the offered articles picked',
  'not-helpful': 'rated not helpful',
  'agent-answer': 'answered by an agent',
};

/** What a group's item needs of the Review view. */
export interface GroupContext {
  /** The articles of a language, to add a question to. */
  articles(lang: string): ReadonlyArray<{ id: string; title: string }>;
  /** Runs an action, tells `done` and reloads the queue (or tells the failure). */
  act(run: () => Promise<unknown>, done: string): Promise<void>;
  openEditor(draft: EditorDraft): void;
  /** The session is gone: back to the login. */
  unauthenticated(): void;
}

/**
 * One review group: its question, facts, other phrasings, conversations, the matcher's best articles and
 * agents' answers; an open group has its actions (add to an article, new article, dismiss), a dismissed one
 * can be brought back.
 */
export function reviewGroupItem(g: ReviewGroupView, ctx: GroupContext): HTMLElement {
  const item = el('li', { class: 'review-group', 'data-group-id': g.id, 'aria-labelledby': `q-${g.id}` });
  item.append(el('h3', { class: 'group-question', id: `q-${g.id}`, dir: 'auto', lang: g.lang }, g.question));
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
  item.append(conversationLinks(g, ctx.unauthenticated));
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
      button('Undo dismiss', () => void ctx.act(() => reviewApi.undo(g.id), 'Back in the queue.'), {
        class: 'group-undo',
      }),
    );
  if (!g.mark) item.append(actions(g, ctx));
  return item;
}

/** The conversations the group's questions were asked in: each opens its transcript (read-only). */
function conversationLinks(g: ReviewGroupView, unauthenticated: () => void): HTMLElement {
  const list = el('ul', { class: 'group-conversations', 'aria-labelledby': `c-${g.id}` });
  g.conversations.forEach((id, i) => {
    const link = button(
      `Conversation ${i + 1} (${shortId(id)})`,
      () => openConversation(id, link, unauthenticated),
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

function actions(g: ReviewGroupView, ctx: GroupContext): HTMLElement {
  const form = el('form', { class: 'group-actions' });
  const question = el('input', {
    type: 'text',
    class: 'add-question',
    value: g.question,
    maxlength: '300',
  });
  const articles = ctx.articles(g.lang);
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
        ctx.openEditor({
          heading: `New article for "${g.question}"`,
          lang: g.lang,
          slug: slugOf(question.value),
          text: newArticleText(question.value.trim() || g.question, g.answers[0]),
          groupId: g.id,
        }),
      { class: 'group-new' },
    ),
    button('Dismiss', () => void ctx.act(() => reviewApi.dismiss(g.id), 'Dismissed.'), {
      class: 'group-dismiss',
    }),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void ctx.act(
      () => reviewApi.add(g.id, article.value, question.value),
      `Added to ${article.value}. The bot knows it now.`,
    );
  });
  return form;
}
