import type { KpiQuery } from '../../reports/types.js';

/*
 * The aggregation pipelines of the KPI counts (store/mongo/reports.ts runs them), one per collection, with
 * the same definitions as the SQL of store/embedded/reports.ts.
 */
export type Doc = Record<string, unknown>;
export type DayRow = { _id: string; n: number };
/** A creation-time range as Mongo matches it. */
export type DateRange = { $gte: Date; $lt: Date };

const dayOf = (field: string) => ({ $dateToString: { format: '%Y-%m-%d', date: field } });
const some = (field: string) => ({ $gt: [{ $size: field }, 0] });
const isSet = (field: string) => ({ $gt: [field, null] });

/** The conversation filters of a query (language, channel). */
export const conversationFilter = (query: KpiQuery): Doc => ({
  ...(query.lang ? { lang: query.lang } : {}),
  ...(query.channel ? { channel: query.channel } : {}),
});

/** Messages of conversations that pass the filters (a lookup only when there is a filter). */
function ofFilteredConversations(convFilter: Doc): Doc[] {
  return Object.keys(convFilter).length === 0
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
}

const firstOf = (from: string, foreignField: string, match: Doc = {}) => ({
  $lookup: {
    from,
    localField: '_id',
    foreignField,
    pipeline: [{ $match: match }, { $limit: 1 }, { $project: { _id: 1 } }],
    as: from === 'messages' ? 'bot' : from,
  },
});

/** Conversations: total, bot-involved, contained (no handoff, no ticket), per day. */
export function conversationPipeline(range: DateRange, convFilter: Doc): Doc[] {
  return [
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
  ];
}

/** The bot's answers per article: resolved (no follow-up within 10 minutes) and rated. */
export function answerPipeline(range: DateRange, convFilter: Doc): Doc[] {
  return [
    { $match: { role: 'bot', createdAt: range, 'meta.articleId': { $type: 'string' } } },
    ...ofFilteredConversations(convFilter),
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
  ];
}

/** Clarifications and unresolved questions per day. */
export function eventPipeline(range: DateRange, convFilter: Doc): Doc[] {
  return [
    { $match: { role: 'bot', createdAt: range, 'meta.event': { $in: ['clarify', 'unresolved'] } } },
    ...ofFilteredConversations(convFilter),
    { $group: { _id: { day: dayOf('$createdAt'), event: '$meta.event' }, n: { $sum: 1 } } },
  ];
}

/** Handoffs: total, first response and handle times, per day, CSAT ratings. */
export function handoffPipeline(range: DateRange, convFilter: Doc): Doc[] {
  const responded = isSet('$firstResponseAt');
  const handled = {
    $and: [{ $eq: ['$status', 'resolved'] }, isSet('$assignedAt'), isSet('$resolvedAt')],
  };
  return [
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
  ];
}

/** Tickets: total, SLA breaches (late or still open past a due time), per day, CSAT ratings. */
export function ticketPipeline(query: KpiQuery): Doc[] {
  const late = (due: string, done: string) => ({
    $and: [isSet(due), { $gt: [{ $ifNull: [done, query.now] }, due] }],
  });
  return [
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
  ];
}
