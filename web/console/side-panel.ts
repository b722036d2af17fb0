import type { ChatDetail } from '../../channels/web/agent-events.js';
import { channelName } from './channel.js';
import { el, safeHttpUrl } from './dom.js';

function row(list: HTMLDListElement, term: string, value: Node | string): void {
  const dd = el('dd', { dir: 'auto' });
  dd.append(value);
  list.append(el('dt', {}, term), dd);
}

function section(title: string, ...content: Node[]): HTMLElement {
  const node = el('section', { class: 'side-section' });
  node.append(el('h3', {}, title), ...content);
  return node;
}

/** The page as a link that opens in a new tab (http and https only), or as plain text. */
function pageLink(page: string): Node {
  const href = safeHttpUrl(page);
  if (!href) return document.createTextNode(page);
  return el('a', { href, target: '_blank', rel: 'noopener noreferrer', class: 'page-link' }, page);
}

/** What the console knows about the visitor: language, channel, page, form values, articles tried. */
export function sidePanel(detail: ChatDetail): HTMLElement {
  const aside = el('aside', { class: 'side-panel', 'aria-label': 'Chat details' });
  const about = el('dl', { class: 'facts' });
  row(about, 'Language', detail.lang);
  row(about, 'Channel', channelName(detail.channel));
  row(about, 'Page', detail.page ? pageLink(detail.page) : '—');
  aside.append(section('Visitor', about));

  const entries: ReadonlyArray<readonly [string, string]> =
    detail.fields.length > 0
      ? detail.fields.map((f) => [f.label, f.value] as const)
      : Object.entries(detail.details).map(([key, value]) => [key, String(value)] as const);
  if (entries.length > 0) {
    const values = el('dl', { class: 'facts form-values' });
    for (const [label, value] of entries) row(values, label, value);
    aside.append(section('Form values', values));
  }

  const tried = el('ul', { class: 'articles-tried' });
  for (const a of detail.articlesTried)
    tried.append(el('li', {}, `${a.articleId} ${a.confidence.toFixed(2)}`));
  if (detail.articlesTried.length === 0) tried.append(el('li', { class: 'empty' }, 'None'));
  aside.append(section('Articles the bot tried', tried));
  return aside;
}
