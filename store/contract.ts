import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Store } from './ports.js';
import { contractWrites, sleep, unique } from './contract-helpers.js';
import { describeMessagesContract } from './messages.contract.js';
import { describeUnresolvedContract } from './unresolved.contract.js';

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

    const { openConversation, say } = contractWrites(() => store);

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

    describeMessagesContract(() => store);
    describeUnresolvedContract(() => store);

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
