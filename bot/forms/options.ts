import type { EnumOption, FormField, Localized } from '../../forms/types.js';
import { asciiDigits } from './digits.js';

/** Text in `lang`, else English, else any language the definition has. */
export function localize(text: Localized, lang: string): string {
  return text[lang] ?? text['en'] ?? Object.values(text)[0] ?? '';
}

/** For comparing typed answers with labels: case, width, accents of Latin letters and punctuation ignored. */
export function comparable(text: string, lang: string): string {
  return asciiDigits(text)
    .normalize('NFKC')
    .toLocaleLowerCase(lang)
    .normalize('NFD')
    .replace(/\p{Script=Latin}\p{M}+/gu, (s) => s.slice(0, 1))
    .normalize('NFC')
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Folded lists already seen, keyed by language and list: the same few translated word lists every turn. */
const foldedLists = new Map<string, readonly string[]>();

/**
 * A `|`-separated word list (a translation such as `handoff.words`), each entry `comparable`. Cached by
 * the list's text, so an edited translation is folded afresh; bounded, since lists come from content.
 */
export function comparableList(list: string, lang: string): readonly string[] {
  const key = `${lang}\u0000${list}`;
  let folded = foldedLists.get(key);
  if (!folded) {
    if (foldedLists.size >= 512) foldedLists.clear();
    folded = list.split('|').map((w) => comparable(w, lang));
    foldedLists.set(key, folded);
  }
  return folded;
}

/**
 * The option a typed answer names: its number in the list (1-based, any script's digits), its label in
 * the visitor's language or any other, or its value.
 */
export function matchOption(field: FormField, text: string, lang: string): EnumOption | null {
  const typed = comparable(text, lang);
  if (/^\d+$/.test(typed)) return field.options[Number(typed) - 1] ?? null;
  for (const option of field.options) {
    const names = [option.value, localize(option.label, lang), ...Object.values(option.label)];
    if (names.some((n) => comparable(n, lang) === typed)) return option;
  }
  return null;
}
