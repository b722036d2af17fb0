import type { FieldValue, FormDefinition, FormField } from '../../forms/types.js';
import { formatDate } from './dates.js';
import { localize } from './options.js';

/** Backslash-escapes Markdown syntax so a visitor's value is shown as typed, never as a link or markup. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]#!|<>~]/g, '\\$&');
}

/** A sensitive value as shown back: only its last characters (••••4567). */
export function mask(value: FieldValue): string {
  const s = String(value);
  return `••••${s.length > 6 ? s.slice(-4) : ''}`;
}

/**
 * A value as the visitor reads it: the enum label in `lang`, the date in full and numbers in their
 * `locale` (BCP 47, e.g. "en-GB": "3 December 2026"; default: `lang`).
 */
export function displayValue(
  field: FormField,
  value: FieldValue,
  lang: string,
  locale: string = lang,
): string {
  if (field.sensitive) return mask(value);
  if (field.type === 'enum') {
    const option = field.options.find((o) => o.value === value);
    return option ? localize(option.label, lang) : String(value);
  }
  if (field.type === 'date' && typeof value === 'string') return formatDate(value, locale);
  if (typeof value === 'number') return new Intl.NumberFormat(locale).format(value);
  return String(value);
}

/** The collected values for a `form-done` event and logs: sensitive ones masked. */
export function maskedValues(
  form: FormDefinition,
  values: Readonly<Record<string, FieldValue>>,
): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const field of form.fields) {
    const v = values[field.name];
    if (v !== undefined) out[field.name] = field.sensitive ? mask(v) : v;
  }
  return out;
}

/**
 * Fills `{{name}}` placeholders of an answer with the collected values (escaped, as the visitor reads
 * them); a placeholder without a value becomes empty.
 */
export function interpolate(
  body: string,
  form: FormDefinition,
  values: Readonly<Record<string, FieldValue>>,
  lang: string,
  locale: string = lang,
): string {
  return body.replace(/\{\{\s*([A-Za-z_][\w]*)\s*\}\}/g, (_, name: string) => {
    const field = form.fields.find((f) => f.name === name);
    const value = values[name];
    return field && value !== undefined ? escapeMarkdown(displayValue(field, value, lang, locale)) : '';
  });
}

/** Values collected on a conversation as agents see them: a field any form marks sensitive is masked. */
export function maskDetails(
  forms: readonly FormDefinition[],
  details: Readonly<Record<string, FieldValue>>,
): Record<string, FieldValue> {
  const sensitive = new Set(forms.flatMap((f) => f.fields.filter((x) => x.sensitive).map((x) => x.name)));
  return Object.fromEntries(Object.entries(details).map(([k, v]) => [k, sensitive.has(k) ? mask(v) : v]));
}
