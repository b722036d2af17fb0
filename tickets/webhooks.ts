import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Ticket } from './types.js';

export type TicketEventType = 'ticket.created' | 'ticket.updated' | 'ticket.commented';

export interface WebhookSettings {
  readonly urls: readonly string[];
  readonly secret: string;
  readonly maxAttempts: number;
  /** First retry delay; doubles each time (1 s, 2 s, 4 s, … by default). */
  readonly baseDelayMs: number;
  readonly timeoutMs: number;
  /** What receivers see of the ticket (the REST API's presenter): never the audit trail or internal notes. */
  readonly present: (ticket: Ticket) => unknown;
}

export const signatureHeader = 'X-Frontdesk-Signature';
export const timestampHeader = 'X-Frontdesk-Timestamp';
/** How far a receiver lets a delivery's timestamp be from its own clock (replays older than this fail). */
export const toleranceSeconds = 300;

/**
 * `sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>" with the shared secret>`, the timestamp being the
 * X-Frontdesk-Timestamp header (unix seconds): what a receiver recomputes and compares.
 */
export function sign(timestamp: number, body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * What a receiver does (README, "Webhooks"): the signature matches the timestamp and the exact body
 * (compared in constant time), and the timestamp is within 5 minutes of now, so a captured delivery cannot
 * be replayed later.
 */
export function verifyWebhook(input: {
  body: string;
  signature: string | undefined;
  timestamp: string | undefined;
  secret: string;
  nowSeconds?: number;
}): boolean {
  if (!/^\d{1,12}$/.test(input.timestamp ?? '')) return false;
  const ts = Number(input.timestamp);
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - ts) > toleranceSeconds) return false;
  const expected = Buffer.from(sign(ts, input.body, input.secret));
  const given = Buffer.from(input.signature ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const decode = (part: string): string => {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Outgoing webhooks on ticket events, so Zendesk, Jira or a CRM can mirror tickets: one signed,
 * timestamped JSON POST per endpoint, retried with exponential backoff on network errors, timeouts, 429
 * and 5xx; redirects are not followed (a failure, not retried); after the last attempt the failure is
 * reported (`onFailed`, with the URL stripped of credentials; it records it on the ticket). Never awaited
 * by callers: a slow endpoint never blocks the bot.
 */
export class WebhookDispatcher {
  constructor(
    private readonly settings: WebhookSettings,
    private readonly onFailed: (
      ticket: Ticket,
      url: string,
      reason: string,
      attempts: number,
    ) => Promise<void>,
  ) {}

  emit(type: TicketEventType, ticket: Ticket): void {
    for (const url of this.settings.urls) void this.deliver(url, type, ticket);
  }

  /** Resolves when the delivery succeeded or finally failed (tests wait on it). */
  async deliver(url: string, type: TicketEventType, ticket: Ticket): Promise<boolean> {
    const body = JSON.stringify({
      id: randomUUID(),
      type,
      createdAt: new Date().toISOString(),
      data: { ticket: this.settings.present(ticket) },
    });
    // fetch refuses URLs with `user:password@`: they go as HTTP Basic credentials, and never into logs.
    const target = new URL(url);
    const basic =
      target.username || target.password
        ? `Basic ${Buffer.from(`${decode(target.username)}:${decode(target.password)}`).toString('base64')}`
        : null;
    target.username = '';
    target.password = '';
    let reason = '';
    let attempt = 1;
    for (; attempt <= this.settings.maxAttempts; attempt++) {
      const timestamp = Math.floor(Date.now() / 1000);
      try {
        const res = await fetch(target, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'Frontdesk-Webhooks/1',
            'x-frontdesk-event': type,
            [timestampHeader.toLowerCase()]: String(timestamp),
            [signatureHeader.toLowerCase()]: sign(timestamp, body, this.settings.secret),
            ...(basic ? { authorization: basic } : {}),
          },
          body,
          // A redirect is never followed (it could send the signed ticket anywhere, e.g. inside the network).
          redirect: 'manual',
          signal: AbortSignal.timeout(this.settings.timeoutMs),
        });
        if (res.ok) return true;
        const redirect = res.status >= 300 && res.status < 400;
        reason = redirect ? `HTTP ${res.status} redirect, not followed` : `HTTP ${res.status}`;
        if (res.status < 500 && res.status !== 429) break; // a 3xx or 4xx will not get better by retrying
      } catch (err) {
        reason = err instanceof Error && err.name === 'TimeoutError' ? 'timed out' : 'network error';
      }
      if (attempt < this.settings.maxAttempts) await sleep(this.settings.baseDelayMs * 2 ** (attempt - 1));
    }
    const attempts = Math.min(attempt, this.settings.maxAttempts);
    await this.onFailed(ticket, target.toString(), reason, attempts).catch(() => undefined);
    return false;
  }
}
