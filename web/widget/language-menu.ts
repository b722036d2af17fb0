import { el } from './dom.js';

/** Languages written right to left. */
const rtl = new Set(['ar', 'he', 'fa', 'ur']);

export function directionOf(lang: string): 'rtl' | 'ltr' {
  return rtl.has(lang) ? 'rtl' : 'ltr';
}

/** The language menu in the widget's header: the KB's languages by their own names. */
export class LanguageMenu {
  readonly element: HTMLSelectElement;

  constructor(onPick: (code: string, name: string) => void) {
    this.element = el('select', { class: 'fd-lang', 'aria-label': 'Language' });
    this.element.hidden = true;
    this.element.addEventListener('change', () => {
      const option = this.element.selectedOptions[0];
      if (option) onPick(option.value, option.textContent ?? option.value);
    });
  }

  set(languages: ReadonlyArray<{ code: string; name: string }>, current: string, label: string): void {
    this.element.replaceChildren(
      ...languages.map((l) => el('option', { value: l.code, lang: l.code }, l.name)),
    );
    this.element.value = current;
    this.element.hidden = languages.length < 2;
    this.element.setAttribute('aria-label', label);
  }

  select(code: string): void {
    this.element.value = code;
  }
}
