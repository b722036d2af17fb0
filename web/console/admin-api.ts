import { requestJson } from './json-request.js';

/** The console's admin HTTP API (/console/api/admin/…): JSON in and out, errors with their message. */
const base = '/console/api/admin';

export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }
}

/** GET (no body) or a JSON request; the parsed answer, or AdminApiError (status 0 when offline). */
export function adminApi<T>(path: string, method = 'GET', body?: unknown): Promise<T> {
  return requestJson<T>(`${base}${path}`, method, body, (...e) => new AdminApiError(...e));
}

/** A CSV download's address (same origin; the session cookie goes with it). */
export const csvUrl = (query: URLSearchParams, chart: string): string => {
  const q = new URLSearchParams(query);
  q.set('chart', chart);
  return `${base}/reports.csv?${q.toString()}`;
};
