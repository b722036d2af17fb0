import type { Connection } from 'mongoose';
import type { ReportStore } from '../../reports/ports.js';
import { mergeDays } from '../../reports/derive.js';
import type { ArticleCounts, KpiQuery } from '../../reports/types.js';
import {
  answerPipeline,
  conversationFilter,
  conversationPipeline,
  eventPipeline,
  handoffPipeline,
  ticketPipeline,
  type DayRow,
  type Doc,
} from './report-pipelines.js';

const days = (rows: readonly DayRow[]) => rows.map((r) => ({ day: r._id, n: r.n }));
type Totals = Doc & { totals: Doc[]; daily: DayRow[]; csat: Array<{ _id: number; n: number }> };

/**
 * The KPI counts as MongoDB aggregations over the collections the other mongo stores write (conversations,
 * messages, handoffs, tickets), with the same definitions as the SQL of store/embedded/reports.ts. The
 * pipelines are in store/mongo/report-pipelines.ts; this runs them and assembles the counts.
 */
export function mongoReports(connection: Connection): ReportStore {
  const run = <T extends Doc>(collection: string, pipeline: Doc[]) =>
    connection.collection(collection).aggregate<T>(pipeline).toArray();
  return {
    async live() {
      const [queuedHandoffs, openTickets] = await Promise.all([
        connection.collection('handoffs').countDocuments({ status: 'queued' }),
        connection.collection('tickets').countDocuments({ status: { $in: ['new', 'open', 'pending'] } }),
      ]);
      return { queuedHandoffs, openTickets };
    },
    async kpis(query: KpiQuery) {
      const range = { $gte: new Date(query.from), $lt: new Date(query.to) };
      const convFilter = conversationFilter(query);
      const [conv] = await run<Doc & { total: number; involved: number; contained: number; daily: DayRow[] }>(
        'conversations',
        conversationPipeline(range, convFilter),
      );
      const [answers] = await run<Doc & { articles: Doc[]; daily: DayRow[] }>(
        'messages',
        answerPipeline(range, convFilter),
      );
      const events = await run<{ _id: { day: string; event: string }; n: number }>(
        'messages',
        eventPipeline(range, convFilter),
      );
      const [handoffs] = await run<Totals>('handoffs', handoffPipeline(range, convFilter));
      const [tickets] = await run<Totals>('tickets', ticketPipeline(query));

      const num = (d: Doc | undefined, key: string): number => {
        const v = d?.[key];
        return typeof v === 'number' ? v : 0;
      };
      const mean = (d: Doc | undefined, key: string): number | null => {
        const v = d?.[key];
        return typeof v === 'number' ? Math.round(v) : null;
      };
      const articles: ArticleCounts[] = (answers?.articles ?? []).map((a) => ({
        articleId: String(a['_id']),
        answers: num(a, 'answers'),
        resolved: num(a, 'resolved'),
        helpful: num(a, 'helpful'),
        notHelpful: num(a, 'notHelpful'),
      }));
      const sum = (key: 'answers' | 'resolved' | 'helpful' | 'notHelpful') =>
        articles.reduce((s, a) => s + a[key], 0);
      const eventRows = (event: string) =>
        events.filter((e) => e._id.event === event).map((e) => ({ day: e._id.day, n: e.n }));
      const eventCount = (event: string) => eventRows(event).reduce((s, e) => s + e.n, 0);
      const h = handoffs?.totals[0];
      const t = tickets?.totals[0];
      const csat: [number, number, number, number, number] = [0, 0, 0, 0, 0];
      for (const row of [...(handoffs?.csat ?? []), ...(tickets?.csat ?? [])])
        if (row._id >= 1 && row._id <= 5) csat[row._id - 1] = (csat[row._id - 1] ?? 0) + row.n;
      return {
        conversations: num(conv, 'total'),
        involved: num(conv, 'involved'),
        contained: num(conv, 'contained'),
        answers: sum('answers'),
        clarifications: eventCount('clarify'),
        unresolved: eventCount('unresolved'),
        resolvedAnswers: sum('resolved'),
        ratedHelpful: sum('helpful'),
        ratedNotHelpful: sum('notHelpful'),
        handoffs: num(h, 'total'),
        tickets: num(t, 'total'),
        firstResponse: { count: num(h, 'responded'), meanMs: mean(h, 'responseMs') },
        handle: { count: num(h, 'handled'), meanMs: mean(h, 'handleMs') },
        slaBreaches: num(t, 'breaches'),
        csat,
        articles,
        daily: mergeDays({
          conversations: days(conv?.daily ?? []),
          answers: days(answers?.daily ?? []),
          unresolved: eventRows('unresolved'),
          handoffs: days(handoffs?.daily ?? []),
          tickets: days(tickets?.daily ?? []),
        }),
      };
    },
  };
}
