import { describe, expect, it } from '@jest/globals';
import v8 from 'node:v8';
import { GramTable } from './gram-table.js';
import { ngrams } from './ngram-model.js';

describe('GramTable (strings to their positions, in flat arrays)', () => {
  const strings = [...new Set(ngrams('where is my order? missä mun paketti on أين طلبي พัสดุของฉัน'))];
  const table = GramTable.build(strings);

  it('finds every string at its position and nothing else', () => {
    expect(table.size).toBe(strings.length);
    strings.forEach((s, i) => expect(table.indexOf(s)).toBe(i));
    for (const absent of ['', 'zz', ' wher', 'ordex', 'ö', '\u0000']) expect(table.indexOf(absent)).toBe(-1);
  });

  it('tells apart strings that are prefixes of one another', () => {
    const t = GramTable.build(['a', 'ab', 'abc', 'b']);
    expect([t.indexOf('a'), t.indexOf('ab'), t.indexOf('abc'), t.indexOf('b'), t.indexOf('bc')]).toEqual([
      0, 1, 2, 3, -1,
    ]);
  });

  it('works again after a structured clone (the model cache)', () => {
    const back = GramTable.revive(v8.deserialize(v8.serialize(table)) as object);
    strings.forEach((s, i) => expect(back.indexOf(s)).toBe(i));
    expect(back.indexOf('nope')).toBe(-1);
  });

  it('is empty when built from nothing', () => {
    const empty = GramTable.build([]);
    expect(empty.size).toBe(0);
    expect(empty.indexOf('a')).toBe(-1);
  });
});
