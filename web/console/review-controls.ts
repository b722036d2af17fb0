import { el } from './dom.js';
import { box } from './review-editor.js';

/** A control with its label, as the Review view's filters and forms show them. */
export function labelled(
  text: string,
  control: HTMLSelectElement | HTMLInputElement,
  id: string,
): HTMLElement {
  control.id = id;
  return box('span', { class: 'review-filter' }, el('label', { for: id }, text), control);
}

/** A select with these [value, label] options and this one chosen. */
export function select(options: ReadonlyArray<[string, string]>, value: string): HTMLSelectElement {
  const node = el('select');
  for (const [v, label] of options) node.append(el('option', { value: v }, label));
  node.value = value;
  return node;
}
