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
});
