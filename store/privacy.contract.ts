import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Store } from './ports.js';

const ticketFor = (conversationId: string | null, email: string | null, status: 'open' | 'closed') => ({
  subject: 'Parcel',
  status,
  priority: 'normal' as const,
  category: null,
  tags: [],
  lang: 'en',
  channel: 'web',
  conversationId,
  requester: { email, name: null, channelId: null },
  fields: {},
  transcript: [],
  assignee: null,
  team: null,
  firstReplyDue: null,
  resolutionDue: null,
});

/** Spam blocks and the privacy port (locate, erase, erasures, retention); `store()` is the test's store. */
export function describePrivacyContract(store: () => Store): void {
  describe('blocks', () => {
    it('keeps permanent and running blocks, not ended ones', async () => {
      const value = `web:${randomUUID()}`;
      await store().blocks.add({ kind: 'visitor', value, until: null, by: 'agent-1' });
      const ended = randomUUID();
      await store().blocks.add({ kind: 'address', value: ended, until: '2000-01-01T00:00:00.000Z', by: 'a' });
      const running = randomUUID();
      await store().blocks.add({
        kind: 'address',
        value: running,
        until: '2999-01-01T00:00:00.000Z',
        by: 'a',
      });
      const active = (await store().blocks.active(new Date().toISOString())).map((b) => b.value);
      expect(active).toEqual(expect.arrayContaining([value, running]));
      expect(active).not.toContain(ended);
    });
  });

  describe('privacy', () => {
    it('locates a visitor by email (any case), conversation id or ticket number, and erases everything', async () => {
      const email = `${randomUUID()}@Example.com`;
      const c = await store().conversations.open({ channel: 'web', visitorKey: randomUUID(), lang: 'en' });
      await store().conversations.update(c.id, { state: { failures: 0, details: { email } } });
      await store().conversations.append(c.id, { role: 'visitor', text: 'hello' });
      await store().unresolved.record({ conversationId: c.id, lang: 'en', text: 'hello', candidates: [] });
      await store().handoffs.create({
        conversationId: c.id,
        channel: 'web',
        lang: 'en',
        skills: [],
        reason: 'asked',
        page: null,
        status: 'pending',
      });
      const t = await store().tickets.create(ticketFor(c.id, email.toLowerCase(), 'open'), 'test');
      const other = await store().conversations.open({
        channel: 'web',
        visitorKey: randomUUID(),
        lang: 'en',
      });

      for (const key of [email.toUpperCase(), c.id, t.number]) {
        const ids = await store().privacy.locate(key);
        expect(ids.conversationIds).toEqual([c.id]);
        expect(ids.ticketIds).toEqual([t.id]);
      }
      expect(await store().privacy.handoffsOf(c.id)).toHaveLength(1);
      expect((await store().privacy.unresolvedOf(c.id)).map((u) => u.text)).toEqual(['hello']);

      const before = (await store().privacy.erasures()).length;
      await store().privacy.erase(await store().privacy.locate(email), {
        at: new Date().toISOString(),
        by: 'cli',
      });
      expect(await store().conversations.get(c.id)).toBeNull();
      expect(await store().conversations.messages(c.id)).toEqual([]);
      expect(await store().privacy.handoffsOf(c.id)).toEqual([]);
      expect(await store().privacy.unresolvedOf(c.id)).toEqual([]);
      expect(await store().tickets.get(t.id)).toBeNull();
      expect(await store().conversations.get(other.id)).not.toBeNull();
      const records = await store().privacy.erasures();
      expect(records).toHaveLength(before + 1);
      expect(records.at(-1)).toEqual({ at: expect.any(String), by: 'cli' });
      expect(await store().privacy.locate(email)).toEqual({ conversationIds: [], ticketIds: [] });
    });

    it('purges in batches only what is closed and older than the cut-off', async () => {
      const c = await store().conversations.open({ channel: 'web', visitorKey: randomUUID(), lang: 'en' });
      const closed = await store().tickets.create(ticketFor(null, null, 'closed'), 'test');
      const open = await store().tickets.create(ticketFor(null, null, 'open'), 'test');
      // A cut-off in the past keeps everything just written.
      expect(await store().privacy.purgeBatch('2000-01-01T00:00:00.000Z', 10)).toEqual({
        conversations: 0,
        tickets: 0,
      });
      // A cut-off in the future takes the closed ticket and the conversation, never the open ticket.
      const future = new Date(Date.now() + 60_000).toISOString();
      let total = { conversations: 0, tickets: 0 };
      for (;;) {
        const batch = await store().privacy.purgeBatch(future, 1);
        total = {
          conversations: total.conversations + batch.conversations,
          tickets: total.tickets + batch.tickets,
        };
        if (batch.conversations === 0 && batch.tickets === 0) break;
      }
      expect(total.conversations).toBeGreaterThanOrEqual(1);
      expect(await store().conversations.get(c.id)).toBeNull();
      expect(await store().tickets.get(closed.id)).toBeNull();
      expect(await store().tickets.get(open.id)).not.toBeNull();
    });
  });
}
