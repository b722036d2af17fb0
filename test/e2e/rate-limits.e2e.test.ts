import { afterEach, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { io } from 'socket.io-client';
import type { ChatError, SendAck } from '../../channels/web/events.js';
import { hashApiKey } from '../../server/api-keys.js';
import { ChatClient, waitFor } from '../helpers/chat-client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer | null = null;
const clients: ChatClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await server?.stop();
  server = null;
});

async function start(env: Record<string, string>): Promise<TestServer> {
  server = await startTestServer(env);
  return server;
}

/** A connected visitor (from `forwardedFor` when given, as a proxy would say). */
async function visitor(url: string, forwardedFor?: string, visitorToken?: string): Promise<ChatClient> {
  const c = new ChatClient(
    url,
    visitorToken ? { visitorToken } : {},
    forwardedFor ? { extraHeaders: { 'x-forwarded-for': forwardedFor } } : {},
  );
  clients.push(c);
  await c.session();
  return c;
}

let n = 0;
const say = (c: ChatClient, text = 'What are your opening hours?', postback?: string): Promise<SendAck> =>
  c.send({ id: `m${++n}`, text, ...(postback ? { postback } : {}) });

function expectLimited(ack: SendAck): void {
  expect(ack).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
  if (!ack.ok) expect(ack.error.retryAfterMs).toBeGreaterThan(0);
}

describe('rate limits per client address and per visitor', () => {
  it('refuses new connections from one address beyond the limit at the handshake', async () => {
    const { url } = await start({ RATE_LIMIT_CONNECTIONS_PER_MINUTE: '3' });
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, () => {
        const s = io(`${url}/chat`, { transports: ['websocket'], forceNew: true, reconnection: false });
        return new Promise<ChatError | 'connected'>((resolve) => {
          s.once('connect', () => resolve('connected'));
          s.once('connect_error', (e) => resolve((e as Error & { data: ChatError }).data));
        }).finally(() => s.close());
      }),
    );
    expect(outcomes.filter((o) => o === 'connected')).toHaveLength(3);
    const refused = outcomes.filter((o): o is ChatError => o !== 'connected');
    expect(refused).toHaveLength(3);
    for (const r of refused) {
      expect(r.code).toBe('RATE_LIMITED');
      expect(r.retryAfterMs).toBeGreaterThan(0);
    }
  });

  it('limits messages per address across sockets, while another address is answered', async () => {
    const { url } = await start({
      TRUST_PROXY: 'loopback',
      RATE_LIMIT_MESSAGES_PER_MINUTE: '2',
      RATE_LIMIT_IP_FACTOR: '2',
    });
    const flood = await Promise.all([visitor(url), visitor(url), visitor(url)]);
    const acks: SendAck[] = [];
    for (const c of flood) acks.push(await say(c), await say(c));
    expect(acks.filter((a) => a.ok)).toHaveLength(4);
    expectLimited(acks[4] as SendAck);
    expectLimited(acks[5] as SendAck);

    const bystander = await visitor(url, '198.51.100.7');
    const replies = await bystander.ask('What are your opening hours?');
    expect(replies.length).toBeGreaterThan(0);
  });

  it('limits one visitor token across its sockets', async () => {
    const { url } = await start({ RATE_LIMIT_MESSAGES_PER_MINUTE: '3', RATE_LIMIT_IP_FACTOR: '100' });
    const first = await visitor(url);
    const token = (await first.session()).visitorToken;
    const second = await visitor(url, undefined, token);
    expect((await say(first)).ok).toBe(true);
    expect((await say(second)).ok).toBe(true);
    expect((await say(first)).ok).toBe(true);
    expectLimited(await say(second));
    const other = await visitor(url);
    expect((await say(other)).ok).toBe(true);
  });

  it('ignores X-Forwarded-For without TRUST_PROXY: a spoofed header does not escape the limit', async () => {
    const { url } = await start({ RATE_LIMIT_MESSAGES_PER_MINUTE: '2', RATE_LIMIT_IP_FACTOR: '1' });
    const a = await visitor(url, '198.51.100.1');
    const b = await visitor(url, '198.51.100.2');
    expect((await say(a)).ok).toBe(true);
    expect((await say(b)).ok).toBe(true);
    expectLimited(await say(b));
  });

  it('limits handoff requests per visitor apart from messages', async () => {
    const { url } = await start({ RATE_LIMIT_ESCALATIONS_PER_HOUR: '1' });
    const c = await visitor(url);
    expect((await say(c, 'Talk to a person', 'handoff:request')).ok).toBe(true);
    expect((await say(c, 'Back to the assistant', 'handoff:cancel')).ok).toBe(true);
    expectLimited(await say(c, 'Talk to a person', 'handoff:request'));
    expect((await say(c)).ok).toBe(true);
  });

  it('disconnects a socket that keeps sending while refused', async () => {
    const { url } = await start({ RATE_LIMIT_MESSAGES_PER_MINUTE: '1' });
    const c = await visitor(url);
    expect((await say(c)).ok).toBe(true);
    const acks = await Promise.all(Array.from({ length: 10 }, () => say(c)));
    for (const ack of acks) expectLimited(ack);
    await waitFor(() => !c.socket.connected, 'the disconnect');
  });

  it('answers 429 with Retry-After beyond the REST API ticket creation limit', async () => {
    const s = await start({ RATE_LIMIT_API_TICKETS_PER_MINUTE: '1' });
    const key = `fd_${randomBytes(24).toString('base64url')}`;
    await s.app.store.apiKeys.create('test', hashApiKey(key));
    const create = () =>
      fetch(`${s.url}/api/tickets`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          subject: 'Card charged twice',
          description: 'Order 48213',
          email: 'jane@example.com',
        }),
      });
    expect((await create()).status).toBe(201);
    const limited = await create();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
  });
});
