import type { VisitorHandoffStatus } from '../../channels/web/events.js';
import { handoffPostbacks } from '../../channels/web/events.js';
import { el } from './dom.js';

type Translate = (key: string, fallback: string, vars?: Record<string, string | number>) => string;

/**
 * Who is answering, always visible under the header: "Talk to a person" while the bot answers; the
 * place in the queue and the wait, or the agent's name, with "Back to the assistant" otherwise. Also the
 * agent's typing indicator.
 */
export class HandoffBar {
  readonly element: HTMLElement;
  readonly typingElement: HTMLElement;
  private readonly text: HTMLElement;
  private readonly button: HTMLButtonElement;
  private status: VisitorHandoffStatus = { state: 'bot', position: null, etaMinutes: null, agentName: null };
  private t: Translate = (_k, fallback) => fallback;

  constructor(private readonly onAction: (label: string, postback: string) => void) {
    this.text = el('span', { class: 'fd-handoff-text', role: 'status' });
    this.button = el('button', { class: 'fd-handoff-button', type: 'button' });
    this.button.addEventListener('click', () => {
      const toPerson = this.status.state === 'bot';
      this.onAction(
        this.button.textContent ?? '',
        toPerson ? handoffPostbacks.request : handoffPostbacks.cancel,
      );
    });
    this.element = el('div', { class: 'fd-handoff', 'data-state': 'bot' });
    this.element.append(this.text, this.button);
    this.typingElement = el('div', { class: 'fd-typing', 'aria-live': 'polite' });
    this.typingElement.hidden = true;
  }

  get state(): VisitorHandoffStatus['state'] {
    return this.status.state;
  }

  setTranslator(t: Translate): void {
    this.t = t;
    this.render();
  }

  set(status: VisitorHandoffStatus): void {
    this.status = status;
    if (status.state !== 'agent') this.setTyping(false);
    this.render();
  }

  setTyping(typing: boolean): void {
    this.typingElement.hidden = !typing;
    this.typingElement.textContent = typing
      ? this.t('agentTyping', '{{name}} is typing…', { name: this.status.agentName ?? '' })
      : '';
  }

  private render(): void {
    const s = this.status;
    this.element.setAttribute('data-state', s.state);
    if (s.state === 'bot') {
      this.text.textContent = '';
      this.button.textContent = this.t('talkToPerson', 'Talk to a person');
      return;
    }
    this.text.textContent =
      s.state === 'queued'
        ? this.t('queued', 'Waiting for a person', { position: s.position ?? 1, minutes: s.etaMinutes ?? 1 })
        : this.t('withAgent', 'Chatting with {{name}}', { name: s.agentName ?? '' });
    this.button.textContent = this.t('backToBot', 'Back to the assistant');
  }
}
