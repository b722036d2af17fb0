import { describe, expect, it } from '@jest/globals';
import { AppError } from '../common/errors.js';
import { checkVisitorText } from './validate.js';

const codeOf = (f: () => unknown): string | null => {
  try {
    f();
    return null;
  } catch (err) {
    return err instanceof AppError ? err.id : 'other';
  }
};

describe('checkVisitorText', () => {
  it('trims', () => expect(checkVisitorText('  hello \n', 10)).toBe('hello'));
  it('rejects empty and whitespace-only text', () => {
    expect(codeOf(() => checkVisitorText('', 10))).toBe('MESSAGE_EMPTY');
    expect(codeOf(() => checkVisitorText(' \t\n\u3000 ', 10))).toBe('MESSAGE_EMPTY');
  });
  it('counts characters, not UTF-16 units, against the limit', () => {
    expect(checkVisitorText('😀'.repeat(10), 10)).toHaveLength(20);
    expect(codeOf(() => checkVisitorText('😀'.repeat(11), 10))).toBe('MESSAGE_TOO_LONG');
    expect(codeOf(() => checkVisitorText('a'.repeat(2001), 2000))).toBe('MESSAGE_TOO_LONG');
    expect(checkVisitorText('a'.repeat(2000), 2000)).toHaveLength(2000);
  });
  it('rejects text made only of invisible characters', () => {
    for (const t of [
      '\u200B\u200C\u200D',
      '\u2060\uFEFF',
      '\u202E\u2066\u2069',
      '\u200E\u200F\u061C',
      '\u3164\u115F\u1160\uFFA0',
      '\u2800 \u034F\uFE0F',
      '\u0000\u0007\u001B\u0085',
      ' \u00A0\u2028\u2029\u00AD ',
    ])
      expect(codeOf(() => checkVisitorText(t, 10))).toBe('MESSAGE_EMPTY');
  });
  it('removes bidi overrides, embeddings, isolates and control characters', () => {
    expect(checkVisitorText('invoice \u202Egnp.exe\u202C paid', 100)).toBe('invoice gnp.exe paid');
    expect(checkVisitorText('\u2067abc\u2069 \u202Ax\u202B\u202Dy', 100)).toBe('abc xy');
    expect(checkVisitorText('a\u0000b\u0007c\u001B[31md\u007F\u0085\u009Be', 100)).toBe('abc[31mde');
    expect(checkVisitorText('line 1\r\nline 2\tend', 100)).toBe('line 1\nline 2\tend');
  });
  it('keeps legitimate text of every script unchanged', () => {
    for (const t of [
      'مرحبا، أحتاج مساعدة في طلبي رقم 42',
      'My order \u200Fرقم الطلب\u200F is late',
      'שלום, order #17 ‏הגיע‎ today',
      'Привет! 你好 こんにちは 안녕하세요',
      'family 👨‍👩‍👧 and flag 🏳️‍🌈 and keycap 1️⃣',
      'नमस्ते क्‍ष',
      'tab\tand\nnewline',
    ])
      expect(checkVisitorText(t, 200)).toBe(t);
  });
});
