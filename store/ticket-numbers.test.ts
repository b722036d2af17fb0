import { describe, expect, it } from '@jest/globals';
import { numberTaken } from './mongo/tickets.js';
import { insertWithNextNumber, type CounterNumbering } from './ticket-numbers.js';

/** The counter-and-tickets pair in memory, with MongoDB's duplicate-key error on a taken number. */
function memory(existing: readonly string[], counter: number | null) {
  const state = { counter, numbers: new Set(existing), nextCalls: 0 };
  const n: CounterNumbering<string> = {
    async next() {
      state.nextCalls++;
      state.counter = (state.counter ?? 0) + 1;
      return state.counter;
    },
    async insert(number) {
      if (state.numbers.has(number))
        throw Object.assign(new Error(`E11000 duplicate key error collection: fd.tickets index: number_1`), {
          code: 11000,
          keyPattern: { number: 1 },
        });
      state.numbers.add(number);
      return number;
    },
    isTaken: numberTaken,
    async highestSeq() {
      return Math.max(0, ...[...state.numbers].map((x) => Number(x.slice(3))));
    },
    async raiseTo(c) {
      state.counter = Math.max(state.counter ?? 0, c);
    },
  };
  return { n, state };
}

describe('ticket numbers from a counter', () => {
  it('take the next number', async () => {
    const { n, state } = memory([], null);
    expect(await insertWithNextNumber(n)).toBe('FD-10001');
    expect(await insertWithNextNumber(n)).toBe('FD-10002');
    expect(state.counter).toBe(2);
  });

  it('continue after the highest ticket when the counter document is missing (a partial restore)', async () => {
    const { n, state } = memory(['FD-10001', 'FD-10002', 'FD-10417'], null);
    expect(await insertWithNextNumber(n)).toBe('FD-10418');
    expect(state.nextCalls).toBe(2); // one collision, then straight after the highest
    expect(await insertWithNextNumber(n)).toBe('FD-10419');
    expect(state.nextCalls).toBe(3);
  });

  it('continue after the highest ticket when the counter is behind (an import)', async () => {
    const { n } = memory(['FD-10003', 'FD-10050'], 2);
    expect(await insertWithNextNumber(n)).toBe('FD-10051');
  });

  it('pass other errors on, without touching the counter', async () => {
    const { n, state } = memory([], 0);
    const failing = { ...n, insert: () => Promise.reject(new Error('validation failed')) };
    await expect(insertWithNextNumber(failing)).rejects.toThrow('validation failed');
    expect(state.counter).toBe(1);
  });

  it('recognise only a duplicate number as taken', () => {
    expect(numberTaken({ code: 11000, keyPattern: { number: 1 } })).toBe(true);
    expect(
      numberTaken(new Error('E11000 duplicate key error collection: fd.tickets index: number_1 dup key')),
    ).toBe(false); // no code
    expect(
      numberTaken(
        Object.assign(new Error('E11000 … index: number_1 dup key: { number: "FD-10001" }'), { code: 11000 }),
      ),
    ).toBe(true);
    expect(numberTaken({ code: 11000, keyPattern: { _id: 1 } })).toBe(false);
    expect(numberTaken({ code: 121 })).toBe(false);
    expect(numberTaken(null)).toBe(false);
  });
});
