import { describe, expect, it } from '@jest/globals';
import {
  beyondMarkdownLimits,
  markdownDelimiters,
  markdownNesting,
  maxMarkdownDelimiters,
  maxMarkdownNesting,
} from './markdown-limits.js';

describe('markdownNesting', () => {
  it('counts the list and quote markers a line starts with, and its indentation when it has one', () => {
    expect(markdownNesting('1. Go to **Account**\n2. Click it')).toEqual({ depth: 1, line: 1 });
    expect(markdownNesting('text\n> - 1. deep')).toEqual({ depth: 3, line: 2 });
    expect(markdownNesting('- a\n  - b\n    - c\n\t\t- d')).toEqual({ depth: 5, line: 4 });
    expect(markdownNesting('+ '.repeat(1000)).depth).toBe(1000);
  });

  it('does not count paragraphs or code, however indented, nor a list marker without its space', () => {
    const code = ['```js', `${' '.repeat(120)}return x;`, '```'].join('\n');
    expect(markdownNesting(code).depth).toBe(0);
    expect(markdownNesting('-1 degrees, 3.5 stars, *emphasis*, +49 30 1234').depth).toBe(0);
  });

  it('is too deep above the limit only', () => {
    const nested = (n: number) => Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}- x`).join('\n');
    expect(beyondMarkdownLimits(nested(maxMarkdownNesting))).toBe(false);
    expect(beyondMarkdownLimits(nested(maxMarkdownNesting + 1))).toBe(true);
  });
});

describe('markdownDelimiters', () => {
  it('counts emphasis, code and link marks, and is beyond the limits above its maximum', () => {
    expect(markdownDelimiters('**bold** _it_ `code` [a](b) <x> plain')).toBe(11);
    expect(beyondMarkdownLimits('a**b'.repeat(maxMarkdownDelimiters / 2))).toBe(false);
    expect(beyondMarkdownLimits('a**b'.repeat(maxMarkdownDelimiters / 2) + '*')).toBe(true);
  });
});
