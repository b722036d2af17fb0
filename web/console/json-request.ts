/** How a console API module makes its error from a refused request (status 0: the server was not reached). */
export type ApiErrorFactory = (status: number, code: string, message: string, details: string[]) => Error;

interface ErrorBody {
  readonly error?: { readonly code?: string; readonly message?: string; readonly details?: unknown };
}

/**
 * A same-origin JSON request of the console (the session cookie goes with it): the parsed answer, or the
 * module's error with the server's code, message and details (code NETWORK when it cannot be reached).
 */
export async function requestJson<T>(
  url: string,
  method: string,
  body: unknown,
  error: ApiErrorFactory,
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw error(0, 'NETWORK', 'Cannot reach the server. Check your connection and try again.', []);
  }
  if (res.ok) return (await res.json()) as T;
  const err = ((await res.json().catch(() => ({}))) as ErrorBody).error;
  throw error(
    res.status,
    err?.code ?? `HTTP_${res.status}`,
    err?.message ?? `The request failed (HTTP ${res.status}).`,
    Array.isArray(err?.details) ? err.details.map(String) : [],
  );
}
