/**
 * The KPI report: what a store counts for a date range and filters (`KpiCounts`), and the rates derived
 * from those counts (`KpiReport`, `deriveReport` in derive.ts). Every figure is defined in the README
 * ("Reports and metrics").
 */

export interface KpiQuery {
  /** Start of the range, inclusive (ISO 8601, UTC). */
  readonly from: string;
  /** End of the range, exclusive (ISO 8601, UTC). */
  readonly to: string;
  /** Only conversations (and their handoffs and tickets) in this language. */
  readonly lang?: string;
  /** Only this channel (web, messenger, terminal, …). */
  readonly channel?: string;
  /** "Now", for SLA breaches of tickets still open (ISO). */
  readonly now: string;
}

export interface ArticleCounts {
  readonly articleId: string;
  readonly answers: number;
  /** Answers counted as resolved (rated helpful, or not followed by a handoff or a question within 10 min). */
  readonly resolved: number;
  readonly helpful: number;
  readonly notHelpful: number;
}

export interface DayCounts {
  /** YYYY-MM-DD (UTC). */
  readonly day: string;
  readonly conversations: number;
  readonly answers: number;
  readonly unresolved: number;
  readonly handoffs: number;
  readonly tickets: number;
}

/** What a store computes in its own query language (SQL, MongoDB aggregation). */
export interface KpiCounts {
  /** Conversations started in the range. */
  readonly conversations: number;
  /** Of those, conversations with at least one bot message. */
  readonly involved: number;
  /** Of the involved ones, conversations with no handoff and no ticket. */
  readonly contained: number;
  /** Bot answers (a message with an article) in the range. */
  readonly answers: number;
  readonly clarifications: number;
  readonly unresolved: number;
  readonly resolvedAnswers: number;
  readonly ratedHelpful: number;
  readonly ratedNotHelpful: number;
  /** Handoffs requested in the range. */
  readonly handoffs: number;
  /** Tickets created in the range. */
  readonly tickets: number;
  /** Handoffs of the range with a first agent response: how many, and the mean wait from the request (ms). */
  readonly firstResponse: { readonly count: number; readonly meanMs: number | null };
  /** Resolved handoffs of the range: how many, and the mean time from assignment to resolution (ms). */
  readonly handle: { readonly count: number; readonly meanMs: number | null };
  /** Tickets of the range whose first reply or resolution came (or is still open) after its due time. */
  readonly slaBreaches: number;
  /** CSAT ratings (1–5) of the range's handoffs and tickets: count per rating, index 0 = rating 1. */
  readonly csat: readonly [number, number, number, number, number];
  /** Every article answered in the range. */
  readonly articles: readonly ArticleCounts[];
  /** One row per day that has anything, in order. */
  readonly daily: readonly DayCounts[];
}

export interface KpiRates {
  readonly involvement: number | null;
  readonly answerRate: number | null;
  readonly containment: number | null;
  readonly resolution: number | null;
  readonly handoffRate: number | null;
  readonly ticketRate: number | null;
}

export interface KpiReport {
  readonly query: KpiQuery;
  readonly counts: KpiCounts;
  readonly rates: KpiRates;
  readonly csat: {
    readonly count: number;
    readonly average: number | null;
    readonly distribution: readonly number[];
  };
  /** Most answered articles (up to 5). */
  readonly topArticles: readonly (ArticleCounts & { readonly resolution: number })[];
  /** Lowest resolution rate among articles with at least 1 answer (up to 5), worst first. */
  readonly bottomArticles: readonly (ArticleCounts & { readonly resolution: number })[];
}
