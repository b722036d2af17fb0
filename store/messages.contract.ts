import { describe, expect, it } from '@jest/globals';
import type { Store } from './ports.js';
import type { MessageMeta } from '../conversation/types.js';
import { contractWrites, unique } from './contract-helpers.js';

export function describeMessagesContract(store: () => Store): void {
  const { openConversation, say, record } = contractWrites(store);

  describe('messages', () => {
    it('append assigns increasing seq and stores role, text and clientId', async () => {
      const c = await openConversation();
      const a = await say(c.id, 'hello', 'c-1');
      const b = await say(c.id, 'hi there', undefined, 'bot');
      const d = await say(c.id, 'agent here', null, 'agent');
      expect([a.duplicate, b.duplicate, d.duplicate]).toEqual([false, false, false]);
      expect(a.message).toMatchObject({
        conversationId: c.id,
        role: 'visitor',
        text: 'hello',
        clientId: 'c-1',
      });
      expect(b.message).toMatchObject({
        conversationId: c.id,
        role: 'bot',
        text: 'hi there',
        clientId: null,
      });
      expect(d.message).toMatchObject({ role: 'agent', clientId: null });
      expect(b.message.seq).toBeGreaterThan(a.message.seq);
      expect(d.message.seq).toBeGreaterThan(b.message.seq);
      expect(new Set([a.message.id, b.message.id, d.message.id]).size).toBe(3);
      expect(Number.isNaN(Date.parse(a.message.createdAt))).toBe(false);
      expect(await store().conversations.messages(c.id)).toEqual([a.message, b.message, d.message]);
    });

    it('append round-trips the message meta', async () => {
      const c = await openConversation();
      const meta: MessageMeta = {
        lang: 'en',
        articleId: 'billing/refunds',
        confidence: 0.82,
        choices: [
          { id: 'article:billing/refunds', label: 'Refunds', postback: 'article:billing/refunds' },
          { id: 'article:billing/invoices', label: 'Invoices', postback: 'article:billing/invoices' },
        ],
        event: 'clarify',
        postback: null,
        replyTo: 'msg-1',
      };
      const nulls: MessageMeta = { articleId: null, confidence: null, event: null, choices: [] };
      const rich = await store().conversations.append(c.id, { role: 'bot', text: 'Which one?', meta });
      const empty = await store().conversations.append(c.id, { role: 'bot', text: 'plain' });
      const cleared = await store().conversations.append(c.id, { role: 'bot', text: 'none', meta: nulls });
      expect(rich.message.meta).toEqual(meta);
      expect(empty.message.meta).toEqual({});
      expect(cleared.message.meta).toEqual(nulls);
      const stored = await store().conversations.messages(c.id);
      expect(stored.map((m) => m.meta)).toEqual([meta, {}, nulls]);
    });

    it('a resent clientId returns the original message as a duplicate and is stored once', async () => {
      const c = await openConversation();
      const first = await store().conversations.append(c.id, {
        role: 'visitor',
        text: 'where is my order?',
        clientId: 'client-42',
        meta: { postback: null },
      });
      const resent = await store().conversations.append(c.id, {
        role: 'visitor',
        text: 'where is my order?? (edited)',
        clientId: 'client-42',
      });
      expect(first.duplicate).toBe(false);
      expect(resent.duplicate).toBe(true);
      expect(resent.message).toEqual(first.message);
      expect(await store().conversations.messages(c.id)).toEqual([first.message]);

      const next = await say(c.id, 'hi', 'client-43');
      expect(next.duplicate).toBe(false);
      expect(next.message.seq).toBeGreaterThan(first.message.seq);
      expect(await store().conversations.messages(c.id)).toHaveLength(2);
    });

    it('concurrent appends with the same clientId store exactly one message', async () => {
      const c = await openConversation();
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => say(c.id, `attempt ${i}`, 'same')),
      );
      expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
      expect(new Set(results.map((r) => r.message.id)).size).toBe(1);
      const stored = await store().conversations.messages(c.id);
      expect(stored).toHaveLength(1);
      expect(stored[0]?.id).toBe(results[0]?.message.id);
    });

    it('a null or missing clientId never counts as a duplicate', async () => {
      const c = await openConversation();
      const results = [
        await say(c.id, 'same', null),
        await say(c.id, 'same', null),
        await say(c.id, 'same'),
        await say(c.id, 'same'),
      ];
      expect(results.map((r) => r.duplicate)).toEqual([false, false, false, false]);
      expect(results.map((r) => r.message.clientId)).toEqual([null, null, null, null]);
      expect(await store().conversations.messages(c.id)).toHaveLength(4);
    });

    it('the same clientId in two conversations is not a duplicate', async () => {
      const one = await openConversation();
      const two = await openConversation();
      const a = await say(one.id, 'a', 'shared');
      const b = await say(two.id, 'b', 'shared');
      expect([a.duplicate, b.duplicate]).toEqual([false, false]);
      expect(b.message.id).not.toBe(a.message.id);
      expect(b.message.conversationId).toBe(two.id);
      expect(await store().conversations.messages(one.id)).toEqual([a.message]);
      expect(await store().conversations.messages(two.id)).toEqual([b.message]);
    });

    it('append rejects an unknown conversation id and stores nothing', async () => {
      const id = unique('no-such-id');
      await expect(say(id, 'x')).rejects.toThrow();
      await expect(say(id, 'x', 'k')).rejects.toThrow();
      expect(await store().conversations.messages(id)).toEqual([]);
    });

    it('messages with a limit returns the latest ones in ascending seq order', async () => {
      const c = await openConversation();
      for (let i = 1; i <= 5; i++) await say(c.id, `m${i}`);
      const all = await store().conversations.messages(c.id);
      expect(all.map((m) => m.text)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
      const seqs = all.map((m) => m.seq);
      expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
      expect(new Set(seqs).size).toBe(5);

      const latest = await store().conversations.messages(c.id, { limit: 3 });
      expect(latest.map((m) => m.text)).toEqual(['m3', 'm4', 'm5']);
      expect(latest).toEqual(all.slice(2));
      expect(await store().conversations.messages(c.id, { limit: 1 })).toEqual(all.slice(4));
      expect(await store().conversations.messages(c.id, { limit: 50 })).toEqual(all);
    });

    it('recordDelivery keeps the outcome on the messages it names, in that conversation only', async () => {
      const c = await openConversation();
      const other = await openConversation();
      const { message: first } = await say(c.id, 'first', null, 'agent');
      const { message: second } = await say(c.id, 'second', null, 'agent');
      const { message: elsewhere } = await say(other.id, 'elsewhere', null, 'agent');
      expect(first.delivery ?? null).toBeNull();
      const failed = {
        status: 'failed',
        reason: 'Send API 500 (code 2): down',
        at: new Date().toISOString(),
      } as const;
      await store().conversations.recordDelivery(c.id, [first.id, elsewhere.id], failed);
      const sent = { status: 'sent', at: new Date().toISOString() } as const;
      await store().conversations.recordDelivery(c.id, [second.id], sent);
      const [a, b] = await store().conversations.messages(c.id);
      expect(a?.delivery).toEqual(failed);
      expect(b?.delivery).toEqual(sent);
      expect((await store().conversations.messages(other.id))[0]?.delivery ?? null).toBeNull();
      await store().conversations.recordDelivery(c.id, [first.id], sent);
      expect((await store().conversations.messages(c.id, { limit: 2 }))[0]?.delivery).toEqual(sent);
      await store().conversations.recordDelivery(c.id, [], sent);
    });

    it('a limit of 0 returns nothing, for messages and unresolved questions', async () => {
      const c = await openConversation();
      await say(c.id, 'one');
      await record(unique('xx'), 'q');
      expect(await store().conversations.messages(c.id, { limit: 0 })).toEqual([]);
      expect(await store().unresolved.list({ limit: 0 })).toEqual([]);
    });
  });
}
