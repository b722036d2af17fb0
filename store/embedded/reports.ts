import type Database from 'better-sqlite3';
import type { ReportStore } from '../../reports/ports.js';
import { mergeDays } from '../../reports/derive.js';
import type { ArticleCounts, KpiCounts } from '../../reports/types.js';

interface Params {
  from: string;
  to: string;
  lang: string | null;
  channel: string | null;
  now: string;
}

/** The conversation filters, on `c` (conversations). */
const convFilter = `(@lang IS NULL OR c.lang = @lang) AND (@channel IS NULL OR c.channel = @channel)`;
const inRange = (column: string) => `${column} >= @from AND ${column} < @to`;
const handoffWhere = `${inRange('h.created_at')} AND (@lang IS NULL OR h.lang = @lang)
  AND (@channel IS NULL OR h.channel = @channel)`;
const ticketWhere = `${inRange('t.created_at')} AND (@lang IS NULL OR t.lang = @lang)
  AND (@channel IS NULL OR json_extract(t.doc, '$.channel') = @channel)`;
/** A bot message of the range in a conversation that passes the filters. */
const botMessages = `FROM messages m JOIN conversations c ON c.id = m.conversation_id
  WHERE m.role = 'bot' AND ${inRange('m.created_at')} AND ${convFilter}`;

/**
 * Answers (bot messages naming an article) with whether each counts as resolved: rated helpful (the
 * visitors' ratings, table answer_ratings), or not
 * rated "not helpful" and not followed within 10 minutes by a visitor message or a handoff notice.
 */
const answers = `WITH ans AS (
    SELECT m.conversation_id AS conv, m.seq AS seq, m.created_at AS at,
      json_extract(m.meta, '$.articleId') AS article,
      (SELECT CASE WHEN r.helpful = 1 THEN 'helpful' ELSE 'not_helpful' END FROM answer_ratings r
        WHERE r.message_id = m.id) AS rating
    ${botMessages} AND json_extract(m.meta, '$.articleId') IS NOT NULL
  ), flagged AS (
    SELECT article, rating, substr(at, 1, 10) AS day,
      CASE WHEN rating = 'helpful' THEN 1 WHEN rating = 'not_helpful' THEN 0
        WHEN EXISTS (SELECT 1 FROM messages f WHERE f.conversation_id = ans.conv AND f.seq > ans.seq
          AND f.created_at <= strftime('%Y-%m-%dT%H:%M:%fZ', ans.at, '+10 minutes')
          AND (f.role = 'visitor' OR json_extract(f.meta, '$.event') = 'handoff')) THEN 0
        ELSE 1 END AS resolved
    FROM ans
  )`;

const ms = (later: string, earlier: string) => `(julianday(${later}) - julianday(${earlier})) * 86400000.0`;

/** The KPI counts in SQL over the embedded store's tables (indexes on the created_at columns). */
export function sqliteReports(db: Database.Database): ReportStore {
  const q = {
    conversations: db.prepare<[Params], { total: number; involved: number; contained: number }>(
      `SELECT COUNT(*) AS total,
         COALESCE(SUM(inv), 0) AS involved,
         COALESCE(SUM(inv AND NOT EXISTS (SELECT 1 FROM handoffs h WHERE h.conversation_id = x.id)
           AND x.id NOT IN (SELECT json_extract(doc, '$.conversationId') FROM tickets
             WHERE json_extract(doc, '$.conversationId') IS NOT NULL)), 0) AS contained
       FROM (SELECT c.id AS id,
               EXISTS (SELECT 1 FROM messages b WHERE b.conversation_id = c.id AND b.role = 'bot') AS inv
             FROM conversations c WHERE ${inRange('c.created_at')} AND ${convFilter}) x`,
    ),
    conversationsDaily: db.prepare<[Params], { day: string; n: number }>(
      `SELECT substr(c.created_at, 1, 10) AS day, COUNT(*) AS n FROM conversations c
       WHERE ${inRange('c.created_at')} AND ${convFilter} GROUP BY day`,
    ),
    articles: db.prepare<
      [Params],
      { article: string; answers: number; resolved: number; helpful: number; notHelpful: number }
    >(
      `${answers} SELECT article, COUNT(*) AS answers, SUM(resolved) AS resolved,
         SUM(rating IS 'helpful') AS helpful, SUM(rating IS 'not_helpful') AS notHelpful
       FROM flagged GROUP BY article`,
    ),
    answersDaily: db.prepare<[Params], { day: string; n: number }>(
      `${answers} SELECT day, COUNT(*) AS n FROM flagged GROUP BY day`,
    ),
    events: db.prepare<[Params], { day: string; event: string; n: number }>(
      `SELECT substr(m.created_at, 1, 10) AS day, json_extract(m.meta, '$.event') AS event, COUNT(*) AS n
       ${botMessages} AND json_extract(m.meta, '$.event') IN ('clarify', 'unresolved') GROUP BY day, event`,
    ),
    handoffs: db.prepare<
      [Params],
      {
        total: number;
        responded: number;
        responseMs: number | null;
        handled: number;
        handleMs: number | null;
      }
    >(
      `SELECT COUNT(*) AS total,
         COUNT(h.first_response_at) AS responded,
         AVG(CASE WHEN h.first_response_at IS NOT NULL THEN ${ms('h.first_response_at', 'h.queued_at')} END) AS responseMs,
         SUM(h.status = 'resolved' AND h.assigned_at IS NOT NULL AND h.resolved_at IS NOT NULL) AS handled,
         AVG(CASE WHEN h.status = 'resolved' AND h.assigned_at IS NOT NULL AND h.resolved_at IS NOT NULL
           THEN ${ms('h.resolved_at', 'h.assigned_at')} END) AS handleMs
       FROM handoffs h WHERE ${handoffWhere}`,
    ),
    handoffsDaily: db.prepare<[Params], { day: string; n: number }>(
      `SELECT substr(h.created_at, 1, 10) AS day, COUNT(*) AS n FROM handoffs h WHERE ${handoffWhere} GROUP BY day`,
    ),
    tickets: db.prepare<[Params], { total: number; breaches: number }>(
      `SELECT COUNT(*) AS total, COALESCE(SUM(
         (t.first_reply_due IS NOT NULL AND COALESCE(t.first_replied_at, @now) > t.first_reply_due)
         OR (t.resolution_due IS NOT NULL AND COALESCE(t.solved_at, @now) > t.resolution_due)), 0) AS breaches
       FROM tickets t WHERE ${ticketWhere}`,
    ),
    ticketsDaily: db.prepare<[Params], { day: string; n: number }>(
      `SELECT substr(t.created_at, 1, 10) AS day, COUNT(*) AS n FROM tickets t WHERE ${ticketWhere} GROUP BY day`,
    ),
    csat: db.prepare<[Params], { rating: number; n: number }>(
      `SELECT rating, COUNT(*) AS n FROM (
         SELECT CAST(json_extract(h.csat, '$.rating') AS INTEGER) AS rating FROM handoffs h
           WHERE ${handoffWhere} AND h.csat IS NOT NULL
         UNION ALL
         SELECT CAST(json_extract(t.doc, '$.csat.rating') AS INTEGER) FROM tickets t
           WHERE ${ticketWhere} AND json_extract(t.doc, '$.csat.rating') IS NOT NULL
       ) WHERE rating BETWEEN 1 AND 5 GROUP BY rating`,
    ),
  };
  const live = db.prepare<[], { queued: number; open: number }>(
    `SELECT (SELECT COUNT(*) FROM handoffs WHERE status = 'queued') AS queued,
       (SELECT COUNT(*) FROM tickets WHERE status IN ('new', 'open', 'pending')) AS open`,
  );
  return {
    async live() {
      const row = live.get();
      return { queuedHandoffs: row?.queued ?? 0, openTickets: row?.open ?? 0 };
    },
    async kpis(query) {
      const p: Params = {
        from: query.from,
        to: query.to,
        lang: query.lang ?? null,
        channel: query.channel ?? null,
        now: query.now,
      };
      return db.transaction((): KpiCounts => {
        const conv = q.conversations.get(p) ?? { total: 0, involved: 0, contained: 0 };
        const articles: ArticleCounts[] = q.articles.all(p).map((a) => ({
          articleId: a.article,
          answers: a.answers,
          resolved: a.resolved,
          helpful: a.helpful,
          notHelpful: a.notHelpful,
        }));
        const events = q.events.all(p);
        const eventCount = (event: string) =>
          events.filter((e) => e.event === event).reduce((s, e) => s + e.n, 0);
        const h = q.handoffs.get(p);
        const t = q.tickets.get(p) ?? { total: 0, breaches: 0 };
        const csat: [number, number, number, number, number] = [0, 0, 0, 0, 0];
        for (const row of q.csat.all(p)) csat[row.rating - 1] = row.n;
        const sum = (key: 'answers' | 'resolved' | 'helpful' | 'notHelpful') =>
          articles.reduce((s, a) => s + a[key], 0);
        return {
          conversations: conv.total,
          involved: conv.involved,
          contained: conv.contained,
          answers: sum('answers'),
          clarifications: eventCount('clarify'),
          unresolved: eventCount('unresolved'),
          resolvedAnswers: sum('resolved'),
          ratedHelpful: sum('helpful'),
          ratedNotHelpful: sum('notHelpful'),
          handoffs: h?.total ?? 0,
          tickets: t.total,
          firstResponse: { count: h?.responded ?? 0, meanMs: roundMs(h?.responseMs ?? null) },
          handle: { count: h?.handled ?? 0, meanMs: roundMs(h?.handleMs ?? null) },
          slaBreaches: t.breaches,
          csat,
          articles,
          daily: mergeDays({
            conversations: q.conversationsDaily.all(p),
            answers: q.answersDaily.all(p),
            unresolved: events.filter((e) => e.event === 'unresolved'),
            handoffs: q.handoffsDaily.all(p),
            tickets: q.ticketsDaily.all(p),
          }),
        };
      })();
    },
  };
}

const roundMs = (value: number | null): number | null => (value === null ? null : Math.round(value));
