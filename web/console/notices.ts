import { el } from './dom.js';

/** Short notices in a polite live region (bottom corner); each goes away after a few seconds. */
export class Notices {
  readonly element: HTMLElement;

  constructor() {
    this.element = el('div', { class: 'notices', role: 'status', 'aria-live': 'polite' });
  }

  show(text: string, kind: 'info' | 'error' = 'info', ms = 5000): void {
    const node = el('div', { class: `notice notice-${kind}` }, text);
    this.element.append(node);
    setTimeout(() => node.remove(), ms);
  }
}
