import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Store } from './ports.js';

/**
 * Every list is a total order, the same in both stores: what ties on its sort key (made in the same
 * millisecond, given the same queue key, counted the same) comes in a fixed order, the embedded store's:
 * insert order for agents, API keys and the queue, newest first for a conversation's handoffs and the
 * unresolved questions, language then article for missing translations. The clock is frozen (only `Date`;
 * timers run) so the ties are certain, at a random instant no other test uses.
 */
export function describeOrderContract(store: () => Store): void {
  describe('orders with ties', () => {
    beforeEach(() => {
      const instant = Date.UTC(2031, 0, 1) + Math.floor(Math.random() * 1e9);
      jest.useFakeTimers({
        now: instant,
        doNotFake: [
          'hrtime',
          'nextTick',
          'performance',
          'queueMicrotask',
          'requestAnimationFrame',
          'cancelAnimationFrame',
          'requestIdleCallback',
          'cancelIdleCallback',
          'setImmediate',
          'clearImmediate',
          'setInterval',
          'clearInterval',
          'setTimeout',
          'clearTimeout',
        ],
      });
    });
    afterEach(() => {
      jest.useRealTimers();
    });

    const ours = <T extends { id: string }>(all: readonly T[], ids: readonly string[]): string[] =>
      all.map((x) => x.id).filter((id) => ids.includes(id));

    it('agents made in the same millisecond: in the order they were added', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const a = await store().agents.add({
          email: `tie${i}.${randomUUID()}@example.com`,
          name: `Tie ${i}`,
          languages: ['en'],
          skills: [],
          capacity: 1,
          role: 'agent',
          passwordHash: 'scrypt$hash',
        });
        ids.push(a.id);
      }
      expect(
        new Set((await store().agents.list()).filter((a) => ids.includes(a.id)).map((a) => a.createdAt)).size,
      ).toBe(1);
      expect(ours(await store().agents.list(), ids)).toEqual(ids);
    });

    it('API keys made in the same millisecond: in the order they were made', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await store().apiKeys.create(`tie ${i}`, randomUUID())).id);
      expect(ours(await store().apiKeys.list(), ids)).toEqual(ids);
    });

    it('chats queued in the same millisecond (the same queue key): in the order they were queued', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const h = await store().handoffs.create({
          conversationId: randomUUID(),
          channel: 'web',
          lang: 'en',
          skills: [],
          reason: 'asked',
          page: null,
          status: 'queued',
        });
        ids.push(h.id);
      }
      const listed = await store().handoffs.list({ status: 'queued' });
      expect(new Set(listed.filter((h) => ids.includes(h.id)).map((h) => h.queueKey)).size).toBe(1);
      expect(ours(listed, ids)).toEqual(ids);
      expect(ours(await store().handoffs.list({}), ids)).toEqual(ids);
      // Requeued to the same front key: still in the order they were queued.
      for (const id of [...ids].reverse()) await store().handoffs.update(id, ['queued'], { queueKey: 1 });
      expect(ours(await store().handoffs.list({ status: 'queued' }), ids)).toEqual(ids);
    });

    it("a conversation's handoffs made in the same millisecond: the last made is its latest and active one", async () => {
      const conversationId = randomUUID();
      const made: string[] = [];
      for (let i = 0; i < 3; i++) {
        const h = await store().handoffs.create({
          conversationId,
          channel: 'web',
          lang: 'en',
          skills: [],
          reason: 'asked',
          page: null,
          status: 'queued',
        });
        made.push(h.id);
      }
      expect((await store().handoffs.latest(conversationId))?.id).toBe(made[2]);
      expect((await store().handoffs.active(conversationId))?.id).toBe(made[2]);
    });

    it('unresolved questions asked in the same millisecond: the last asked first', async () => {
      const lang = `xx-${randomUUID()}`;
      const ids: string[] = [];
      for (let i = 0; i < 4; i++)
        ids.push(
          (await store().unresolved.record({ conversationId: 'c', lang, text: `q${i}`, candidates: [] })).id,
        );
      expect((await store().unresolved.list({ lang })).map((u) => u.id)).toEqual([...ids].reverse());
    });

    it('missing translations with the same count at the same time: by article', async () => {
      const lang = `yy-${randomUUID()}`;
      for (const article of ['zebra', 'mango', 'apple'])
        await store().missingTranslations.record(article, lang);
      expect((await store().missingTranslations.list({ lang })).map((m) => m.articleId)).toEqual([
        'apple',
        'mango',
        'zebra',
      ]);
      const all = (await store().missingTranslations.list({ limit: 100000 })).filter((m) => m.lang === lang);
      expect(all.map((m) => m.articleId)).toEqual(['apple', 'mango', 'zebra']);
    });
  });
}
