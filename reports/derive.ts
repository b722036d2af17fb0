import type { ArticleCounts, DayCounts, KpiCounts, KpiQuery, KpiRates, KpiReport } from './types.js';

/** part / whole, or null when the whole is 0 (a rate of nothing is not 0 %). */
export const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** The rates, as defined in the README, from a store's counts. */
export function kpiRates(c: KpiCounts): KpiRates {
  const botTurns = c.answers + c.clarifications + c.unresolved;
  return {
    involvement: ratio(c.involved, c.conversations),
    answerRate: ratio(c.answers, botTurns),
    containment: ratio(c.contained, c.involved),
    resolution: ratio(c.resolvedAnswers, c.answers),
    handoffRate: ratio(c.handoffs, c.conversations),
    ticketRate: ratio(c.tickets, c.conversations),
  };
}

const withResolution = (a: ArticleCounts) => ({
  ...a,
  resolution: a.answers > 0 ? a.resolved / a.answers : 0,
});

/** The whole report: counts, rates, CSAT summary, top and bottom articles. */
export function deriveReport(query: KpiQuery, counts: KpiCounts, articleLimit = 5): KpiReport {
  const csatCount = counts.csat.reduce((s, n) => s + n, 0);
  const csatSum = counts.csat.reduce((s, n, i) => s + n * (i + 1), 0);
  const articles = counts.articles.filter((a) => a.answers > 0).map(withResolution);
  const byId = (a: { articleId: string }, b: { articleId: string }) => a.articleId.localeCompare(b.articleId);
  return {
    query,
    counts,
    rates: kpiRates(counts),
    csat: { count: csatCount, average: ratio(csatSum, csatCount), distribution: [...counts.csat] },
    topArticles: [...articles].sort((a, b) => b.answers - a.answers || byId(a, b)).slice(0, articleLimit),
    bottomArticles: [...articles]
      .sort((a, b) => a.resolution - b.resolution || b.answers - a.answers || byId(a, b))
      .slice(0, articleLimit),
  };
}

type DayKey = Exclude<keyof DayCounts, 'day'>;

/** One row per day from per-series day counts, in day order. */
export function mergeDays(series: Record<DayKey, ReadonlyArray<{ day: string; n: number }>>): DayCounts[] {
  const days = new Map<string, Record<DayKey, number>>();
  for (const [key, rows] of Object.entries(series) as Array<
    [DayKey, ReadonlyArray<{ day: string; n: number }>]
  >)
    for (const { day, n } of rows) {
      const row = days.get(day) ?? { conversations: 0, answers: 0, unresolved: 0, handoffs: 0, tickets: 0 };
      row[key] += n;
      days.set(day, row);
    }
  return [...days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, row]) => ({ day, ...row }));
}
