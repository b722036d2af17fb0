import { describe, expect, it } from '@jest/globals';
import { featurize } from './features.js';

describe('featurize', () => {
  it('adds 4- and 6-letter word prefixes in Finnish, Estonian and Turkish only', () => {
    const fi = featurize('vaihdettua tuotetta', 'fi');
    expect(fi.get('p:vaih')).toBe(1);
    expect(fi.get('p:vaihde')).toBe(1);
    expect(fi.get('p:tuot')).toBe(1);
    expect(fi.get('p:tuotet')).toBe(1);
    expect(featurize('siparişimi iptal', 'tr').get('p:sipari')).toBe(1);
    const en = featurize('exchanged products', 'en');
    expect([...en.keys()].some((k) => k.startsWith('p:'))).toBe(false);
  });

  it('gives a word no longer than the prefix no prefix feature', () => {
    const keys = [...featurize('kuka auto', 'fi').keys()];
    expect(keys.filter((k) => k.startsWith('p:'))).toEqual([]);
  });
});
