import type { ChatSuggestion } from '../../channels/web/events.js';
import { el } from './dom.js';
import type { SuggestionSink } from './suggester.js';

/** The row of article chips above the composer: a labelled group of buttons, hidden when empty. */
export class SuggestionRow implements SuggestionSink {
  readonly element: HTMLElement;
  private readonly caption: HTMLElement;
  private readonly chips: HTMLElement;

  constructor(private readonly onPick: (suggestion: ChatSuggestion) => void) {
    this.element = el('div', { class: 'fd-suggest', role: 'group', 'aria-labelledby': 'fd-suggest-label' });
    this.caption = el('span', { class: 'fd-suggest-label', id: 'fd-suggest-label' }, 'Suggested articles');
    this.chips = el('div', { class: 'fd-suggest-chips' });
    this.element.append(this.caption, this.chips);
    this.element.hidden = true;
  }

  setLabel(label: string): void {
    this.caption.textContent = label;
  }

  show(suggestions: readonly ChatSuggestion[]): void {
    this.chips.replaceChildren(
      ...suggestions.map((s) => {
        const chip = el('button', { class: 'fd-chip', type: 'button', title: s.title }, s.title);
        chip.addEventListener('click', () => this.onPick(s));
        return chip;
      }),
    );
    this.element.hidden = suggestions.length === 0;
  }

  clear(): void {
    this.show([]);
  }
}
