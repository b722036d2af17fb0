import type { Connection } from 'mongoose';
import type { ReportStore } from '../../reports/ports.js';
import { mergeDays } from '../../reports/derive.js';
import type { ArticleCounts, KpiQuery } from '../../reports/types.js';

type Doc = Record<string, unknown>;
type DayRow = { _id: string; n: number };

const dayOf = (field: string) => ({ $dateToString: { format: '%Y-%m-%d', date: field } });
const some = (field: string) => ({ $gt: [{ $size: field }, 0] });
const isSet = (field: string) => ({ $gt: [field, null] });
const days = (rows: readonly DayRow[]) => rows.map((r) => ({ day: r._id, n: r.n }));

/**
 * The KPI counts as MongoDB aggregations over the collections the other mongo stores write (conversations,
 * messages, handoffs, tickets), with the same definitions as the SQL of store/embedded/reports.ts.
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
      const convFilter: Doc = {
        ...(query.lang ? { lang: query.lang } : {}),
        ...(query.channel ? { channel: query.channel } : {}),
      };
      /** Messages of conversations that pass the filters (a lookup only when there is a filter). */
      const ofFilteredConversations: Doc[] =
        Object.keys(convFilter).length === 0
          ? []
          : [
              {
                $lookup: {
                  from: 'conversations',
                  localField: 'conversationId',
                  foreignField: '_id',
                  pipeline: [{ $match: convFilter }, { $project: { _id: 1 } }],
                  as: 'c',
                },
              },
              { $match: { 'c.0': { $exists: true } } },
            ];
      const firstOf = (from: string, foreignField: string, match: Doc = {}) => ({
        $lookup: {
          from,
          localField: '_id',
          foreignField,
          pipeline: [{ $match: match }, { $limit: 1 }, { $project: { _id: 1 } }],
          as: from === 'messages' ? 'bot' : from,
        },
      });

      const [conv] = await run<Doc & { total: number; involved: number; contained: number; daily: DayRow[] }>(
        'conversations',
        [
          { $match: { createdAt: range, ...convFilter } },
          firstOf('messages', 'conversationId', { role: 'bot' }),
          firstOf('handoffs', 'conversationId'),
          firstOf('tickets', 'doc.conversationId'),
          {
            $facet: {
              totals: [
                {
                  $group: {
                    _id: null,
                    total: { $sum: 1 },
                    involved: { $sum: { $cond: [some('$bot'), 1, 0] } },
                    contained: {
                      $sum: {
                        $cond: [
                          {
                            $and: [some('$bot'), { $not: [some('$handoffs')] }, { $not: [some('$tickets')] }],
                          },
                          1,
                          0,
                        ],
                      },
                    },
                  },
                },
              ],
              daily: [{ $group: { _id: dayOf('$createdAt'), n: { $sum: 1 } } }],
            },
          },
          {
            $project: {
              total: { $ifNull: [{ $first: '$totals.total' }, 0] },
              involved: { $ifNull: [{ $first: '$totals.involved' }, 0] },
              contained: { $ifNull: [{ $first: '$totals.contained' }, 0] },
              daily: 1,
            },
          },
        ],
      );

      const [answers] = await run<Doc & { articles: Doc[]; daily: DayRow[] }>('messages', [
        { $match: { role: 'bot', createdAt: range, 'meta.articleId': { $type: 'string' } } },
        ...ofFilteredConversations,
        {
          $lookup: {
            from: 'messages',
            let: { conv: '$conversationId', seq: '$seq', until: { $add: ['$createdAt', 600_000] } },
            pipeline: [
              {
                $match: {
                  $expr: {
                    $and: [
                      { $eq: ['$conversationId', '$$conv'] },
                      { $gt: ['$seq', '$$seq'] },
                      { $lte: ['$createdAt', '$$until'] },
                      { $or: [{ $eq: ['$role', 'visitor'] }, { $eq: ['$meta.event', 'handoff'] }] },
                    ],
                  },
                },
              },
              { $limit: 1 },
              { $project: { _id: 1 } },
            ],
            as: 'after',
          },
        },
        // The visitor's rating of this answer (collection answer_ratings, keyed by the message id).
        { $lookup: { from: 'answer_ratings', localField: '_id', foreignField: '_id', as: 'rated' } },
        {
          $addFields: {
            rating: {
              $let: {
                vars: { r: { $first: '$rated' } },
                in: {
                  $cond: [
                    { $eq: [{ $type: '$$r' }, 'object'] },
                    { $cond: ['$$r.helpful', 'helpful', 'not_helpful'] },
                    null,
                  ],
                },
              },
            },
          },
        },
        {
          $project: {
            article: '$meta.articleId',
            rating: '$rating',
            day: dayOf('$createdAt'),
            resolved: {
              $switch: {
                branches: [
                  { case: { $eq: ['$rating', 'helpful'] }, then: 1 },
                  { case: { $eq: ['$rating', 'not_helpful'] }, then: 0 },
                  { case: some('$after'), then: 0 },
                ],
                default: 1,
              },
            },
          },
        },
        {
          $facet: {
            articles: [
              {
                $group: {
                  _id: '$article',
                  answers: { $sum: 1 },
                  resolved: { $sum: '$resolved' },
                  helpful: { $sum: { $cond: [{ $eq: ['$rating', 'helpful'] }, 1, 0] } },
                  notHelpful: { $sum: { $cond: [{ $eq: ['$rating', 'not_helpful'] }, 1, 0] } },
                },
              },
            ],
            daily: [{ $group: { _id: '$day', n: { $sum: 1 } } }],
          },
        },
      ]);

      const events = await run<{ _id: { day: string; event: string }; n: number }>('messages', [
        { $match: { role: 'bot', createdAt: range, 'meta.event': { $in: ['clarify', 'unresolved'] } } },
        ...ofFilteredConversations,
        { $group: { _id: { day: dayOf('$createdAt'), event: '$meta.event' }, n: { $sum: 1 } } },
      ]);

      const responded = isSet('$firstResponseAt');
      const handled = {
        $and: [{ $eq: ['$status', 'resolved'] }, isSet('$assignedAt'), isSet('$resolvedAt')],
      };
      const [handoffs] = await run<
        Doc & { totals: Doc[]; daily: DayRow[]; csat: Array<{ _id: number; n: number }> }
      >('handoffs', [
        { $match: { createdAt: range, ...convFilter } },
        {
          $facet: {
            totals: [
              {
                $group: {
                  _id: null,
                  total: { $sum: 1 },
                  responded: { $sum: { $cond: [responded, 1, 0] } },
                  responseMs: {
                    $avg: { $cond: [responded, { $subtract: ['$firstResponseAt', '$queuedAt'] }, null] },
                  },
                  handled: { $sum: { $cond: [handled, 1, 0] } },
                  handleMs: {
                    $avg: { $cond: [handled, { $subtract: ['$resolvedAt', '$assignedAt'] }, null] },
                  },
                },
              },
            ],
            daily: [{ $group: { _id: dayOf('$createdAt'), n: { $sum: 1 } } }],
            csat: [
              { $match: { 'csat.rating': { $gte: 1, $lte: 5 } } },
              { $group: { _id: { $toInt: '$csat.rating' }, n: { $sum: 1 } } },
            ],
          },
        },
      ]);

      const late = (due: string, done: string) => ({
        $and: [isSet(due), { $gt: [{ $ifNull: [done, query.now] }, due] }],
      });
      const [tickets] = await run<
        Doc & { totals: Doc[]; daily: DayRow[]; csat: Array<{ _id: number; n: number }> }
      >('tickets', [
        {
          $match: {
            createdAt: { $gte: query.from, $lt: query.to },
            ...(query.lang ? { lang: query.lang } : {}),
            ...(query.channel ? { 'doc.channel': query.channel } : {}),
          },
        },
        {
          $facet: {
            totals: [
              {
                $group: {
                  _id: null,
                  total: { $sum: 1 },
                  breaches: {
                    $sum: {
                      $cond: [
                        {
                          $or: [
                            late('$doc.firstReplyDue', '$doc.firstRepliedAt'),
                            late('$doc.resolutionDue', '$doc.solvedAt'),
                          ],
                        },
                        1,
                        0,
                      ],
                    },
                  },
                },
              },
            ],
            daily: [{ $group: { _id: { $substrBytes: ['$createdAt', 0, 10] }, n: { $sum: 1 } } }],
            csat: [
              { $match: { 'doc.csat.rating': { $gte: 1, $lte: 5 } } },
              { $group: { _id: { $toInt: '$doc.csat.rating' }, n: { $sum: 1 } } },
            ],
          },
        },
      ]);

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
