import type { ConsoleMessage } from '../../channels/web/agent-events.js';
import { undeliveredText } from './channel.js';
import { clock, el } from './dom.js';

const labels: Record<ConsoleMessage['role'], string> = {
  visitor: 'Visitor',
  bot: 'Bot',
  agent: 'Agent',
  system: 'System',
};

/** The label above a message: who wrote it; notes say so loudly. */
function labelOf(m: ConsoleMessage): string {
  if (m.internal) return 'Internal note';
  if (m.role === 'agent' && m.agentName) return m.agentName;
  return labels[m.role];
}

/**
 * One message. Only the server's sanitised `html` of bot and agent replies goes in as HTML. A message the
 * visitor's channel did not take carries a failure marker with the channel's reason.
 */
export function messageElement(m: ConsoleMessage, lang: string, channel = 'web'): HTMLElement {
  const kind = m.internal ? 'note' : m.role;
  const node = el('article', {
    class: `msg msg-${kind}`,
    lang,
    'data-id': m.id,
    'data-seq': String(m.seq),
  });
  const meta = el('div', { class: 'msg-meta' });
  meta.append(el('span', { class: 'msg-label' }, labelOf(m)));
  if (m.internal && m.agentName) meta.append(el('span', { class: 'msg-author' }, m.agentName));
  meta.append(el('time', { datetime: m.createdAt }, clock(m.createdAt)));
  if (m.articleId)
    meta.append(
      el(
        'span',
        { class: 'msg-article' },
        m.confidence === null ? m.articleId : `${m.articleId} ${m.confidence.toFixed(2)}`,
      ),
    );
  const body = el('div', { class: 'msg-text', dir: 'auto' });
  const trusted = !m.internal && (m.role === 'bot' || m.role === 'agent') && m.html !== null;
  if (trusted && m.html !== null) body.innerHTML = m.html;
  else body.textContent = m.text;
  node.append(meta, body);
  if (m.choices.length > 0) {
    const choices = el('ul', { class: 'msg-choices', 'aria-label': 'Choices offered' });
    for (const c of m.choices) choices.append(el('li', { dir: 'auto' }, c.label));
    node.append(choices);
  }
  if (m.delivery?.status === 'failed') {
    node.classList.add('is-undelivered');
    node.append(
      el(
        'p',
        { class: 'msg-delivery msg-delivery-failed', role: 'alert' },
        undeliveredText(channel, m.delivery.reason),
      ),
    );
  }
  return node;
}

/** What of a message's delivery the console shows ('' when nothing was tried). */
const deliveryKey = (m: ConsoleMessage): string =>
  m.delivery ? `${m.delivery.status}:${m.delivery.at}` : '';

/**
 * The message log of one chat: each message once (by id), in `seq` order; a message shown again with a
 * delivery outcome it did not have (a failure reported after it was sent) is re-rendered in place.
 */
export class Transcript {
  readonly element: HTMLElement;
  private readonly seen = new Set<string>();
  private readonly deliveries = new Map<string, string>();

  constructor(
    public lang: string,
    private readonly channel = 'web',
  ) {
    this.element = el('div', { class: 'transcript', role: 'log', 'aria-live': 'polite', tabindex: '0' });
  }

  has(id: string): boolean {
    return this.seen.has(id);
  }

  /** Remembers an id (a sent message's client id) so an echo under that id is not shown again. */
  markSeen(id: string): void {
    this.seen.add(id);
  }

  /** Adds the message unless it is already shown; true when it was new. */
  add(m: ConsoleMessage): boolean {
    if (this.seen.has(m.id)) {
      this.update(m);
      return false;
    }
    this.seen.add(m.id);
    this.deliveries.set(m.id, deliveryKey(m));
    const log = this.element;
    const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
    const node = messageElement(m, this.lang, this.channel);
    let next: Element | null = null;
    for (let child = log.lastElementChild; child; child = child.previousElementSibling) {
      if (Number(child.getAttribute('data-seq')) > m.seq) next = child;
      else break;
    }
    log.insertBefore(node, next);
    if (atBottom || m.role === 'agent') log.scrollTop = log.scrollHeight;
    return true;
  }

  /** A shown message whose delivery outcome is new (never erased by an older copy without one). */
  private update(m: ConsoleMessage): void {
    const key = deliveryKey(m);
    if (key === '' || this.deliveries.get(m.id) === key) return;
    const old = [...this.element.children].find((child) => child.getAttribute('data-id') === m.id);
    if (!old) return;
    this.deliveries.set(m.id, key);
    old.replaceWith(messageElement(m, this.lang, this.channel));
  }
}
