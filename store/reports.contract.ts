import { beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { MessageMeta } from '../conversation/types.js';
import { deriveReport } from '../reports/derive.js';
import type { KpiQuery } from '../reports/types.js';
import { ticketInput } from '../test/helpers/tickets.js';
import type { Store } from './ports.js';

const hour = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The KPI part of the store contract: a seeded channel of its own whose figures are known by construction
 * (see the comments), so other tests' data in a shared database does not count.
 *   c1 en: answer A, nothing after                    → involved, contained, answer resolved
 *   c2 en: answer A rated helpful, a question after;  → helpful wins: resolved
 *          then an unresolved reply
 *   c3 en: answer B, a question after (not resolved);  a clarification; a handoff: first response after
 *          60 s, handled in 300 s, CSAT 4
 *   c4 fi: answer B rated not helpful; a ticket whose first reply is an hour overdue, CSAT 5
 *   c5 en: a visitor message only                     → not involved
 *   and an English ticket without a conversation, due tomorrow (no breach).
 */
export function describeReportsContract(store: () => Store): void {
  describe('reports (KPIs)', () => {
    let channel: string;
    const query = (extra: Partial<KpiQuery> = {}): KpiQuery => ({
      from: iso(Date.now() - hour),
      to: iso(Date.now() + hour),
      channel,
      now: iso(Date.now()),
      ...extra,
    });

    beforeEach(async () => {
      channel = `kpi-${randomUUID()}`;
      const s = store();
      const open = (lang: string) => s.conversations.open({ channel, visitorKey: randomUUID(), lang });
      const visitor = (id: string, text = 'question') =>
        s.conversations.append(id, { role: 'visitor', text });
      const bot = (id: string, meta: Record<string, unknown>) =>
        s.conversations.append(id, { role: 'bot', text: 'reply', meta: meta as MessageMeta });

      const c1 = await open('en');
      await visitor(c1.id);
      await bot(c1.id, { articleId: 'kpi-a', confidence: 0.9, event: null });

      const c2 = await open('en');
      await visitor(c2.id);
      const rated = await bot(c2.id, { articleId: 'kpi-a', confidence: 0.9 });
      await s.ratings.rate({
        messageId: rated.message.id,
        conversationId: c2.id,
        articleId: 'kpi-a',
        lang: 'en',
        helpful: true,
      });
      await visitor(c2.id, 'something else');
      await bot(c2.id, { articleId: null, confidence: 0.1, event: 'unresolved' });

      const c3 = await open('en');
      await visitor(c3.id);
      await bot(c3.id, { articleId: 'kpi-b', confidence: 0.8 });
      await visitor(c3.id, 'that is not it');
      await bot(c3.id, { confidence: 0.3, event: 'clarify' });
      const h = await s.handoffs.create({
        conversationId: c3.id,
        channel,
        lang: 'en',
        skills: [],
        reason: 'asked',
        page: null,
        status: 'queued',
      });
      const queued = Date.parse(h.queuedAt);
      await s.handoffs.claim(h.id, 'agent-kpi', iso(queued + 10_000));
      await s.handoffs.update(h.id, ['assigned'], {
        firstResponseAt: iso(queued + 60_000),
        status: 'resolved',
        resolvedAt: iso(queued + 310_000),
        csat: { rating: 4, comment: null },
      });

      const c4 = await open('fi');
      await visitor(c4.id);
      const unhelpful = await bot(c4.id, { articleId: 'kpi-b', confidence: 0.7 });
      await s.ratings.rate({
        messageId: unhelpful.message.id,
        conversationId: c4.id,
        articleId: 'kpi-b',
        lang: 'en',
        helpful: false,
      });
      const late = await s.tickets.create(
        ticketInput({ lang: 'fi', channel, conversationId: c4.id, firstReplyDue: iso(Date.now() - hour) }),
        'bot',
      );
      await s.tickets.update(
        late.id,
        { csat: { rating: 5, comment: null, at: iso(Date.now()) } },
        { actor: 'test', action: 'csat', changes: {} },
      );

      const c5 = await open('en');
      await visitor(c5.id);
      await s.tickets.create(ticketInput({ channel, firstReplyDue: iso(Date.now() + 24 * hour) }), 'api');
    });

    it('counts every figure of the seeded channel', async () => {
      const counts = await store().reports.kpis(query());
      const { articles, daily, ...rest } = counts;
      expect(rest).toEqual({
        conversations: 5,
        involved: 4,
        contained: 2,
        answers: 4,
        clarifications: 1,
        unresolved: 1,
        resolvedAnswers: 2,
        ratedHelpful: 1,
        ratedNotHelpful: 1,
        handoffs: 1,
        tickets: 2,
        firstResponse: { count: 1, meanMs: 60_000 },
        handle: { count: 1, meanMs: 300_000 },
        slaBreaches: 1,
        csat: [0, 0, 0, 1, 1],
      });
      expect([...articles].sort((a, b) => a.articleId.localeCompare(b.articleId))).toEqual([
        { articleId: 'kpi-a', answers: 2, resolved: 2, helpful: 1, notHelpful: 0 },
        { articleId: 'kpi-b', answers: 2, resolved: 0, helpful: 0, notHelpful: 1 },
      ]);
      expect(daily).toEqual([
        {
          day: new Date().toISOString().slice(0, 10),
          conversations: 5,
          answers: 4,
          unresolved: 1,
          handoffs: 1,
          tickets: 2,
        },
      ]);
      const report = deriveReport(query(), counts);
      expect(report.rates).toEqual({
        involvement: 4 / 5,
        answerRate: 4 / 6,
        containment: 2 / 4,
        resolution: 2 / 4,
        handoffRate: 1 / 5,
        ticketRate: 2 / 5,
      });
      expect(report.csat).toEqual({ count: 2, average: 4.5, distribution: [0, 0, 0, 1, 1] });
      expect(report.topArticles.map((a) => a.articleId)).toEqual(['kpi-a', 'kpi-b']);
      expect(report.bottomArticles[0]).toMatchObject({ articleId: 'kpi-b', resolution: 0 });
    });

    it('filters by language', async () => {
      const counts = await store().reports.kpis(query({ lang: 'fi' }));
      expect(counts).toMatchObject({
        conversations: 1,
        involved: 1,
        contained: 0,
        answers: 1,
        resolvedAnswers: 0,
        ratedNotHelpful: 1,
        clarifications: 0,
        handoffs: 0,
        tickets: 1,
        slaBreaches: 1,
        csat: [0, 0, 0, 0, 1],
        firstResponse: { count: 0, meanMs: null },
      });
    });

    it('counts nothing outside the date range, or on another channel', async () => {
      const past = await store().reports.kpis(
        query({ from: iso(Date.now() - 48 * hour), to: iso(Date.now() - 24 * hour) }),
      );
      const other = await store().reports.kpis(query({ channel: `none-${randomUUID()}` }));
      for (const counts of [past, other])
        expect(counts).toEqual({
          conversations: 0,
          involved: 0,
          contained: 0,
          answers: 0,
          clarifications: 0,
          unresolved: 0,
          resolvedAnswers: 0,
          ratedHelpful: 0,
          ratedNotHelpful: 0,
          handoffs: 0,
          tickets: 0,
          firstResponse: { count: 0, meanMs: null },
          handle: { count: 0, meanMs: null },
          slaBreaches: 0,
          csat: [0, 0, 0, 0, 0],
          articles: [],
          daily: [],
        });
    });
  });
}
