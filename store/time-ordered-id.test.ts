import { describe, expect, it } from '@jest/globals';
import { timeOrderedId } from './time-ordered-id.js';

describe('timeOrderedId (UUID version 7)', () => {
  it('is a version 7, RFC variant UUID that carries the time', () => {
    const id = timeOrderedId(Date.UTC(2026, 11, 4, 12, 0, 0, 5));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.UTC(2026, 11, 4, 12, 0, 0, 5));
  });

  it('sorts by time and does not repeat', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => timeOrderedId(1_800_000_000_000 + Math.floor(i / 10)));
    expect(new Set(ids).size).toBe(ids.length);
    const firstOfEachMs = ids.filter((_, i) => i % 10 === 0);
    expect([...firstOfEachMs].sort()).toEqual(firstOfEachMs);
  });
});
