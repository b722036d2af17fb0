import type { CannedReply } from '../../channels/web/agent-events.js';
import { el } from './dom.js';

let menus = 0;

/**
 * The canned-reply list under a composer (a listbox driven from the textarea with
 * aria-activedescendant): the composer feeds it the replies and moves through them with the keyboard.
 */
export class CannedMenu {
  readonly element: HTMLUListElement;
  readonly id: string;
  private items: readonly CannedReply[] = [];
  private index = 0;

  constructor(
    private readonly input: HTMLTextAreaElement,
    private readonly onPick: (reply: CannedReply) => void,
  ) {
    this.id = `canned-${++menus}`;
    this.element = el('ul', {
      id: this.id,
      class: 'canned',
      role: 'listbox',
      'aria-label': 'Canned replies',
    });
    this.element.hidden = true;
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-controls', this.id);
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  show(items: readonly CannedReply[], query: string): void {
    this.items = items;
    this.index = 0;
    if (items.length === 0) {
      const text = query ? `No canned replies match “${query}”.` : 'No canned replies.';
      this.element.replaceChildren(el('li', { class: 'canned-empty', role: 'presentation' }, text));
    } else {
      this.element.replaceChildren(...items.map((reply, i) => this.option(reply, i)));
    }
    this.element.hidden = false;
    this.highlight();
  }

  close(): void {
    this.element.hidden = true;
    this.items = [];
    this.input.removeAttribute('aria-activedescendant');
  }

  move(delta: number): void {
    if (this.items.length === 0) return;
    this.index = (this.index + delta + this.items.length) % this.items.length;
    this.highlight();
  }

  /** Picks the highlighted reply; false when there is none. */
  pickActive(): boolean {
    const reply = this.items[this.index];
    if (!reply) return false;
    this.onPick(reply);
    return true;
  }

  private option(reply: CannedReply, i: number): HTMLLIElement {
    const li = el('li', {
      id: `${this.id}-${i}`,
      class: 'canned-option',
      role: 'option',
      'aria-selected': 'false',
    });
    li.append(
      el('span', { class: 'canned-title', dir: 'auto' }, reply.title),
      el('span', { class: 'canned-body', dir: 'auto' }, reply.body.slice(0, 120)),
    );
    // mousedown would move focus out of the textarea before the click lands
    li.addEventListener('mousedown', (e) => e.preventDefault());
    li.addEventListener('click', () => this.onPick(reply));
    return li;
  }

  private highlight(): void {
    const options = this.element.querySelectorAll<HTMLElement>('[role="option"]');
    options.forEach((option, i) => option.setAttribute('aria-selected', String(i === this.index)));
    const active = options[this.index];
    if (active) {
      this.input.setAttribute('aria-activedescendant', active.id);
      active.scrollIntoView({ block: 'nearest' });
    } else this.input.removeAttribute('aria-activedescendant');
  }
}
