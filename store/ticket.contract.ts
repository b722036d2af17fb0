import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Store } from './ports.js';
import type { NewTicket } from '../tickets/types.js';
import { ticketBounds } from '../tickets/bounds.js';

/** The tickets part of the store contract; `store()` is the current test's store. */
export function describeTicketContract(store: () => Store): void {
  const draft = (over: Partial<NewTicket> = {}): NewTicket => ({
    subject: 'Parcel stuck in customs',
    status: 'new',
    priority: 'normal',
    category: 'shipping',
    tags: [],
    lang: 'fi',
    channel: 'web',
    conversationId: randomUUID(),
    requester: { email: 'jane@example.com', name: null, channelId: null },
    fields: { email: 'jane@example.com', description: 'My parcel is stuck' },
    transcript: [{ role: 'visitor', text: 'hello', at: '2026-11-22T10:00:00.000Z' }],
    assignee: null,
    team: 'fi-support',
    firstReplyDue: '2026-11-23T11:00:00.000Z',
    resolutionDue: '2026-11-25T11:00:00.000Z',
    ...over,
  });

  describe('tickets', () => {
    it('numbers tickets FD-<n> in order and finds them by id or number', async () => {
      const a = await store().tickets.create(draft(), 'bot');
      const b = await store().tickets.create(draft({ subject: 'Second' }), 'bot');
      expect(a.number).toMatch(/^FD-\d{5,}$/);
      expect(Number(b.number.slice(3))).toBe(Number(a.number.slice(3)) + 1);
      expect(await store().tickets.get(a.id)).toEqual(a);
      expect(await store().tickets.get(a.number.toLowerCase())).toEqual(a);
      expect(a.audit).toEqual([expect.objectContaining({ actor: 'bot', action: 'created' })]);
    });

    it('updates with an audit entry, adds comments, and filters, searches and sorts', async () => {
      const lang = `x${randomUUID().slice(0, 6)}`;
      const t = await store().tickets.create(draft({ lang, priority: 'low' }), 'bot');
      const urgent = await store().tickets.create(
        draft({ lang, priority: 'urgent', subject: 'Refund missing' }),
        'bot',
      );
      const updated = await store().tickets.update(
        t.id,
        { status: 'open', assignee: 'agent-1' },
        {
          actor: 'agent:aino',
          action: 'updated',
          changes: { status: { from: 'new', to: 'open' } },
        },
      );
      expect(updated).toMatchObject({ status: 'open', assignee: 'agent-1' });
      expect(updated?.audit.at(-1)).toMatchObject({
        actor: 'agent:aino',
        changes: { status: { from: 'new', to: 'open' } },
      });
      const commented = await store().tickets.addComment(t.id, {
        author: { kind: 'agent', id: 'agent-1', name: 'Aino' },
        body: 'Checking with the carrier',
        internal: true,
      });
      expect(commented?.comments).toEqual([
        expect.objectContaining({ body: 'Checking with the carrier', internal: true }),
      ]);
      // The audit trail records the note (who, what kind), never its body.
      expect(commented?.audit.at(-1)).toMatchObject({
        actor: 'agent:Aino',
        action: 'added an internal note',
        changes: {},
      });
      expect(JSON.stringify(commented?.audit)).not.toContain('carrier');
      const replied = await store().tickets.addComment(t.id, {
        author: { kind: 'api', id: 'key-1', name: 'CRM' },
        body: 'Your parcel is on its way',
        internal: false,
      });
      expect(replied?.audit.at(-1)).toMatchObject({ actor: 'api:CRM', action: 'replied to the requester' });
      expect(replied?.audit).toHaveLength((commented?.audit.length ?? 0) + 1);
      expect((await store().tickets.list({ lang, status: 'open' })).map((x) => x.id)).toEqual([t.id]);
      expect(await store().tickets.list({ lang, q: 'carrier' })).toEqual([]);
      expect(
        (await store().tickets.list({ lang, q: 'carrier', searchNotes: true })).map((x) => x.id),
      ).toEqual([t.id]);
      expect((await store().tickets.list({ lang, assignee: 'none' })).map((x) => x.id)).toEqual([urgent.id]);
      expect((await store().tickets.list({ lang, sort: 'priority' })).map((x) => x.id)).toEqual([
        urgent.id,
        t.id,
      ]);
      expect((await store().tickets.list({ lang, overdueAt: '2026-11-24T00:00:00.000Z' })).length).toBe(2);
      expect(
        await store().tickets.update('nope', { status: 'open' }, { actor: 'x', action: 'x', changes: {} }),
      ).toBeNull();
      const noteId = commented?.comments[0]?.id ?? '';
      const delivery = {
        chat: true,
        email: 'failed',
        error: 'connect ECONNREFUSED',
        at: '2026-11-23T10:00:00.000Z',
      } as const;
      const delivered = await store().tickets.setCommentDelivery(t.number, noteId, delivery);
      expect(delivered?.comments[0]?.delivery).toEqual(delivery);
      expect((await store().tickets.get(t.id))?.comments[0]?.delivery).toEqual(delivery);
      expect(await store().tickets.setCommentDelivery(t.id, 'no-such-comment', delivery)).toBeNull();
      const merged = await store().tickets.update(
        t.id,
        {
          mergedInto: urgent.number,
          csat: { rating: 4, comment: null, at: delivery.at },
          emailThread: ['<a@b>'],
        },
        { actor: 'agent:aino', action: 'merged', changes: {} },
      );
      expect(merged).toMatchObject({
        mergedInto: urgent.number,
        csat: { rating: 4 },
        emailThread: ['<a@b>'],
      });
    });
    it('bounds what one ticket holds: the latest transcript lines, cut; the first and latest audit entries', async () => {
      const { transcriptLines, transcriptLineChars, audit: maxAudit, emailThread } = ticketBounds;
      const lines = Array.from({ length: transcriptLines + 50 }, (_, i) => ({
        role: i % 2 ? 'bot' : 'visitor',
        text: i === transcriptLines + 49 ? 'x'.repeat(transcriptLineChars + 10) : `line ${i}`,
        at: '2026-11-22T10:00:00.000Z',
      }));
      const t = await store().tickets.create(draft({ transcript: lines }), 'bot');
      expect(t.transcript).toHaveLength(transcriptLines);
      expect(t.transcript[0]?.text).toBe('line 50');
      expect(t.transcript.at(-1)?.text).toBe(`${'x'.repeat(transcriptLineChars)}…`);
      expect(t.transcriptTruncated).toBe(true);
      expect(await store().tickets.get(t.id)).toEqual(t);
      const short = await store().tickets.create(draft(), 'bot');
      expect(short.transcriptTruncated).toBeUndefined();

      let last = t;
      for (let i = 0; i < maxAudit + 5; i++) {
        const thread = [...(last.emailThread ?? []), `<m${i}@x>`];
        last =
          (await store().tickets.update(
            t.id,
            { emailThread: thread },
            { actor: 'email', action: `update ${i}`, changes: {} },
          )) ?? last;
      }
      expect(last.audit).toHaveLength(maxAudit);
      expect(last.audit[0]?.action).toBe('created');
      expect(last.audit[1]?.action).toBe('update 6');
      expect(last.audit.at(-1)?.action).toBe(`update ${maxAudit + 4}`);
      expect(last.auditOmitted).toBe(6);
      expect(last.emailThread).toHaveLength(emailThread);
      expect(last.emailThread?.[0]).toBe('<m0@x>');
      expect(last.emailThread?.at(-1)).toBe(`<m${maxAudit + 4}@x>`);
      expect(await store().tickets.get(t.id)).toEqual(last);
    });

    it('keeps API keys by hash until they are revoked', async () => {
      const hash = randomUUID();
      const key = await store().apiKeys.create('zendesk', hash);
      expect(await store().apiKeys.byHash(hash)).toEqual(key);
      expect(await store().apiKeys.revoke(key.id)).toBe(true);
      expect(await store().apiKeys.revoke(key.id)).toBe(false);
      expect(await store().apiKeys.byHash(hash)).toBeNull();
      expect((await store().apiKeys.list()).find((k) => k.id === key.id)?.revokedAt).not.toBeNull();
    });
  });
}
