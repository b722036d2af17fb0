import { describe, expect, it } from '@jest/globals';
import type { UnresolvedQuestion } from '../bot/ports.js';
import type { Store } from './ports.js';
import { contractWrites, unique } from './contract-helpers.js';

export function describeUnresolvedContract(store: () => Store): void {
  const { record } = contractWrites(store);

  describe('unresolved questions', () => {
    it('record round-trips the question and list returns the newest first', async () => {
      const lang = unique('en');
      const candidates = [
        { articleId: 'billing/payment-methods', confidence: 0.31 },
        { articleId: 'billing/invoices', confidence: 0.12 },
      ];
      const input = { conversationId: 'conv-9', lang, text: 'can I pay with crypto?', candidates };
      const q = await store().unresolved.record(input);
      expect(q).toEqual({ ...input, offered: [], id: expect.any(String), createdAt: expect.any(String) });
      expect(q.id).not.toBe('');
      expect(Number.isNaN(Date.parse(q.createdAt))).toBe(false);

      const later: UnresolvedQuestion[] = [];
      for (let i = 1; i <= 5; i++) later.push(await record(lang, `q${i}`));
      const listed = await store().unresolved.list();
      expect(listed.slice(0, 6)).toEqual([...later].reverse().concat(q));
      expect(await store().unresolved.list({ lang })).toEqual([...later].reverse().concat(q));
    });

    it('keeps the articles offered before "None of these", in order', async () => {
      const lang = unique('en');
      const offered = ['track-order', 'refund-timing', 'return-an-item'];
      const input = { conversationId: 'conv-8', lang, text: 'where is my money', candidates: [], offered };
      const q = await store().unresolved.record(input);
      expect(q.offered).toEqual(offered);
      expect(await store().unresolved.list({ lang })).toEqual([q]);
    });

    it('list honours limit, keeping the newest', async () => {
      const lang = unique('en');
      for (let i = 1; i <= 5; i++) await record(lang, `q${i}`);
      const two = await store().unresolved.list({ limit: 2 });
      expect(two.map((q) => q.text)).toEqual(['q5', 'q4']);
      expect(await store().unresolved.list({ limit: 2, lang })).toEqual(two);
    });

    it('list filters by language', async () => {
      const en = unique('en');
      const fr = unique('fr');
      const a = await record(en, 'en one');
      const b = await record(fr, 'fr one');
      const c = await record(en, 'en two');
      expect(await store().unresolved.list({ lang: en })).toEqual([c, a]);
      expect(await store().unresolved.list({ lang: fr })).toEqual([b]);
      expect(await store().unresolved.list({ lang: en, limit: 1 })).toEqual([c]);
      expect(await store().unresolved.list({ lang: unique('none') })).toEqual([]);
      expect((await store().unresolved.list()).slice(0, 3)).toEqual([c, b, a]);
    });
  });
}
