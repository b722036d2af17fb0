import type { KpiReport } from './types.js';

/** The charts of the Reports view, each downloadable as CSV. */
export const reportCharts = ['counts', 'rates', 'daily', 'csat', 'articles', 'agent-times'] as const;
export type ReportChart = (typeof reportCharts)[number];

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break; a text starting with = + - @
 * gets a leading apostrophe so a spreadsheet does not run it as a formula.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(4);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const csv = (rows: ReadonlyArray<ReadonlyArray<string | number | null>>) =>
  rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';

/** The chart's data as CSV, a header row first. */
export function reportCsv(report: KpiReport, chart: ReportChart): string {
  const c = report.counts;
  switch (chart) {
    case 'counts':
      return csv([
        ['measure', 'count'],
        ['conversations', c.conversations],
        ['bot answers', c.answers],
        ['clarifications', c.clarifications],
        ['unresolved', c.unresolved],
        ['handoffs', c.handoffs],
        ['tickets', c.tickets],
      ]);
    case 'rates':
      return csv([
        ['rate', 'value'],
        ...Object.entries(report.rates).map(([name, value]): [string, number | null] => [name, value]),
      ]);
    case 'daily':
      return csv([
        ['day', 'conversations', 'answers', 'unresolved', 'handoffs', 'tickets'],
        ...c.daily.map((d) => [d.day, d.conversations, d.answers, d.unresolved, d.handoffs, d.tickets]),
      ]);
    case 'csat':
      return csv([['rating', 'count'], ...report.csat.distribution.map((n, i) => [i + 1, n])]);
    case 'articles':
      return csv([
        ['article', 'answers', 'resolved', 'helpful', 'not helpful', 'resolution'],
        ...[...c.articles]
          .sort((a, b) => b.answers - a.answers || a.articleId.localeCompare(b.articleId))
          .map((a) => [a.articleId, a.answers, a.resolved, a.helpful, a.notHelpful, a.resolved / a.answers]),
      ]);
    case 'agent-times':
      return csv([
        ['measure', 'count', 'mean seconds'],
        ['time to first agent response', c.firstResponse.count, seconds(c.firstResponse.meanMs)],
        ['handle time', c.handle.count, seconds(c.handle.meanMs)],
        ['SLA breaches (tickets)', c.slaBreaches, null],
      ]);
  }
}

const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 1000));
