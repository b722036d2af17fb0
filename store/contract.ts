import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { UnresolvedQuestion } from '../bot/ports.js';
import type { Store } from './ports.js';
import type { MessageMeta, Role } from '../conversation/types.js';

/** A key no other test (or earlier run against a shared database) uses. */
const unique = (prefix: string): string => `${prefix}-${randomUUID()}`;

import { describeMissingTranslationsContract } from './missing-translations.contract.js';
import { describeHandoffContract } from './handoff.contract.js';
import { describeTicketContract } from './ticket.contract.js';
import { describeTicketListContract } from './ticket-list.contract.js';
import { describeReportsContract } from './reports.contract.js';
import { describeAdminContract } from './admin.contract.js';
import { describeChannelAddressesContract } from './channel-addresses.contract.js';
import { describeOrderContract } from './order.contract.js';
import { describePrivacyContract } from './privacy.contract.js';
import { describeReviewContract } from './review.contract.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The behaviour every Store implementation must have. `open` gives a store for one test; it is closed after
 * the test. Tests use fresh keys and languages, so a backing database shared between tests is fine.
 */
export function describeStoreContract(name: string, open: () => Promise<Store>): void {
  describe(`store contract: ${name}`, () => {
    let store: Store;

    beforeEach(async () => {
      store = await open();
    });

    afterEach(async () => {
      await store.close();
    });

    const openConversation = (channel = 'web', visitorKey = unique('visitor'), lang: string | null = 'en') =>
      store.conversations.open({ channel, visitorKey, lang });

    /** Appends a plain message; `clientId` is left out of the message when not given. */
    const say = (conversationId: string, text: string, clientId?: string | null, role: Role = 'visitor') =>
      store.conversations.append(conversationId, {
        role,
        text,
        ...(clientId === undefined ? {} : { clientId }),
      });

    const record = (lang: string, text: string) =>
      store.unresolved.record({ conversationId: 'conv-1', lang, text, candidates: [] });

    describe('conversations', () => {
      it('open creates a conversation with the given key, language and the initial state', async () => {
        const visitorKey = unique('visitor');
        expect(await store.conversations.find('web', visitorKey)).toBeNull();
        const c = await store.conversations.open({ channel: 'web', visitorKey, lang: 'fr' });
        expect(c).toMatchObject({ channel: 'web', visitorKey, lang: 'fr', state: { failures: 0 } });
        expect(c.id).toMatch(/./);
        expect(Number.isNaN(Date.parse(c.createdAt))).toBe(false);
        expect(Date.parse(c.updatedAt)).toBeGreaterThanOrEqual(Date.parse(c.createdAt));
        expect(await store.conversations.find('web', visitorKey)).toEqual(c);
        expect(await store.conversations.get(c.id)).toEqual(c);
      });

      it('open is idempotent for the same channel and visitor key and keeps the first language', async () => {
        const visitorKey = unique('visitor');
        const first = await store.conversations.open({ channel: 'web', visitorKey, lang: 'en' });
        const again = await store.conversations.open({ channel: 'web', visitorKey, lang: 'de' });
        expect(again).toEqual(first);
        expect(await store.conversations.find('web', visitorKey)).toEqual(first);
      });

      it('open gives distinct conversations across channels and visitor keys', async () => {
        const visitorKey = unique('visitor');
        const web = await openConversation('web', visitorKey);
        const teams = await openConversation('teams', visitorKey);
        const other = await openConversation('web', unique('visitor'));
        expect(new Set([web.id, teams.id, other.id]).size).toBe(3);
        expect(teams.channel).toBe('teams');
        expect((await store.conversations.find('web', visitorKey))?.id).toBe(web.id);
        expect((await store.conversations.find('teams', visitorKey))?.id).toBe(teams.id);
      });

      it('concurrent opens for the same key yield one conversation', async () => {
        const visitorKey = unique('visitor');
        const opened = await Promise.all(
          Array.from({ length: 10 }, () =>
            store.conversations.open({ channel: 'web', visitorKey, lang: 'en' }),
          ),
        );
        expect(new Set(opened.map((c) => c.id)).size).toBe(1);
        expect((await store.conversations.find('web', visitorKey))?.id).toBe(opened[0]?.id);
      });

      it('find and get return null for unknown keys and ids', async () => {
        const known = await openConversation('web');
        expect(await store.conversations.find('web', unique('nobody'))).toBeNull();
        expect(await store.conversations.find('teams', known.visitorKey)).toBeNull();
        expect(await store.conversations.get(unique('no-such-id'))).toBeNull();
      });

      it('update patches lang and state, keeps what is not patched, and bumps updatedAt', async () => {
        const c = await openConversation('web', unique('visitor'), null);
        await sleep(5);
        const patched = await store.conversations.update(c.id, { lang: 'es', state: { failures: 2 } });
        expect(patched).toMatchObject({ id: c.id, lang: 'es', state: { failures: 2 } });
        expect(patched.createdAt).toBe(c.createdAt);
        expect(Date.parse(patched.updatedAt)).toBeGreaterThan(Date.parse(c.updatedAt));
        expect(await store.conversations.get(c.id)).toEqual(patched);

        const langOnly = await store.conversations.update(c.id, { lang: 'pt' });
        expect(langOnly).toMatchObject({ lang: 'pt', state: { failures: 2 } });
        const stateOnly = await store.conversations.update(c.id, { state: { failures: 0 } });
        expect(stateOnly).toMatchObject({ lang: 'pt', state: { failures: 0 } });
        const cleared = await store.conversations.update(c.id, { lang: null });
        expect(cleared.lang).toBeNull();
        expect(await store.conversations.find('web', c.visitorKey)).toEqual(cleared);
      });

      it('update rejects an unknown conversation id', async () => {
        await expect(store.conversations.update(unique('no-such-id'), { lang: 'en' })).rejects.toThrow();
      });
    });

    describe('transactions and pages', () => {
      it('transaction returns the work’s value, its writes are there after it, and an error passes through', async () => {
        const visitorKey = unique('visitor');
        const id = await store.conversations.transaction(async () => {
          const c = await openConversation('web', visitorKey);
          await say(c.id, 'one', 'k-1');
          await store.conversations.update(c.id, { lang: 'fi', state: { failures: 2 } });
          return c.id;
        });
        expect(await store.conversations.get(id)).toMatchObject({ lang: 'fi', state: { failures: 2 } });
        expect((await store.conversations.messages(id)).map((m) => m.text)).toEqual(['one']);
        await expect(
          store.conversations.transaction(async () => {
            throw new Error('nope');
          }),
        ).rejects.toThrow('nope');
      });

      it('messages with `before` pages backwards: the latest `limit` below that seq, in order', async () => {
        const c = await openConversation();
        const seqs: number[] = [];
        for (let i = 0; i < 7; i++) seqs.push((await say(c.id, `m${i}`)).message.seq);
        const cursor = seqs[5] as number;
        expect(
          (await store.conversations.messages(c.id, { limit: 3, before: cursor })).map((m) => m.text),
        ).toEqual(['m2', 'm3', 'm4']);
        expect(
          (await store.conversations.messages(c.id, { before: seqs[2] as number })).map((m) => m.text),
        ).toEqual(['m0', 'm1']);
        expect(await store.conversations.messages(c.id, { limit: 3, before: seqs[0] as number })).toEqual([]);
      });
    });

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
        expect(await store.conversations.messages(c.id)).toEqual([a.message, b.message, d.message]);
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
        const rich = await store.conversations.append(c.id, { role: 'bot', text: 'Which one?', meta });
        const empty = await store.conversations.append(c.id, { role: 'bot', text: 'plain' });
        const cleared = await store.conversations.append(c.id, { role: 'bot', text: 'none', meta: nulls });
        expect(rich.message.meta).toEqual(meta);
        expect(empty.message.meta).toEqual({});
        expect(cleared.message.meta).toEqual(nulls);
        const stored = await store.conversations.messages(c.id);
        expect(stored.map((m) => m.meta)).toEqual([meta, {}, nulls]);
      });

      it('a resent clientId returns the original message as a duplicate and is stored once', async () => {
        const c = await openConversation();
        const first = await store.conversations.append(c.id, {
          role: 'visitor',
          text: 'where is my order?',
          clientId: 'client-42',
          meta: { postback: null },
        });
        const resent = await store.conversations.append(c.id, {
          role: 'visitor',
          text: 'where is my order?? (edited)',
          clientId: 'client-42',
        });
        expect(first.duplicate).toBe(false);
        expect(resent.duplicate).toBe(true);
        expect(resent.message).toEqual(first.message);
        expect(await store.conversations.messages(c.id)).toEqual([first.message]);

        const next = await say(c.id, 'hi', 'client-43');
        expect(next.duplicate).toBe(false);
        expect(next.message.seq).toBeGreaterThan(first.message.seq);
        expect(await store.conversations.messages(c.id)).toHaveLength(2);
      });

      it('concurrent appends with the same clientId store exactly one message', async () => {
        const c = await openConversation();
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, i) => say(c.id, `attempt ${i}`, 'same')),
        );
        expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
        expect(new Set(results.map((r) => r.message.id)).size).toBe(1);
        const stored = await store.conversations.messages(c.id);
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
        expect(await store.conversations.messages(c.id)).toHaveLength(4);
      });

      it('the same clientId in two conversations is not a duplicate', async () => {
        const one = await openConversation();
        const two = await openConversation();
        const a = await say(one.id, 'a', 'shared');
        const b = await say(two.id, 'b', 'shared');
        expect([a.duplicate, b.duplicate]).toEqual([false, false]);
        expect(b.message.id).not.toBe(a.message.id);
        expect(b.message.conversationId).toBe(two.id);
        expect(await store.conversations.messages(one.id)).toEqual([a.message]);
        expect(await store.conversations.messages(two.id)).toEqual([b.message]);
      });

      it('append rejects an unknown conversation id and stores nothing', async () => {
        const id = unique('no-such-id');
        await expect(say(id, 'x')).rejects.toThrow();
        await expect(say(id, 'x', 'k')).rejects.toThrow();
        expect(await store.conversations.messages(id)).toEqual([]);
      });

      it('messages with a limit returns the latest ones in ascending seq order', async () => {
        const c = await openConversation();
        for (let i = 1; i <= 5; i++) await say(c.id, `m${i}`);
        const all = await store.conversations.messages(c.id);
        expect(all.map((m) => m.text)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
        const seqs = all.map((m) => m.seq);
        expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
        expect(new Set(seqs).size).toBe(5);

        const latest = await store.conversations.messages(c.id, { limit: 3 });
        expect(latest.map((m) => m.text)).toEqual(['m3', 'm4', 'm5']);
        expect(latest).toEqual(all.slice(2));
        expect(await store.conversations.messages(c.id, { limit: 1 })).toEqual(all.slice(4));
        expect(await store.conversations.messages(c.id, { limit: 50 })).toEqual(all);
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
        await store.conversations.recordDelivery(c.id, [first.id, elsewhere.id], failed);
        const sent = { status: 'sent', at: new Date().toISOString() } as const;
        await store.conversations.recordDelivery(c.id, [second.id], sent);
        const [a, b] = await store.conversations.messages(c.id);
        expect(a?.delivery).toEqual(failed);
        expect(b?.delivery).toEqual(sent);
        expect((await store.conversations.messages(other.id))[0]?.delivery ?? null).toBeNull();
        await store.conversations.recordDelivery(c.id, [first.id], sent);
        expect((await store.conversations.messages(c.id, { limit: 2 }))[0]?.delivery).toEqual(sent);
        await store.conversations.recordDelivery(c.id, [], sent);
      });

      it('a limit of 0 returns nothing, for messages and unresolved questions', async () => {
        const c = await openConversation();
        await say(c.id, 'one');
        await record(unique('xx'), 'q');
        expect(await store.conversations.messages(c.id, { limit: 0 })).toEqual([]);
        expect(await store.unresolved.list({ limit: 0 })).toEqual([]);
      });
    });

    describe('unresolved questions', () => {
      it('record round-trips the question and list returns the newest first', async () => {
        const lang = unique('en');
        const candidates = [
          { articleId: 'billing/payment-methods', confidence: 0.31 },
          { articleId: 'billing/invoices', confidence: 0.12 },
        ];
        const input = { conversationId: 'conv-9', lang, text: 'can I pay with crypto?', candidates };
        const q = await store.unresolved.record(input);
        expect(q).toEqual({ ...input, offered: [], id: expect.any(String), createdAt: expect.any(String) });
        expect(q.id).not.toBe('');
        expect(Number.isNaN(Date.parse(q.createdAt))).toBe(false);

        const later: UnresolvedQuestion[] = [];
        for (let i = 1; i <= 5; i++) later.push(await record(lang, `q${i}`));
        const listed = await store.unresolved.list();
        expect(listed.slice(0, 6)).toEqual([...later].reverse().concat(q));
        expect(await store.unresolved.list({ lang })).toEqual([...later].reverse().concat(q));
      });

      it('keeps the articles offered before "None of these", in order', async () => {
        const lang = unique('en');
        const offered = ['track-order', 'refund-timing', 'return-an-item'];
        const input = { conversationId: 'conv-8', lang, text: 'where is my money', candidates: [], offered };
        const q = await store.unresolved.record(input);
        expect(q.offered).toEqual(offered);
        expect(await store.unresolved.list({ lang })).toEqual([q]);
      });

      it('list honours limit, keeping the newest', async () => {
        const lang = unique('en');
        for (let i = 1; i <= 5; i++) await record(lang, `q${i}`);
        const two = await store.unresolved.list({ limit: 2 });
        expect(two.map((q) => q.text)).toEqual(['q5', 'q4']);
        expect(await store.unresolved.list({ limit: 2, lang })).toEqual(two);
      });

      it('list filters by language', async () => {
        const en = unique('en');
        const fr = unique('fr');
        const a = await record(en, 'en one');
        const b = await record(fr, 'fr one');
        const c = await record(en, 'en two');
        expect(await store.unresolved.list({ lang: en })).toEqual([c, a]);
        expect(await store.unresolved.list({ lang: fr })).toEqual([b]);
        expect(await store.unresolved.list({ lang: en, limit: 1 })).toEqual([c]);
        expect(await store.unresolved.list({ lang: unique('none') })).toEqual([]);
        expect((await store.unresolved.list()).slice(0, 3)).toEqual([c, b, a]);
      });
    });

    describeMissingTranslationsContract(() => store);
    describeHandoffContract(() => store);
    describeTicketContract(() => store);
    describePrivacyContract(() => store);
    describeTicketListContract(() => store);
    describeReportsContract(() => store);
    describeAdminContract(() => store);
    describeChannelAddressesContract(() => store);
    describeOrderContract(() => store);
    describeReviewContract(() => store);
  });
}
