import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One Send API call the local Graph API accepted (or refused), with its JSON body. */
export interface SendCall {
  readonly version: string;
  readonly body: {
    recipient?: { id?: string };
    messaging_type?: string;
    tag?: string;
    sender_action?: string;
    message?: {
      text?: string;
      quick_replies?: Array<{ content_type: string; title: string; payload: string }>;
    };
  };
  readonly status: number;
}

/** What the peer answers next: normal, a server error, rate limiting, or the 24-hour-window refusal. */
export type GraphFailure = 500 | 429 | 'window';

/**
 * A local stand-in for Meta's Graph API Send endpoint (`POST /{version}/me/messages`): it checks the
 * `access_token` and its `appsecret_proof` like Meta (code 190 when wrong), records every call, and
 * answers the failures it is told to, in order.
 */
export class GraphApiPeer {
  readonly calls: SendCall[] = [];
  private readonly failures: GraphFailure[] = [];
  private outage: GraphFailure | null = null;
  private server: Server | null = null;
  url = '';

  constructor(
    private readonly token: string,
    private readonly appSecret: string,
  ) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://graph.local');
        const answer = (status: number, body: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        };
        const match = /^\/(v\d+\.\d+)\/me\/messages$/.exec(url.pathname);
        if (req.method !== 'POST' || !match)
          return answer(404, { error: { message: 'Unknown path', code: 803 } });
        const token = url.searchParams.get('access_token');
        const proof = url.searchParams.get('appsecret_proof');
        const expected = createHmac('sha256', this.appSecret).update(this.token).digest('hex');
        if (token !== this.token || proof !== expected)
          return answer(400, {
            error: { message: 'Invalid OAuth access token', code: 190, type: 'OAuthException' },
          });
        let body: SendCall['body'];
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as SendCall['body'];
        } catch {
          return answer(400, { error: { message: 'Bad JSON', code: 100 } });
        }
        const failure = this.failures.shift() ?? this.outage ?? undefined;
        const status = failure === 'window' ? 400 : (failure ?? 200);
        this.calls.push({ version: match[1] ?? '', body, status });
        if (failure === 500)
          return answer(500, { error: { message: 'An unexpected error has occurred.', code: 2 } });
        if (failure === 429)
          return answer(429, {
            error: { message: 'Calls to this api have exceeded the rate limit.', code: 613 },
          });
        if (failure === 'window')
          return answer(400, {
            error: {
              message: 'This message is sent outside of allowed window.',
              type: 'OAuthException',
              code: 10,
              error_subcode: 2018278,
            },
          });
        answer(
          200,
          body.sender_action
            ? { recipient_id: body.recipient?.id }
            : { recipient_id: body.recipient?.id, message_id: `m_${this.calls.length}` },
        );
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** The next calls fail like this, in order. */
  fail(...failures: GraphFailure[]): void {
    this.failures.push(...failures);
  }

  /** Every call fails like this (after the queued failures) until called again with null. */
  down(failure: GraphFailure | null): void {
    this.outage = failure;
  }

  /** The messages (not sender actions) sent to a PSID and accepted. */
  messagesTo(
    psid: string,
  ): Array<NonNullable<SendCall['body']['message']> & { messaging_type?: string; tag?: string }> {
    return this.calls
      .filter((c) => c.status === 200 && c.body.recipient?.id === psid && c.body.message)
      .map((c) => ({ ...c.body.message, messaging_type: c.body.messaging_type, tag: c.body.tag }));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** Posts a webhook body to the server as Meta does: the raw bytes signed with the app secret. */
export async function postWebhook(
  serverUrl: string,
  appSecret: string,
  body: unknown,
  signature?: string,
): Promise<Response> {
  // Meta escapes non-ASCII as \uXXXX: the signature covers exactly these bytes.
  const raw = JSON.stringify(body).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  const sig = signature ?? `sha256=${createHmac('sha256', appSecret).update(raw).digest('hex')}`;
  return fetch(`${serverUrl}/channels/messenger/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': sig },
    body: raw,
  });
}

/** A webhook body with one messaging event from a PSID. */
export function pageEvent(psid: string, event: Record<string, unknown>): unknown {
  return {
    object: 'page',
    entry: [
      {
        id: 'PAGE',
        time: Date.now(),
        messaging: [{ sender: { id: psid }, recipient: { id: 'PAGE' }, timestamp: Date.now(), ...event }],
      },
    ],
  };
}
