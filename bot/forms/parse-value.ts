import type { FieldValue, FormField } from '../../forms/types.js';
import { asciiDigits, findNumbers } from './digits.js';
import { findEmails, parsePhone, phoneCountry } from './contact.js';
import { parseDate } from './dates.js';
import { matchOption } from './options.js';
import { fieldRegex } from '../../forms/pattern.js';

/** Why an answer was refused; each has a localised message (`form.invalid.<reason>`). */
export type InvalidReason = 'invalid' | 'tooShort' | 'tooLow' | 'tooHigh' | 'notInteger' | 'noCountry';

export type ParsedValue =
  | { readonly ok: true; readonly value: FieldValue; readonly capped?: boolean }
  | { readonly ok: false; readonly reason: InvalidReason };

const bad = (reason: InvalidReason): ParsedValue => ({ ok: false, reason });

function parseNumber(field: FormField, text: string, lang: string): ParsedValue {
  const numbers = [...new Set(findNumbers(text, lang))];
  if (numbers.length !== 1) return bad('invalid');
  const n = numbers[0] ?? 0;
  if (field.type === 'integer' && !Number.isInteger(n)) return bad('notInteger');
  if (field.min !== undefined && n < field.min) return bad('tooLow');
  if (field.max !== undefined && n > field.max) return bad('tooHigh');
  return { ok: true, value: n };
}

/** Searches free text for the pattern (unanchored, whole words only): the one match, or null. */
export function searchPattern(pattern: string, text: string): string | null {
  let re: RegExp;
  try {
    re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${pattern})(?![\\p{L}\\p{N}])`, 'gu');
  } catch {
    return null;
  }
  const hits = [...new Set([...asciiDigits(text).matchAll(re)].map((m) => m[0]))];
  return hits.length === 1 ? (hits[0] ?? null) : null;
}

/**
 * Reads a visitor's answer to one field, in their language: the whole message is the answer, though a
 * sentence around it is allowed where the value is unmistakable ("it's jane@example.com", "order 48213").
 */
/** `locale`: the visitor's own (BCP 47, e.g. "en-US"), for the order of numeric dates; default `lang`. */
export function parseValue(
  field: FormField,
  input: string,
  lang: string,
  today?: Date,
  locale: string = lang,
): ParsedValue {
  const text = input.trim();
  if (text === '') return bad('invalid');
  switch (field.type) {
    case 'text': {
      if (field.minLength !== undefined && [...text].length < field.minLength) return bad('tooShort');
      const chars = [...text];
      return chars.length > field.maxLength
        ? { ok: true, value: chars.slice(0, field.maxLength).join(''), capped: true }
        : { ok: true, value: text };
    }
    case 'email': {
      const emails = findEmails(text);
      return emails.length === 1 && emails[0] ? { ok: true, value: emails[0] } : bad('invalid');
    }
    case 'phone': {
      const phone = parsePhone(text, lang, field.country);
      if (phone) return { ok: true, value: phone };
      return !phoneCountry(lang, field.country) && !/^\s*(\+|00)/.test(asciiDigits(text))
        ? bad('noCountry')
        : bad('invalid');
    }
    case 'number':
    case 'integer':
      return parseNumber(field, text, lang);
    case 'date': {
      const date = parseDate(text, lang, today, locale);
      return date ? { ok: true, value: date } : bad('invalid');
    }
    case 'enum': {
      const option = matchOption(field, text, lang);
      return option ? { ok: true, value: option.value } : bad('invalid');
    }
    case 'regex': {
      const pattern = field.pattern ?? '.*';
      const whole = asciiDigits(text);
      if (field.maxLength !== undefined && [...whole].length > field.maxLength) return bad('invalid');
      if (fieldRegex(pattern)?.test(whole)) return { ok: true, value: whole };
      const found = searchPattern(pattern, text);
      return found ? { ok: true, value: found } : bad('invalid');
    }
  }
}
