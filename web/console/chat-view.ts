import type { ChatDetail, ConsoleMessage } from '../../channels/web/agent-events.js';
import { channelBadge } from './channel.js';
import { Composer } from './composer.js';
import { button, el, newClientId } from './dom.js';
import type { Notices } from './notices.js';
import { sidePanel } from './side-panel.js';
import { RequestError, type ConsoleSocket } from './socket.js';
import { Transcript } from './transcript.js';

export interface ChatActions {
  transfer(view: ChatView): void;
  resolve(view: ChatView): void;
  spam(view: ChatView): void;
}

/** How long "Visitor is typing…" stays without news (a lost "stopped" event must not leave it on). */
const typingShownMs = 15_000;

/** One open chat: header with actions, transcript, visitor details and the composer. */
export class ChatView {
  readonly element: HTMLElement;
  readonly conversationId: string;
  lang: string;
  private readonly transcript: Transcript;
  private readonly composer: Composer;
  private readonly typingLine: HTMLElement;
  private readonly title: HTMLElement;
  private side: HTMLElement;
  /** Replies sent but not acknowledged, by client id; sent again (same id) after a reconnect. */
  private readonly outbox = new Map<string, string>();
  private typingTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    detail: ChatDetail,
    private readonly socket: ConsoleSocket,
    private readonly notices: Notices,
    actions: ChatActions,
  ) {
    this.conversationId = detail.conversationId;
    this.lang = detail.lang;
    this.element = el('section', { class: 'chat-pane', role: 'tabpanel' });
    const bar = el('div', { class: 'chat-bar' });
    this.title = el('h2', { class: 'chat-title' });
    const transfer = button('Transfer', () => actions.transfer(this), { class: 'transfer' });
    const resolve = button('Resolve', () => actions.resolve(this), { class: 'resolve' });
    const spam = button('Spam', () => actions.spam(this), { class: 'spam' });
    bar.append(this.title, transfer, resolve, spam);

    this.transcript = new Transcript(detail.lang, detail.channel);
    this.typingLine = el('p', { class: 'typing-indicator', role: 'status' });
    this.composer = new Composer({
      send: (text, asNote) => (asNote ? this.sendNote(text) : this.sendReply(text)),
      typing: (typing) => this.socket.typing(this.conversationId, typing),
      canned: (query) => this.socket.canned(this.lang, query),
    });
    const conversation = el('div', { class: 'chat-main' });
    conversation.append(this.transcript.element, this.typingLine, this.composer.element);
    this.side = sidePanel(detail);
    const body = el('div', { class: 'chat-body' });
    body.append(conversation, this.side);
    this.element.append(bar, body);
    this.apply(detail);
  }

  /** Takes a fresh ChatDetail (first open, or again after a reconnect): adds what is missing. */
  apply(detail: ChatDetail): void {
    this.lang = detail.lang;
    this.transcript.lang = detail.lang;
    this.title.replaceChildren(
      document.createTextNode(`Chat · ${detail.lang.toUpperCase()} `),
      channelBadge(detail.channel),
    );
    const side = sidePanel(detail);
    this.side.replaceWith(side);
    this.side = side;
    for (const m of detail.messages) this.addMessage(m);
  }

  /** True when the message was new here. */
  addMessage(m: ConsoleMessage): boolean {
    this.outbox.delete(m.id);
    const added = this.transcript.add(m);
    if (added && m.role === 'visitor') this.visitorTyping(false);
    return added;
  }

  visitorTyping(typing: boolean): void {
    clearTimeout(this.typingTimer);
    this.typingLine.textContent = typing ? 'Visitor is typing…' : '';
    if (typing) this.typingTimer = setTimeout(() => this.visitorTyping(false), typingShownMs);
  }

  focus(): void {
    this.composer.focus();
  }

  /** After a reconnect: unacknowledged replies go again under their ids (the server stores them once). */
  resend(): void {
    for (const [id, text] of this.outbox) void this.transmit(id, text);
  }

  destroy(): void {
    clearTimeout(this.typingTimer);
    this.composer.destroy();
  }

  private async sendReply(text: string): Promise<boolean> {
    const id = newClientId();
    this.outbox.set(id, text);
    return this.transmit(id, text);
  }

  private async transmit(id: string, text: string): Promise<boolean> {
    try {
      const message = await this.socket.send(this.conversationId, id, text);
      this.outbox.delete(id);
      this.transcript.markSeen(id);
      this.transcript.add(message);
      return true;
    } catch (err) {
      if (err instanceof RequestError && err.code === 'TIMEOUT') {
        this.notices.show(
          'Your reply is not confirmed yet; it will be sent again when the connection is back.',
        );
        return true;
      }
      this.outbox.delete(id);
      this.notices.show(`Not sent: ${messageOf(err)}`, 'error');
      return false;
    }
  }

  private async sendNote(text: string): Promise<boolean> {
    try {
      this.transcript.add(await this.socket.note(this.conversationId, text));
      return true;
    } catch (err) {
      this.notices.show(`Note not saved: ${messageOf(err)}`, 'error');
      return false;
    }
  }
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : 'Something went wrong.';
}
