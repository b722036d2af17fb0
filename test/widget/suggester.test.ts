import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { ChatSuggestion } from '../../channels/web/events.js';
import { Suggester, suggestDelayMs } from '../../web/widget/suggester.js';

const s = (articleId: string): ChatSuggestion => ({ articleId, title: `Title ${articleId}` });

/** A fetch whose answers the test releases one by one, in any order. */
function controlledFetch() {
  const requests: Array<{ text: string; answer(list: readonly ChatSuggestion[] | null): void }> = [];
  const fetch = (text: string) =>
    new Promise<readonly ChatSuggestion[] | null>((resolve) => requests.push({ text, answer: resolve }));
  return { requests, fetch };
}

function sink() {
  const shown: Array<readonly string[]> = [];
  return {
    shown,
    current: () => shown[shown.length - 1] ?? [],
    show: (list: readonly ChatSuggestion[]) => shown.push(list.map((x) => x.articleId)),
    clear: () => shown.push([]),
  };
}

beforeEach(() => {
  jest.useFakeTimers();
});
afterEach(() => {
  jest.useRealTimers();
});

describe('the widget Suggester', () => {
  it('asks once the visitor pauses for the debounce delay, from 3 characters', async () => {
    const { requests, fetch } = controlledFetch();
    const row = sink();
    const suggester = new Suggester(fetch, row);
    suggester.input('wh');
    await jest.advanceTimersByTimeAsync(suggestDelayMs * 2);
    expect(requests).toHaveLength(0);
    for (const text of ['whe', 'wher', 'where', 'where is']) {
      suggester.input(text);
      await jest.advanceTimersByTimeAsync(suggestDelayMs - 50);
    }
    expect(requests).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(50);
    expect(requests.map((r) => r.text)).toEqual(['where is']);
    requests[0]?.answer([s('track-order')]);
    await jest.advanceTimersByTimeAsync(0);
    expect(row.current()).toEqual(['track-order']);
  });

  it('shows only the answer to the latest request, even when an older one arrives last', async () => {
    const { requests, fetch } = controlledFetch();
    const row = sink();
    const suggester = new Suggester(fetch, row);
    suggester.input('how do');
    await jest.advanceTimersByTimeAsync(suggestDelayMs);
    suggester.input('how do I ret');
    await jest.advanceTimersByTimeAsync(suggestDelayMs);
    expect(requests.map((r) => r.text)).toEqual(['how do', 'how do I ret']);
    requests[1]?.answer([s('return-an-item')]);
    await jest.advanceTimersByTimeAsync(0);
    requests[0]?.answer([s('stale')]);
    await jest.advanceTimersByTimeAsync(0);
    expect(row.current()).toEqual(['return-an-item']);
    expect(row.shown.flat()).not.toContain('stale');
  });

  it('clears the chips when the input is emptied or sent, and drops answers still on their way', async () => {
    const { requests, fetch } = controlledFetch();
    const row = sink();
    const suggester = new Suggester(fetch, row);
    suggester.input('gift cards');
    await jest.advanceTimersByTimeAsync(suggestDelayMs);
    requests[0]?.answer([s('gift-cards')]);
    await jest.advanceTimersByTimeAsync(0);
    expect(row.current()).toEqual(['gift-cards']);
    suggester.input('');
    expect(row.current()).toEqual([]);

    suggester.input('gift cards?');
    await jest.advanceTimersByTimeAsync(suggestDelayMs);
    suggester.reset();
    requests[1]?.answer([s('gift-cards')]);
    await jest.advanceTimersByTimeAsync(0);
    expect(row.current()).toEqual([]);

    suggester.input('gift');
    suggester.reset();
    await jest.advanceTimersByTimeAsync(suggestDelayMs * 2);
    expect(requests).toHaveLength(2);
  });

  it('keeps the chips it shows when a request gets no answer', async () => {
    const { requests, fetch } = controlledFetch();
    const row = sink();
    const suggester = new Suggester(fetch, row);
    suggester.input('refund');
    await jest.advanceTimersByTimeAsync(suggestDelayMs);
    requests[0]?.answer([s('refund-timing')]);
    await jest.advanceTimersByTimeAsync(0);
    expect(row.current()).toEqual(['refund-timing']);
    suggester.input('refund when');
    await jest.advanceTimersByTimeAsync(suggestDelayMs);
    requests[1]?.answer(null);
    await jest.advanceTimersByTimeAsync(0);
    expect(row.current()).toEqual(['refund-timing']);
  });
});
