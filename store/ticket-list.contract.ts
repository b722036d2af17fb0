import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Store } from './ports.js';
import type { NewTicket, Ticket, TicketFilter, TicketSort } from '../tickets/types.js';
import { cursorAfter, seqOf, sortKey } from './ticket-query.js';
import { ticketInput } from '../test/helpers/tickets.js';

/**
 * Listing tickets: each filter, the sorts, keyset paging. Tickets of a test share a language no other test
 * uses (a store may be shared between tests).
 */
export function describeTicketListContract(store: () => Store): void {
  const day = (d: number) => `2026-01-0${d}T00:00:00.000Z`;
  const draft = (lang: string, over: Partial<NewTicket>): NewTicket =>
    ticketInput({
      subject: 'Parcel stuck',
      status: 'open',
      lang,
      resolutionDue: '2026-02-01T00:00:00.000Z',
      ...over,
    });

  /** Seven tickets, a to g, created in that order, whose priorities and dues give each sort its own order. */
  async function seven() {
    const lang = `x${randomUUID().slice(0, 6)}`;
    const make = (over: Partial<NewTicket>) => store().tickets.create(draft(lang, over), 'test');
    const a = await make({ priority: 'low', firstReplyDue: day(5), subject: 'Refund for order 17' });
    const b = await make({ priority: 'urgent', firstReplyDue: day(3), assignee: 'agent-1' });
    const c = await make({ priority: 'urgent', firstReplyDue: day(2), status: 'new' });
    const d = await make({ priority: 'normal', resolutionDue: null, status: 'pending' });
    const e = await make({ priority: 'high', firstReplyDue: day(1), resolutionDue: day(9) });
    const f = await make({ priority: 'normal', firstReplyDue: day(4), assignee: 'agent-2' });
    const g = await make({ priority: 'urgent', firstReplyDue: day(2), status: 'new' });
    const audit = { actor: 'test', action: 'updated', changes: {} };
    await store().tickets.update(e.id, { firstRepliedAt: '2026-01-01T08:00:00.000Z' }, audit);
    await store().tickets.update(g.id, { status: 'closed' }, audit);
    return { lang, a, b, c, d, e, f, g };
  }

  const numbers = (ts: readonly Ticket[]) => ts.map((t) => t.number);
  const list = (filter: TicketFilter) => store().tickets.list(filter);

  /** Every page of `size` after the other, following the cursor of each page's last ticket. */
  async function pages(filter: TicketFilter, sort: TicketSort, size: number): Promise<Ticket[][]> {
    const out: Ticket[][] = [];
    for (let after = undefined as Ticket | undefined; out.length < 20;) {
      const page = await list({
        ...filter,
        sort,
        limit: size,
        ...(after ? { after: cursorAfter(after, sort) } : {}),
      });
      if (page.length > 0) out.push(page);
      if (page.length < size) return out;
      after = page.at(-1);
    }
    throw new Error('paging does not end');
  }

  describe('ticket lists', () => {
    it('sorts by created, updated, priority and due, the tie broken by number, and limits', async () => {
      const { lang, a, b, c, d, e, f, g } = await seven();
      const n = (...ts: Ticket[]) => numbers(ts);
      expect(numbers(await list({ lang, sort: 'created' }))).toEqual(n(g, f, e, d, c, b, a));
      expect(numbers(await list({ lang, sort: 'priority' }))).toEqual(n(c, g, b, e, f, d, a));
      expect(numbers(await list({ lang, sort: 'due' }))).toEqual(n(c, g, b, f, a, e, d));
      const updated = await list({ lang });
      expect(updated[0]?.number).toBe(g.number);
      expect(updated[1]?.number).toBe(e.number);
      const byUpdate = [...updated].sort(
        (x, y) => sortKey(y, 'updated').localeCompare(sortKey(x, 'updated')) || seqOf(y) - seqOf(x),
      );
      expect(numbers(updated)).toEqual(numbers(byUpdate));
      expect(numbers(await list({ lang, sort: 'created', limit: 3 }))).toEqual(n(g, f, e));
    });

    it('pages through every sort with a cursor: each ticket once, in order, also with a filter', async () => {
      const { lang, b, c, d, f } = await seven();
      for (const sort of ['created', 'updated', 'priority', 'due'] as const) {
        const all = numbers(await list({ lang, sort }));
        const paged = await pages({ lang }, sort, 2);
        expect(paged.map((p) => p.length)).toEqual([2, 2, 2, 1]);
        expect(numbers(paged.flat())).toEqual(all);
        const filtered = await pages({ lang, status: 'open' }, sort, 1);
        expect(numbers(filtered.flat())).toEqual(numbers(await list({ lang, sort, status: 'open' })));
        expect(filtered).toHaveLength(4);
      }
      // The last ticket's cursor gives an empty page.
      const last = (await list({ lang, sort: 'due' })).at(-1);
      expect(last?.number).toBe(d.number);
      expect(await list({ lang, sort: 'due', after: cursorAfter(d, 'due') })).toEqual([]);
      expect(numbers(await list({ lang, sort: 'priority', after: cursorAfter(b, 'priority') }))).toContain(
        f.number,
      );
      expect(
        numbers(await list({ lang, sort: 'priority', after: cursorAfter(b, 'priority') })),
      ).not.toContain(c.number);
    });

    it('filters by status, priority, language, assignee (none: unassigned) and overdue', async () => {
      const { lang, a, b, c, d, e, f, g } = await seven();
      const set = async (filter: TicketFilter) => numbers(await list({ lang, ...filter })).sort();
      const n = (...ts: Ticket[]) => numbers(ts).sort();
      expect(await set({ status: 'new' })).toEqual(n(c));
      expect(await set({ status: 'closed' })).toEqual(n(g));
      expect(await set({ priority: 'urgent' })).toEqual(n(b, c, g));
      expect(await set({ priority: 'urgent', status: 'open' })).toEqual(n(b));
      expect(await set({ assignee: 'agent-1' })).toEqual(n(b));
      expect(await set({ assignee: 'none' })).toEqual(n(a, c, d, e, g));
      expect(await set({})).toHaveLength(7);
      expect(await list({ lang: `${lang}z` })).toEqual([]);
      // Overdue: an unmet first reply or a resolution due before then, and not solved or closed.
      expect(await set({ overdueAt: '2026-01-03T12:00:00.000Z' })).toEqual(n(b, c));
      expect(await set({ overdueAt: '2026-01-09T12:00:00.000Z' })).toEqual(n(a, b, c, e, f));
      expect(await set({ overdueAt: '2026-03-01T00:00:00.000Z' })).toEqual(n(a, b, c, e, f));
      expect(await set({ overdueAt: '2026-01-01T00:00:00.000Z' })).toEqual([]);
      await store().tickets.update(b.id, { status: 'solved' }, { actor: 't', action: 'solved', changes: {} });
      expect(await set({ overdueAt: '2026-01-03T12:00:00.000Z' })).toEqual(n(c));
    });

    it('searches every word, any case, in number, subject, email, fields and public comments; notes only for agents', async () => {
      const lang = `x${randomUUID().slice(0, 6)}`;
      const make = (over: Partial<NewTicket>) => store().tickets.create(draft(lang, over), 'test');
      const a = await make({
        subject: 'Päivää, LASKU puuttuu',
        requester: { email: 'Jane@Example.com', name: null, channelId: null },
        fields: { order: 48213, description: 'invoice 100%_off' },
      });
      const b = await make({ subject: 'Parcel late' });
      await store().tickets.addComment(b.id, {
        author: { kind: 'agent', id: 'agent-1', name: 'Aino' },
        body: 'Carrier says Tuesday',
        internal: false,
      });
      await store().tickets.addComment(b.id, {
        author: { kind: 'agent', id: 'agent-1', name: 'Aino' },
        body: 'VIP customer, escalate',
        internal: true,
      });
      const q = async (words: string, searchNotes = false) =>
        numbers(await list({ lang, q: words, searchNotes })).sort();
      expect(await q('lasku PÄIVÄÄ')).toEqual([a.number]);
      expect(await q('jane@example.com 48213')).toEqual([a.number]);
      expect(await q('100%_off')).toEqual([a.number]);
      expect(await q('%')).toEqual([a.number]);
      expect(await q('_')).toEqual([a.number]);
      expect(await q(a.number.toLowerCase())).toEqual([a.number]);
      expect(await q('carrier tuesday')).toEqual([b.number]);
      expect(await q('lasku tuesday')).toEqual([]);
      expect(await q('escalate')).toEqual([]);
      expect(await q('escalate', true)).toEqual([b.number]);
      expect(await q('vip parcel', true)).toEqual([b.number]);
      expect(await q('  ')).toEqual([a.number, b.number].sort());
    });
  });
}
