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

interface ErrorBody {
  readonly error?: { readonly code?: string; readonly message?: string; readonly details?: string[] };
}

/** GET (no body) or a JSON request; the parsed answer, or AdminApiError (status 0 when offline). */
export async function adminApi<T>(path: string, method = 'GET', body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${base}${path}`, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new AdminApiError(0, 'OFFLINE', 'Cannot reach the server. Check your connection and try again.');
  }
  if (res.ok) return (await res.json()) as T;
  const err = (await res.json().catch(() => ({}))) as ErrorBody;
  throw new AdminApiError(
    res.status,
    err.error?.code ?? 'HTTP',
    err.error?.message ?? `The request failed (HTTP ${res.status}).`,
    err.error?.details ?? [],
  );
}

/** A CSV download's address (same origin; the session cookie goes with it). */
export const csvUrl = (query: URLSearchParams, chart: string): string => {
  const q = new URLSearchParams(query);
  q.set('chart', chart);
  return `${base}/reports.csv?${q.toString()}`;
};
