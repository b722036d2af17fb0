import type { FieldValue, FormDefinition } from '../../forms/types.js';
import { findEmails, findPhones } from './contact.js';
import { searchPattern } from './parse-value.js';

/**
 * Values a visitor already gave in free text ("My order 48213 never arrived, I'm jane@example.com"):
 * emails (validator.js), phone numbers (libphonenumber-js, the language's country for numbers without
 * +prefix) and regex fields (the one whole-word match). A field is filled only when exactly one value of
 * its kind is found, and each found value fills one field; the summary shows them for confirmation.
 */
export function prefill(form: FormDefinition, text: string, lang: string): Record<string, FieldValue> {
  const values: Record<string, FieldValue> = {};
  const used = new Set<string>();
  const take = (name: string, found: readonly string[]) => {
    const free = found.filter((v) => !used.has(v));
    if (free.length === 1 && free[0] !== undefined) {
      values[name] = free[0];
      used.add(free[0]);
    }
  };
  for (const field of form.fields) {
    if (field.type === 'email') take(field.name, findEmails(text));
    else if (field.type === 'phone') take(field.name, findPhones(text, lang, field.country));
  }
  // Regex fields last: an order number must not be a piece of a phone number already taken.
  const rest = Object.values(values).join(' ');
  for (const field of form.fields) {
    if (field.type !== 'regex' || !field.pattern) continue;
    const found = searchPattern(field.pattern, text);
    if (found && !rest.includes(found)) take(field.name, [found]);
  }
  return values;
}
