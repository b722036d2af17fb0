import { describe, expect, it } from '@jest/globals';
import { canonicalLocale, formattingLocale } from './locale.js';
import { formatWhen } from './format-when.js';

describe('canonicalLocale', () => {
  it('keeps well-formed tags in canonical form, without extensions', () => {
    expect(canonicalLocale('en-GB')).toBe('en-GB');
    expect(canonicalLocale('EN-gb')).toBe('en-GB');
    expect(canonicalLocale('th-TH-u-nu-thai')).toBe('th-TH');
    expect(canonicalLocale('zh-Hant-TW')).toBe('zh-Hant-TW');
  });

  it('refuses what is not a tag', () => {
    for (const bad of ['', 'en_GB', 'x', '123', 'en-', 'a'.repeat(36), 'en-GB; DROP TABLE'])
      expect(canonicalLocale(bad)).toBeNull();
  });
});

describe('formattingLocale', () => {
  it('is the visitor’s own variant of the conversation’s language', () => {
    expect(formattingLocale('en', ['en-GB', 'en'])).toBe('en-GB');
    expect(formattingLocale('en', ['fi-FI', 'en-US'])).toBe('en-US');
    expect(formattingLocale('fi', ['en-GB', 'fi-FI'])).toBe('fi-FI');
  });

  it('is the language itself when the visitor has no locale of it, or only malformed ones', () => {
    expect(formattingLocale('fi', ['en-GB'])).toBe('fi');
    expect(formattingLocale('en', [])).toBe('en');
    expect(formattingLocale('en', ['en_GB', null, undefined, ''])).toBe('en');
  });
});

describe('formatWhen in the visitor’s locale', () => {
  const at = new Date('2026-12-03T09:00:00Z');
  it('writes British and American English each in their own way', () => {
    expect(formatWhen(at, 'en-GB', 'Europe/London')).toBe('Thursday 3 December at 09:00 GMT');
    expect(formatWhen(at, 'en-US', 'America/New_York')).toBe('Thursday, December 3 at 04:00 AM EST');
  });
});
