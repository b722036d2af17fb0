import type { CannedReply } from '../../channels/web/agent-events.js';
import { CannedMenu } from './canned.js';
import { el } from './dom.js';

export interface ComposerHandlers {
  /** Sends a reply (or an internal note); resolves false when it was refused and the text should stay. */
  send(text: string, asNote: boolean): Promise<boolean>;
  /** The agent started (true) or stopped (false) typing a reply. */
  typing(typing: boolean): void;
  canned(query: string): Promise<readonly CannedReply[]>;
}

/** How long after the last keystroke the agent counts as no longer typing. */
const typingIdleMs = 2000;
let composers = 0;

/**
 * The reply box: Enter sends, Shift+Enter is a new line, "Note" switches to internal notes, and "/" at the
 * start opens the canned replies.
 */
export class Composer {
  readonly element: HTMLFormElement;
  private readonly input: HTMLTextAreaElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly noteToggle: HTMLButtonElement;
  private readonly menu: CannedMenu;
  private asNote = false;
  private typing = false;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private cannedTimer: ReturnType<typeof setTimeout> | undefined;
  private cannedRequest = 0;

  constructor(private readonly handlers: ComposerHandlers) {
    const n = ++composers;
    this.element = el('form', { class: 'composer' });
    const label = el('label', { for: `composer-${n}`, class: 'visually-hidden' }, 'Reply to the visitor');
    this.input = el('textarea', {
      id: `composer-${n}`,
      class: 'composer-input',
      name: 'message',
      rows: '3',
      placeholder: 'Write a reply… (“/” for canned replies)',
      'aria-describedby': `composer-hint-${n}`,
    });
    const hint = el(
      'p',
      { id: `composer-hint-${n}`, class: 'composer-hint' },
      'Enter sends · Shift+Enter new line · “/” at the start for canned replies',
    );
    this.menu = new CannedMenu(this.input, (reply) => this.pick(reply));
    this.noteToggle = el('button', { type: 'button', class: 'note-toggle', 'aria-pressed': 'false' }, 'Note');
    this.noteToggle.title = 'Write an internal note (agents only)';
    this.noteToggle.addEventListener('click', () => this.setNote(!this.asNote));
    this.sendButton = el('button', { type: 'submit', class: 'send primary' }, 'Send');
    const buttons = el('div', { class: 'composer-buttons' });
    buttons.append(this.noteToggle, this.sendButton);
    this.element.append(label, this.menu.element, this.input, buttons, hint);

    this.element.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.send();
    });
    this.input.addEventListener('keydown', (e) => this.keydown(e));
    this.input.addEventListener('input', () => this.changed());
    this.input.addEventListener('blur', () => this.menu.close());
  }

  focus(): void {
    this.input.focus();
  }

  /** Stops the typing signal (the chat is closing). */
  destroy(): void {
    this.stopTyping();
    clearTimeout(this.cannedTimer);
  }

  setNote(asNote: boolean): void {
    this.asNote = asNote;
    this.noteToggle.setAttribute('aria-pressed', String(asNote));
    this.element.classList.toggle('is-note', asNote);
    this.sendButton.textContent = asNote ? 'Add note' : 'Send';
    this.input.placeholder = asNote
      ? 'Internal note — only agents see it'
      : 'Write a reply… (“/” for canned replies)';
    if (asNote) this.stopTyping();
    this.input.focus();
  }

  private keydown(e: KeyboardEvent): void {
    if (e.isComposing) return; // an IME is composing (Thai, Chinese…): Enter confirms the candidate
    if (this.menu.isOpen) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        this.menu.move(e.key === 'ArrowDown' ? 1 : -1);
        return;
      }
      if ((e.key === 'Enter' && !e.shiftKey) || e.key === 'Tab') {
        if (this.menu.pickActive()) {
          e.preventDefault();
          return;
        }
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        this.menu.close();
        return;
      }
    }
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      void this.send();
    }
  }

  private changed(): void {
    const value = this.input.value;
    if (!this.asNote && value.trim() !== '') {
      if (!this.typing) this.handlers.typing(true);
      this.typing = true;
      clearTimeout(this.typingTimer);
      this.typingTimer = setTimeout(() => this.stopTyping(), typingIdleMs);
    } else if (value === '') this.stopTyping();
    this.updateCanned(value);
  }

  /** "/query" alone on the first line asks the server for matching replies (debounced). */
  private updateCanned(value: string): void {
    clearTimeout(this.cannedTimer);
    if (!value.startsWith('/') || value.includes('\n')) {
      this.cannedRequest++;
      this.menu.close();
      return;
    }
    const query = value.slice(1).trim();
    const request = ++this.cannedRequest;
    this.cannedTimer = setTimeout(() => {
      this.handlers.canned(query).then(
        (items) => {
          if (request === this.cannedRequest && this.input.value.startsWith('/'))
            this.menu.show(items, query);
        },
        () => {
          if (request === this.cannedRequest) this.menu.close();
        },
      );
    }, 150);
  }

  /** The picked reply replaces the "/query". */
  private pick(reply: CannedReply): void {
    this.cannedRequest++;
    this.menu.close();
    this.input.value = reply.body;
    this.input.focus();
    this.input.setSelectionRange(reply.body.length, reply.body.length);
    this.changed();
  }

  private stopTyping(): void {
    clearTimeout(this.typingTimer);
    if (this.typing) this.handlers.typing(false);
    this.typing = false;
  }

  private async send(): Promise<void> {
    const text = this.input.value.trim();
    if (text === '') return;
    this.stopTyping();
    this.menu.close();
    this.input.value = '';
    const accepted = await this.handlers.send(text, this.asNote);
    if (!accepted && this.input.value === '') this.input.value = text;
  }
}
