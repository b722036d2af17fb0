import { afterEach, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hashApiKey } from '../../server/api-keys.js';
import { sign, verifyWebhook } from '../../tickets/webhooks.js';
import { eventually } from '../helpers/eventually.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const secret = 'a-shared-secret-of-32-characters!';
let server: TestServer | null = null;
const receivers: Server[] = [];

/**
 * A local receiver that verifies the signature and timestamp as the README tells receivers to, and answers
 * with the given statuses in turn (the last repeats); `redirectTo` makes every answer a 302 to that URL.
 */
async function receiver(statuses: number[], redirectTo?: string) {
  const got: Array<{
    event: string;
    valid: boolean;
    authorization: string | undefined;
    body: { type: string; data: { ticket: { number: string } } };
  }> = [];
  const srv = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const valid = verifyWebhook({
        body: raw,
        signature: req.headers['x-frontdesk-signature'] as string | undefined,
        timestamp: req.headers['x-frontdesk-timestamp'] as string | undefined,
        secret,
      });
      got.push({
        event: String(req.headers['x-frontdesk-event']),
        valid,
        authorization: req.headers.authorization,
        body: JSON.parse(raw) as never,
      });
      if (redirectTo) {
        res.writeHead(302, { location: redirectTo });
      } else res.statusCode = statuses[Math.min(got.length - 1, statuses.length - 1)] ?? 200;
      res.end();
    });
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  receivers.push(srv);
  return { url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}/hook`, got };
}

afterEach(async () => {
  await server?.stop();
  for (const r of receivers.splice(0)) await new Promise((done) => r.close(() => done(undefined)));
});

const createTicket = async (key: string) =>
  fetch(`${server?.url}/api/tickets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ subject: 'Hello', description: 'Where is my order?', email: 'a@example.com' }),
  });

/** The server with webhooks to `urls` (and these retry settings), and an API key to create tickets with. */
const serveHooks = async (urls: string, retry: Record<string, string>): Promise<string> => {
  server = await startTestServer({ WEBHOOK_URLS: urls, WEBHOOK_SECRET: secret, ...retry });
  const key = `fd_${randomBytes(24).toString('base64url')}`;
  await server.app.store.apiKeys.create('t', hashApiKey(key));
  return key;
};

describe('outgoing webhooks on ticket events', () => {
  it('signs each delivery (HMAC-SHA256) and retries 5xx with backoff until it succeeds', async () => {
    const hook = await receiver([500, 503, 200]);
    const key = await serveHooks(hook.url, { WEBHOOK_RETRY_BASE_MS: '20' });
    const started = Date.now();
    const res = await createTicket(key);
    expect(res.status).toBe(201);
    await eventually(() => expect(hook.got).toHaveLength(3));
    expect(Date.now() - started).toBeGreaterThanOrEqual(20 + 40);
    expect(hook.got.every((g) => g.valid && g.event === 'ticket.created')).toBe(true);
    expect(hook.got[2]?.body).toMatchObject({
      type: 'ticket.created',
      data: { ticket: { number: 'FD-10001' } },
    });
    expect(new Set(hook.got.map((g) => JSON.stringify(g.body))).size).toBe(1);
    // Receivers see what API clients see: no audit trail, email thread or internal ids.
    const sent = hook.got[0]?.body.data.ticket as Record<string, unknown> | undefined;
    expect(Object.keys(sent ?? {})).toEqual(expect.arrayContaining(['number', 'status', 'comments']));
    for (const hidden of ['audit', 'emailThread', 'conversationId', 'revision'])
      expect(sent).not.toHaveProperty(hidden);
  });

  it('records a delivery that keeps failing on the ticket, without blocking the request', async () => {
    const hook = await receiver([500]);
    const key = await serveHooks(hook.url, { WEBHOOK_RETRY_BASE_MS: '10', WEBHOOK_MAX_ATTEMPTS: '3' });
    const before = Date.now();
    expect((await createTicket(key)).status).toBe(201);
    expect(Date.now() - before).toBeLessThan(1000);
    await eventually(async () => {
      const t = await server?.app.store.tickets.get('FD-10001');
      expect(t?.audit.at(-1)?.action).toBe(
        `webhook delivery to ${hook.url} failed after 3 attempts (HTTP 500)`,
      );
    });
    expect(hook.got).toHaveLength(3);
  });

  it('never follows a redirect: the delivery fails at once and is recorded, the target gets nothing', async () => {
    const target = await receiver([200]);
    const hook = await receiver([200], target.url);
    const key = await serveHooks(hook.url, { WEBHOOK_RETRY_BASE_MS: '10', WEBHOOK_MAX_ATTEMPTS: '3' });
    expect((await createTicket(key)).status).toBe(201);
    await eventually(async () => {
      const t = await server?.app.store.tickets.get('FD-10001');
      expect(t?.audit.at(-1)?.action).toBe(
        `webhook delivery to ${hook.url} failed after 1 attempt (HTTP 302 redirect, not followed)`,
      );
    });
    expect(hook.got).toHaveLength(1);
    expect(target.got).toHaveLength(0);
  });

  it('sends credentials in the URL as HTTP Basic and never records them', async () => {
    const hook = await receiver([401]);
    const withCredentials = hook.url.replace('http://', 'http://hook-user:s3cr%40t@');
    const key = await serveHooks(withCredentials, { WEBHOOK_RETRY_BASE_MS: '10' });
    expect((await createTicket(key)).status).toBe(201);
    await eventually(async () => {
      const t = await server?.app.store.tickets.get('FD-10001');
      expect(t?.audit.at(-1)?.action).toBe(
        `webhook delivery to ${hook.url} failed after 1 attempt (HTTP 401)`,
      );
    });
    expect(hook.got[0]?.authorization).toBe(`Basic ${Buffer.from('hook-user:s3cr@t').toString('base64')}`);
    expect(hook.got[0]?.valid).toBe(true);
  });

  it('refuses WEBHOOK_URLS without a secret at start-up', async () => {
    await expect(startTestServer({ WEBHOOK_URLS: 'http://127.0.0.1:9/hook' })).rejects.toMatchObject({
      details: [expect.stringMatching(/^WEBHOOK_SECRET: is required when WEBHOOK_URLS is set/)],
    });
  });
});

describe('verifyWebhook (what a receiver does)', () => {
  const body = '{"id":"1","type":"ticket.created"}';
  const now = 1_800_000_000;
  const check = (o: { body?: string; timestamp?: string; signature?: string; at?: number; key?: string }) =>
    verifyWebhook({
      body: o.body ?? body,
      timestamp: o.timestamp ?? String(now),
      signature: o.signature ?? sign(now, body, secret),
      secret: o.key ?? secret,
      nowSeconds: o.at ?? now,
    });

  it('accepts a delivery signed with the secret within 5 minutes either way', () => {
    expect(check({})).toBe(true);
    expect(check({ at: now + 300 })).toBe(true);
    expect(check({ at: now - 300 })).toBe(true);
  });
  it('rejects a stale or future timestamp (a replay), even with a valid signature', () => {
    expect(check({ at: now + 301 })).toBe(false);
    expect(check({ at: now - 301 })).toBe(false);
  });
  it('rejects a changed body, a changed timestamp, another secret, and missing or malformed headers', () => {
    expect(check({ body: `${body} ` })).toBe(false);
    expect(check({ timestamp: String(now - 1) })).toBe(false);
    expect(check({ key: 'another-secret-of-some-length' })).toBe(false);
    expect(check({ timestamp: '' })).toBe(false);
    expect(check({ timestamp: '1e9' })).toBe(false);
    expect(check({ signature: '' })).toBe(false);
    expect(check({ signature: `sha256=${'0'.repeat(64)}` })).toBe(false);
  });
});
