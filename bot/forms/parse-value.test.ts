import { describe, expect, it } from '@jest/globals';
import type { FormField } from '../../forms/types.js';
import { parseValue } from './parse-value.js';
import { asciiDigits, findNumbers } from './digits.js';
import { parseDate, formatDate } from './dates.js';

const field = (type: FormField['type'], extra: Partial<FormField> = {}): FormField => ({
  name: 'f',
  type,
  required: true,
  sensitive: false,
  label: { en: 'F' },
  prompt: { en: 'F?' },
  hint: {},
  maxLength: type === 'text' ? 20 : 200,
  options: [],
  ...extra,
});
const today = new Date(Date.UTC(2026, 10, 22));
const value = (f: FormField, text: string, lang = 'en') => parseValue(f, text, lang, today);

describe('digits of every script', () => {
  it('turns Arabic-Indic, Persian and Thai digits into ASCII, with the Arabic decimal separator', () => {
    expect(asciiDigits('٤٨٢١٣ ۱۲ ๔๘ ٣٫٥')).toBe('48213 12 48 3.5');
  });
  it('reads numbers the way each language writes them', () => {
    expect(findNumbers('1 500,5 ja 3', 'fi')).toEqual([1500.5, 3]);
    expect(findNumbers('1.500 tl', 'tr')).toEqual([1500]);
    expect(findNumbers('1,500.5 or 1,5', 'en')).toEqual([1500.5, 1.5]);
    expect(findNumbers('order 48213 and 2 items', 'en')).toEqual([48213, 2]);
  });
});

describe('parseValue by field type', () => {
  it('text: trims, enforces minLength, caps at maxLength and says so', () => {
    expect(value(field('text'), '  a lamp  ')).toEqual({ ok: true, value: 'a lamp' });
    expect(value(field('text', { minLength: 5 }), 'abc')).toEqual({ ok: false, reason: 'tooShort' });
    expect(value(field('text'), 'x'.repeat(50))).toEqual({ ok: true, value: 'x'.repeat(20), capped: true });
    expect(value(field('text'), '   ')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('email: a valid address, alone or in a sentence; not two, not a broken one', () => {
    expect(value(field('email'), 'Jane@Example.COM')).toEqual({ ok: true, value: 'Jane@example.com' });
    expect(value(field('email'), "it's jane@example.com thanks")).toEqual({
      ok: true,
      value: 'jane@example.com',
    });
    expect(value(field('email'), 'jane@example')).toEqual({ ok: false, reason: 'invalid' });
    expect(value(field('email'), 'a@example.com or b@example.com').ok).toBe(false);
    expect(value(field('email'), 'jane at example dot com').ok).toBe(false);
    expect(value(field('email'), 'أحمد@example.com', 'ar')).toEqual({ ok: true, value: 'أحمد@example.com' });
  });

  it('phone: E.164 by the language’s country, or asks for the country code', () => {
    expect(value(field('phone'), '040 123 4567', 'fi')).toEqual({ ok: true, value: '+358401234567' });
    expect(value(field('phone'), '0532 123 45 67', 'tr')).toEqual({ ok: true, value: '+905321234567' });
    expect(value(field('phone'), '081 234 5678', 'th')).toEqual({ ok: true, value: '+66812345678' });
    expect(value(field('phone'), '+971 50 123 4567', 'ar')).toEqual({ ok: true, value: '+971501234567' });
    expect(value(field('phone'), '٠٥٠١٢٣٤٥٦٧', 'ar')).toEqual({ ok: false, reason: 'noCountry' });
    expect(value(field('phone', { country: 'AE' }), '٠٥٠١٢٣٤٥٦٧', 'ar')).toEqual({
      ok: true,
      value: '+971501234567',
    });
    expect(value(field('phone'), '12', 'fi')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('number and integer: any script, the language’s separators, ranges', () => {
    expect(value(field('number'), '2,5', 'fi')).toEqual({ ok: true, value: 2.5 });
    expect(value(field('number'), '٣٫٥', 'ar')).toEqual({ ok: true, value: 3.5 });
    expect(value(field('integer'), '๑๒', 'th')).toEqual({ ok: true, value: 12 });
    expect(value(field('integer'), '2.5')).toEqual({ ok: false, reason: 'notInteger' });
    expect(value(field('integer', { min: 1, max: 10 }), '0')).toEqual({ ok: false, reason: 'tooLow' });
    expect(value(field('integer', { min: 1, max: 10 }), '11')).toEqual({ ok: false, reason: 'tooHigh' });
    expect(value(field('number'), 'many')).toEqual({ ok: false, reason: 'invalid' });
    expect(value(field('number'), '3 or 4')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('enum: the number in the list, the label in any language, or the value', () => {
    const f = field('enum', {
      options: [
        { value: 'damaged', label: { en: 'Damaged item', fi: 'Vaurioitunut tuote', ar: 'منتج تالف' } },
        { value: 'wrong', label: { en: 'Wrong item', fi: 'Väärä tuote', ar: 'منتج خاطئ' } },
      ],
    });
    expect(value(f, '2')).toEqual({ ok: true, value: 'wrong' });
    expect(value(f, '٢', 'ar')).toEqual({ ok: true, value: 'wrong' });
    expect(value(f, 'vaurioitunut tuote!', 'fi')).toEqual({ ok: true, value: 'damaged' });
    expect(value(f, 'منتج خاطئ', 'ar')).toEqual({ ok: true, value: 'wrong' });
    expect(value(f, 'WRONG')).toEqual({ ok: true, value: 'wrong' });
    expect(value(f, '3')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('regex: the whole answer, or the one match in a sentence, in any script’s digits', () => {
    const f = field('regex', { pattern: '\\d{5,8}' });
    expect(value(f, '48213')).toEqual({ ok: true, value: '48213' });
    expect(value(f, 'it is order 48213')).toEqual({ ok: true, value: '48213' });
    expect(value(f, '٤٨٢١٣', 'ar')).toEqual({ ok: true, value: '48213' });
    expect(value(f, '1234')).toEqual({ ok: false, reason: 'invalid' });
    expect(value(f, '48213 or 48214')).toEqual({ ok: false, reason: 'invalid' });
  });
});

describe('dates in the visitor’s language', () => {
  const cases: Array<[string, string, string]> = [
    ['en', '2026-03-12', '2026-03-12'],
    ['en', '12 March 2026', '2026-03-12'],
    ['en', 'March 12, 2026', '2026-03-12'],
    ['en', '12/03/2026', '2026-03-12'],
    ['en', 'yesterday', '2026-11-21'],
    ['fi', '12.3.2026', '2026-03-12'],
    ['fi', '12.3.', '2026-03-12'],
    ['fi', '12. maaliskuuta 2026', '2026-03-12'],
    ['fi', 'eilen', '2026-11-21'],
    ['et', '12. märts 2026', '2026-03-12'],
    ['et', 'täna', '2026-11-22'],
    ['tr', '12 Mart 2026', '2026-03-12'],
    ['tr', 'dün', '2026-11-21'],
    ['ar', '١٢ مارس ٢٠٢٦', '2026-03-12'],
    ['ar', '12 آذار 2026', '2026-03-12'],
    ['ar', '١٢/٣/٢٠٢٦', '2026-03-12'],
    ['th', '12 มีนาคม 2569', '2026-03-12'],
    ['th', '๑๒/๐๓/๒๕๖๙', '2026-03-12'],
    ['th', 'เมื่อวาน', '2026-11-21'],
  ];
  it.each(cases)('%s: "%s" is %s', (lang, text, expected) => {
    expect(parseDate(text, lang, today)).toBe(expected);
  });
  it('refuses days that do not exist and text that is not a date', () => {
    expect(parseDate('31.2.2026', 'fi', today)).toBeNull();
    expect(parseDate('someday', 'en', today)).toBeNull();
    expect(parseDate('13/13/2026', 'en', today)).toBeNull();
  });
  it('formats dates in full in the visitor’s language', () => {
    expect(formatDate('2026-03-12', 'en')).toBe('March 12, 2026');
    expect(formatDate('2026-03-12', 'fi')).toBe('12. maaliskuuta 2026');
    expect(formatDate('2026-03-12', 'en-GB')).toBe('12 March 2026');
    expect(formatDate('2026-03-12', 'en-US')).toBe('March 12, 2026');
  });
  it('reads slashed dates month first only for a visitor whose own locale writes them so (en-US)', () => {
    expect(parseDate('3/12/2026', 'en', today, 'en-US')).toBe('2026-03-12');
    expect(parseDate('12/3', 'en', today, 'en-US')).toBe('2026-12-03');
    expect(parseDate('3/12/2026', 'en', today, 'en-GB')).toBe('2026-12-03');
    expect(parseDate('3/12/2026', 'en', today)).toBe('2026-12-03');
    expect(parseDate('3.12.2026', 'en', today, 'en-US')).toBe('2026-12-03');
    expect(parseDate('13/3/2026', 'en', today, 'en-US')).toBeNull();
    expect(parseDate('3/12/2026', 'en', today, 'en-CA')).toBe('2026-12-03');
  });
});

describe('values shown back', () => {
  it('escape Markdown and HTML a visitor typed, so a value never becomes a link or markup', async () => {
    const { escapeMarkdown } = await import('./render.js');
    expect(escapeMarkdown('<img src=x onerror=alert(1)> [x](javascript:alert(1)) **b**')).toBe(
      '\\<img src=x onerror=alert(1)\\> \\[x\\](javascript:alert(1)) \\*\\*b\\*\\*',
    );
  });
});
