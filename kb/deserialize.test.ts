import { describe, expect, it } from '@jest/globals';
import v8 from 'node:v8';
import { deserializeOwned } from './deserialize.js';

describe('deserializeOwned', () => {
  it('gives back the value with typed arrays that do not share the bytes read', () => {
    const value = {
      f: Float32Array.from([1.5, -2, 3]),
      i: new Map([['k', Int32Array.from([7, 8])]]),
      b: Buffer.from('abc'),
      s: 'text',
    };
    const bytes = v8.serialize(value);
    const back = deserializeOwned(bytes) as typeof value;
    expect(back.s).toBe('text');
    expect([...back.f]).toEqual([1.5, -2, 3]);
    expect([...(back.i.get('k') ?? [])]).toEqual([7, 8]);
    expect(Object.prototype.toString.call(back.f)).toBe('[object Float32Array]');
    expect(Buffer.from(back.b).toString()).toBe('abc');
    for (const view of [back.f, back.i.get('k'), back.b]) expect(view?.buffer).not.toBe(bytes.buffer);
    // Overwriting the bytes read changes nothing in the result.
    bytes.fill(0);
    expect([...back.f]).toEqual([1.5, -2, 3]);
  });
});
