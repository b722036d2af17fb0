import type { ChatView } from './chat-view.js';
import { el } from './dom.js';

interface Entry {
  readonly view: ChatView;
  readonly tab: HTMLElement;
  readonly button: HTMLButtonElement;
  readonly dot: HTMLElement;
}

let tabIds = 0;

/** Several chats at once: a tab strip above the chat panes, one pane shown at a time. */
export class Tabs {
  readonly element: HTMLElement;
  private readonly strip: HTMLElement;
  private readonly panes: HTMLElement;
  private readonly empty: HTMLElement;
  private readonly entries = new Map<string, Entry>();
  private current: string | null = null;

  constructor(private readonly onChange: (active: string | null) => void) {
    this.element = el('section', { class: 'workspace', 'aria-label': 'Open chats' });
    this.strip = el('div', { class: 'tab-strip', role: 'tablist', 'aria-label': 'Open chats' });
    this.strip.addEventListener('keydown', (e) => this.arrowKeys(e));
    this.panes = el('div', { class: 'panes' });
    this.empty = el('p', { class: 'panes-empty' }, 'Claim a chat from the queue, or open one of your chats.');
    this.panes.append(this.empty);
    this.element.append(this.strip, this.panes);
  }

  get active(): string | null {
    return this.current;
  }

  get(conversationId: string): ChatView | undefined {
    return this.entries.get(conversationId)?.view;
  }

  views(): ChatView[] {
    return [...this.entries.values()].map((e) => e.view);
  }

  add(view: ChatView, label: string): void {
    const n = ++tabIds;
    const tab = el('div', { class: 'tab', role: 'presentation' });
    const tabButton = el('button', {
      type: 'button',
      role: 'tab',
      id: `tab-${n}`,
      class: 'tab-button',
      'aria-controls': `pane-${n}`,
      'aria-selected': 'false',
      tabindex: '-1',
      'data-conversation-id': view.conversationId,
    });
    const text = el('span', { class: 'tab-label', dir: 'auto' }, label);
    const dot = el('span', { class: 'unread-dot', role: 'img', 'aria-label': 'New messages' });
    dot.hidden = true;
    tabButton.append(text, dot);
    tabButton.addEventListener('click', () => this.activate(view.conversationId));
    const close = el(
      'button',
      { type: 'button', class: 'tab-close', 'aria-label': `Close tab ${label}` },
      '×',
    );
    close.addEventListener('click', () => this.close(view.conversationId));
    tab.append(tabButton, close);
    view.element.id = `pane-${n}`;
    view.element.setAttribute('aria-labelledby', `tab-${n}`);
    view.element.hidden = true;
    this.strip.append(tab);
    this.panes.append(view.element);
    this.entries.set(view.conversationId, { view, tab, button: tabButton, dot });
    this.empty.hidden = true;
  }

  activate(conversationId: string): void {
    if (!this.entries.has(conversationId)) return;
    this.current = conversationId;
    for (const [id, entry] of this.entries) {
      const on = id === conversationId;
      entry.button.setAttribute('aria-selected', String(on));
      entry.button.tabIndex = on ? 0 : -1;
      entry.tab.classList.toggle('is-active', on);
      entry.view.element.hidden = !on;
      if (on) entry.dot.hidden = true;
    }
    this.entries.get(conversationId)?.view.focus();
    this.onChange(conversationId);
  }

  setUnread(conversationId: string, unread: boolean): void {
    const entry = this.entries.get(conversationId);
    if (entry) entry.dot.hidden = !unread;
  }

  /** Removes the tab (the chat itself stays the agent's unless released); shows a neighbour. */
  close(conversationId: string): void {
    const entry = this.entries.get(conversationId);
    if (!entry) return;
    const ids = [...this.entries.keys()];
    const index = ids.indexOf(conversationId);
    entry.view.destroy();
    entry.tab.remove();
    entry.view.element.remove();
    this.entries.delete(conversationId);
    if (this.current !== conversationId) return;
    this.current = null;
    const next = ids[index + 1] ?? ids[index - 1];
    if (next && next !== conversationId) this.activate(next);
    else {
      this.empty.hidden = false;
      this.onChange(null);
    }
  }

  /** Left and right arrows move between tabs (the WAI-ARIA tabs pattern). */
  private arrowKeys(e: KeyboardEvent): void {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    const ids = [...this.entries.keys()];
    if (ids.length === 0 || !this.current) return;
    const step = e.key === 'ArrowRight' ? 1 : -1;
    const next = ids[(ids.indexOf(this.current) + step + ids.length) % ids.length];
    if (!next) return;
    e.preventDefault();
    this.activate(next);
    this.entries.get(next)?.button.focus();
  }
}
