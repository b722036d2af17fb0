import type { ChatChoice, ChatMessage, ChatSuggestion } from '../../channels/web/events.js';
import { chatIcon, el } from './dom.js';
import { LanguageMenu, directionOf } from './language-menu.js';
import { widgetCss } from './styles.js';
import { SuggestionRow } from './suggestions.js';
import { HandoffBar } from './handoff-bar.js';
import { UnreadBadge } from './unread.js';

export interface ViewHandlers {
  onSend(text: string): void;
  onChoice(choice: ChatChoice): void;
  /** The visitor picked a language in the menu. */
  onLanguage(code: string, name: string): void;
  /** The visitor changed the composer's text. */
  onInput(text: string): void;
  onSuggestion(suggestion: ChatSuggestion): void;
  /** "Talk to a person" or "Back to the assistant". */
  onHandoff(label: string, postback: string): void;
  /** The visitor asked for the messages before the cursor (the button, or scrolling to the top). */
  onLoadOlder(before: number): void;
}

/** The widget's DOM inside a shadow root: launcher, panel, message log and composer. */
export class WidgetView {
  readonly host: HTMLElement;
  private readonly panel: HTMLElement;
  private readonly log: HTMLElement;
  private readonly status: HTMLElement;
  private readonly input: HTMLTextAreaElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly launcher: HTMLButtonElement;
  private readonly title: HTMLElement;
  private readonly subtitle: HTMLElement;
  /** Suggested articles for what is being typed, above the composer. */
  readonly suggestions: SuggestionRow;
  private strings: Record<string, string> = {};
  /** The language the widget is shown in. */
  lang = 'en';
  readonly languageMenu: LanguageMenu;
  readonly handoff: HandoffBar;
  /** New messages while the panel was closed, on the launcher. */
  readonly unread: UnreadBadge;
  /** The fixed-position wrapper; `fd-open` while the panel is shown (full screen on narrow viewports). */
  private readonly root: HTMLElement;
  /** "Load older messages", first in the log while the server has older ones. */
  private readonly olderButton: HTMLButtonElement;
  private olderCursor: number | null = null;
  private loadingOlder = false;

  constructor(handlers: ViewHandlers, open: boolean) {
    this.host = el('div', { id: 'frontdesk-widget' });
    const root = this.host.attachShadow({ mode: 'open' });
    root.append(el('style', {}, widgetCss));
    const wrap = el('div', { class: 'fd-root' });
    this.panel = el('section', { class: 'fd-panel', role: 'dialog', 'aria-label': 'Chat' });
    // A div, not <header>: the host page has its own banner landmark, the widget must not add a second.
    const header = el('div', { class: 'fd-header' });
    const titles = el('div', { class: 'fd-titles' });
    this.title = el('h2', {}, 'Help');
    this.subtitle = el('p');
    titles.append(this.title, this.subtitle);
    const close = el('button', { class: 'fd-close', type: 'button', 'aria-label': 'Close chat' }, '×');
    close.addEventListener('click', () => this.setOpen(false));
    this.languageMenu = new LanguageMenu((code, name) => handlers.onLanguage(code, name));
    header.append(titles, this.languageMenu.element, close);
    this.status = el('div', { class: 'fd-status', role: 'status' });
    this.status.hidden = true;
    // Focusable: the log scrolls, and keyboard users must be able to scroll it.
    this.log = el('div', { class: 'fd-log', role: 'log', 'aria-live': 'polite', tabindex: '0' });
    const form = el('form', { class: 'fd-form' });
    this.input = el('textarea', { class: 'fd-input', rows: '1', name: 'message', 'aria-label': 'Message' });
    this.sendButton = el('button', { class: 'fd-send', type: 'submit' }, 'Send');
    form.append(this.input, this.sendButton);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      handlers.onSend(this.input.value);
    });
    this.input.addEventListener('input', () => handlers.onInput(this.input.value));
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey) {
        e.preventDefault();
        handlers.onSend(this.input.value);
      }
    });
    this.suggestions = new SuggestionRow((suggestion) => {
      handlers.onSuggestion(suggestion);
      this.input.focus();
    });
    this.handoff = new HandoffBar((label, postback) => handlers.onHandoff(label, postback));
    this.panel.append(
      header,
      this.handoff.element,
      this.status,
      this.log,
      this.handoff.typingElement,
      this.suggestions.element,
      form,
    );
    this.launcher = el('button', { class: 'fd-launcher', type: 'button', 'aria-label': 'Open chat' });
    this.unread = new UnreadBadge((count) => this.t('unread', 'New messages: {{count}}', { count }));
    this.launcher.append(chatIcon(), this.unread.element);
    this.launcher.addEventListener('click', () => this.setOpen(this.panel.hidden));
    // Escape closes the chat and gives the focus back to the launcher (the dialog pattern).
    this.panel.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      e.preventDefault();
      this.setOpen(false);
      this.launcher.focus();
    });
    this.root = wrap;
    wrap.append(this.panel, this.launcher);
    root.append(wrap);
    this.onChoice = handlers.onChoice;
    this.onLoadOlder = handlers.onLoadOlder;
    this.olderButton = el('button', { class: 'fd-older', type: 'button' }, 'Load older messages');
    this.olderButton.addEventListener('click', () => this.loadOlder());
    this.log.addEventListener('scroll', () => {
      if (this.log.scrollTop === 0) this.loadOlder();
    });
    this.setOpen(open);
  }

  private readonly onChoice: (choice: ChatChoice) => void;
  private readonly onLoadOlder: (before: number) => void;

  t(key: string, fallback: string, vars: Record<string, string | number> = {}): string {
    const template = this.strings[key] ?? fallback;
    return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(vars[name] ?? ''));
  }

  /** Shows the widget in `lang`: its strings, `lang` and `dir` (right to left for Arabic). */
  setStrings(strings: Record<string, string>, lang: string): void {
    this.strings = strings;
    this.lang = lang;
    this.panel.setAttribute('lang', lang);
    this.panel.setAttribute('dir', directionOf(lang));
    this.languageMenu.select(lang);
    this.title.textContent = this.t('title', 'Help');
    this.subtitle.textContent = this.t('subtitle', '');
    this.input.placeholder = this.t('placeholder', 'Type your question…');
    this.sendButton.textContent = this.t('send', 'Send');
    this.suggestions.setLabel(this.t('suggestions', 'Suggested articles'));
    this.handoff.setTranslator((key, fallback, vars) => this.t(key, fallback, vars));
    this.unread.setLabel((count) => this.t('unread', 'New messages: {{count}}', { count }));
  }

  setOpen(open: boolean): void {
    this.panel.hidden = !open;
    this.root.classList.toggle('fd-open', open);
    this.launcher.setAttribute('aria-expanded', String(open));
    if (open) {
      this.input.focus();
      this.unread.allSeen();
    }
  }

  get isOpen(): boolean {
    return !this.panel.hidden;
  }

  setStatus(text: string | null): void {
    this.status.hidden = text === null;
    this.status.textContent = text ?? '';
  }

  clearInput(): void {
    this.input.value = '';
  }

  clear(): void {
    this.log.replaceChildren();
  }

  /** Shows "Load older messages" while there are older messages (their cursor), else hides it. */
  setOlder(cursor: number | null): void {
    this.olderCursor = cursor;
    this.loadingOlder = false;
    this.olderButton.textContent = this.t('older', 'Load older messages');
    if (cursor === null) this.olderButton.remove();
    else if (this.log.firstChild !== this.olderButton) this.log.prepend(this.olderButton);
  }

  /** Older messages (oldest first) above those shown; what the visitor was looking at stays in place. */
  prependMessages(messages: readonly ChatMessage[]): void {
    const fromBottom = this.log.scrollHeight - this.log.scrollTop;
    const nodes = messages.filter((m) => !this.has(m.id)).map((m) => this.messageNode(m, false));
    const anchor = this.olderButton.isConnected ? this.olderButton.nextSibling : this.log.firstChild;
    for (const node of nodes) this.log.insertBefore(node, anchor);
    this.log.scrollTop = this.log.scrollHeight - fromBottom;
  }

  private loadOlder(): void {
    if (this.olderCursor === null || this.loadingOlder) return;
    this.loadingOlder = true;
    this.onLoadOlder(this.olderCursor);
  }

  /** A message's bubble; an agent's carries their name (as text) above what they wrote. */
  private messageNode(
    m: Pick<ChatMessage, 'role' | 'text' | 'html' | 'id'> & {
      lang?: string | null;
      agentName?: string | null;
    },
    pending: boolean,
  ): HTMLElement {
    const node = el('div', {
      class: `fd-msg fd-${m.role}${pending ? ' fd-pending' : ''}`,
      'data-id': m.id,
      dir: 'auto',
      ...(m.lang ? { lang: m.lang } : {}),
    });
    const author = m.role === 'agent' && m.agentName ? m.agentName : null;
    const body = author ? el('div', { class: 'fd-body' }) : node;
    if (m.html !== null && m.role !== 'visitor') body.innerHTML = m.html;
    else body.textContent = m.text;
    if (author) node.append(el('div', { class: 'fd-author' }, author), body);
    return node;
  }

  /**
   * Adds a message; bot and agent HTML comes sanitised from the server, visitor text stays text. An agent's
   * bubble carries their name (as text) above what they wrote, so it does not read as the bot's.
   */
  addMessage(
    m: Pick<ChatMessage, 'role' | 'text' | 'html' | 'choices' | 'id'> & {
      lang?: string | null;
      agentName?: string | null;
    },
    pending = false,
  ): HTMLElement {
    const node = this.messageNode(m, pending);
    this.log.querySelector('.fd-choices')?.remove();
    this.log.append(node);
    if (m.choices.length > 0) {
      const list = el('div', { class: 'fd-choices' });
      for (const choice of m.choices) {
        const button = el('button', { class: 'fd-choice', type: 'button' }, choice.label);
        button.addEventListener('click', () => this.onChoice(choice));
        list.append(button);
      }
      this.log.append(list);
    }
    this.log.scrollTop = this.log.scrollHeight;
    return node;
  }

  markDelivered(clientId: string, messageId: string): void {
    const node = this.log.querySelector<HTMLElement>(`[data-id="${CSS.escape(clientId)}"]`);
    node?.classList.remove('fd-pending');
    node?.setAttribute('data-id', messageId);
  }

  has(id: string): boolean {
    return this.log.querySelector(`[data-id="${CSS.escape(id)}"]`) !== null;
  }

  notice(text: string): void {
    const node = el('div', { class: 'fd-error', role: 'alert' }, text);
    this.log.append(node);
    this.log.scrollTop = this.log.scrollHeight;
    setTimeout(() => node.remove(), 6000);
  }
}
