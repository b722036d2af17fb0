import { createHmac, randomUUID } from 'node:crypto';
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

/** `sha256=<hex HMAC-SHA256 of the raw body with the shared secret>`: what a receiver recomputes and compares. */
export function sign(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Outgoing webhooks on ticket events, so Zendesk, Jira or a CRM can mirror tickets: one signed JSON POST
 * per endpoint, retried with exponential backoff on network errors, timeouts, 429 and 5xx; after the last
 * attempt the failure is reported (`onFailed`, which records it on the ticket). Never awaited by callers:
 * a slow endpoint never blocks the bot.
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
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'Frontdesk-Webhooks/1',
      'x-frontdesk-event': type,
      [signatureHeader.toLowerCase()]: sign(body, this.settings.secret),
    };
    let reason = '';
    for (let attempt = 1; attempt <= this.settings.maxAttempts; attempt++) {
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers,
          body,
          signal: AbortSignal.timeout(this.settings.timeoutMs),
        });
        if (res.ok) return true;
        reason = `HTTP ${res.status}`;
        if (res.status < 500 && res.status !== 429) break; // a 4xx will not get better by retrying
      } catch (err) {
        reason = err instanceof Error && err.name === 'TimeoutError' ? 'timed out' : 'network error';
      }
      if (attempt < this.settings.maxAttempts) await sleep(this.settings.baseDelayMs * 2 ** (attempt - 1));
    }
    await this.onFailed(ticket, url, reason, this.settings.maxAttempts).catch(() => undefined);
    return false;
  }
}
