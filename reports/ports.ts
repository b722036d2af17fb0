import type { KpiCounts, KpiQuery } from './types.js';

/**
 * The KPI counts for a range and filters, computed by the store in its own query language (SQLite SQL in
 * store/embedded/reports.ts, a MongoDB aggregation in store/mongo/reports.ts), never by reading every
 * message into JavaScript.
 */
export interface ReportStore {
  kpis(query: KpiQuery): Promise<KpiCounts>;
  /** Now: chats waiting in the agent queue, and tickets not solved or closed (the /metrics gauges). */
  live(): Promise<{ queuedHandoffs: number; openTickets: number }>;
}
