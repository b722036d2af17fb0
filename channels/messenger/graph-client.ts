import { appSecretProof } from './signature.js';

export interface GraphClientOptions {
  readonly graphUrl: string;
  readonly graphVersion: string;
  readonly pageAccessToken: string;
  readonly appSecret: string;
  /** Tries per call when the Graph API answers 5xx or 429 or cannot be reached (default 3). */
  readonly maxAttempts?: number;
  /** First retry delay in ms; it doubles after each try (default 500). */
  readonly baseDelayMs?: number;
  /** Per-try timeout in ms (default 10 s). */
  readonly timeoutMs?: number;
}

export type SendOutcome =
  { readonly ok: true; readonly messageId: string | null } | { readonly ok: false; readonly error: string };

/**
 * Meta's Send API (`POST {graph}/{version}/me/messages?access_token=…&appsecret_proof=…`). 5xx, 429 and
 * network errors are retried with doubling delays (bounded); other errors come back at once with Meta's
 * reason. The access token and proof never appear in an outcome (the URL is never quoted).
 */
export class GraphClient {
  private readonly url: string;

  constructor(private readonly options: GraphClientOptions) {
    const query = new URLSearchParams({
      access_token: options.pageAccessToken,
      appsecret_proof: appSecretProof(options.pageAccessToken, options.appSecret),
    });
    this.url = `${options.graphUrl}/${options.graphVersion}/me/messages?${query.toString()}`;
  }

  async send(body: Record<string, unknown>): Promise<SendOutcome> {
    const attempts = this.options.maxAttempts ?? 3;
    let last = 'not sent';
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) await sleep((this.options.baseDelayMs ?? 500) * 2 ** (attempt - 2));
      const result = await this.once(body);
      if (result.ok) return result;
      last = result.error;
      if (!result.retry) break;
    }
    return { ok: false, error: last };
  }

  private async once(
    body: Record<string, unknown>,
  ): Promise<{ ok: true; messageId: string | null } | { ok: false; error: string; retry: boolean }> {
    let res: Response;
    try {
      res = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (err) {
      const reason = err instanceof Error ? err.name : 'error';
      return { ok: false, error: `Send API not reachable (${reason})`, retry: true };
    }
    const json = (await res.json().catch(() => null)) as GraphAnswer | null;
    if (res.ok) return { ok: true, messageId: typeof json?.message_id === 'string' ? json.message_id : null };
    return {
      ok: false,
      error: describeError(res.status, json),
      retry: res.status === 429 || res.status >= 500,
    };
  }
}

interface GraphAnswer {
  message_id?: unknown;
  error?: { message?: unknown; code?: unknown; error_subcode?: unknown };
}

/** Meta's reason, e.g. "Send API 400 (code 10, subcode 2018278): This message is sent outside of allowed window." */
function describeError(status: number, json: GraphAnswer | null): string {
  const e = json?.error;
  const codes = [
    typeof e?.code === 'number' ? `code ${e.code}` : null,
    typeof e?.error_subcode === 'number' ? `subcode ${e.error_subcode}` : null,
  ].filter(Boolean);
  const message = typeof e?.message === 'string' ? `: ${e.message.slice(0, 200)}` : '';
  return `Send API ${status}${codes.length ? ` (${codes.join(', ')})` : ''}${message}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
