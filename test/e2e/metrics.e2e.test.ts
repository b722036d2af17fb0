import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { hashApiKey } from '../../server/api-keys.js';
import { ChatClient, waitFor } from '../helpers/chat-client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { ticketInput } from '../helpers/tickets.js';

const token = 'metrics-token-0123456789abcdef';

/** The value of one sample line of a Prometheus text exposition, or undefined. */
const sample = (text: string, series: string): number | undefined => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('GET /metrics (Prometheus, prom-client)', () => {
  let server: TestServer;
  const scrape = (auth?: string) =>
    fetch(`${server.url}/metrics`, auth ? { headers: { authorization: auth } } : {});

  beforeAll(async () => {
    server = await startTestServer({ METRICS_TOKEN: token });
  });
  afterAll(() => server.stop());

  it('answers 401 without the token or with a wrong one', async () => {
    expect((await scrape()).status).toBe(401);
    expect((await scrape(`Bearer ${token}x`)).status).toBe(401);
    expect((await scrape(`Basic ${token}`)).status).toBe(401);
  });

  it('counts turns by channel, language and decision, their latency, the queue, tickets, KB and failures', async () => {
    const visitor = new ChatClient(server.url, {});
    try {
      await visitor.session();
      await visitor.ask('How can I track my parcel?');
      await visitor.ask('How can I track my parcel?');
      await visitor.ask('what is the weather like in Paris tomorrow');
      await waitFor(() => visitor.botMessages().length >= 3, 'three replies');
    } finally {
      visitor.close();
    }
    const store = server.app.store;
    await store.handoffs.create({
      conversationId: 'queued-conv',
      channel: 'web',
      lang: 'en',
      skills: [],
      reason: 'asked',
      page: null,
      status: 'queued',
    });
    // A reply to a ticket whose conversation is on a channel without an adapter cannot be delivered.
    const fax = await store.conversations.open({ channel: 'fax', visitorKey: 'fax-1', lang: 'en' });
    const ticket = await store.tickets.create(
      ticketInput({ channel: 'fax', conversationId: fax.id }),
      'test',
    );
    const key = 'fd_metrics_test_key';
    await store.apiKeys.create('metrics test', hashApiKey(key));
    const reply = await fetch(`${server.url}/api/tickets/${ticket.id}/comments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'We are on it.' }),
    });
    expect(reply.status).toBe(201);

    let text = '';
    await waitFor(() => {
      void scrape(`Bearer ${token}`).then(async (r) => (text = await r.text()));
      return sample(text, 'frontdesk_delivery_failures_total{channel="fax"}') === 1;
    }, 'the failed delivery counted');
    const res = await scrape(`Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    text = await res.text();
    expect(sample(text, 'frontdesk_turns_total{channel="web",lang="en",decision="answer"}')).toBe(2);
    expect(sample(text, 'frontdesk_turns_total{channel="web",lang="en",decision="unresolved"}')).toBe(1);
    expect(sample(text, 'frontdesk_turn_duration_seconds_count{channel="web"}')).toBe(3);
    expect(sample(text, 'frontdesk_turn_duration_seconds_bucket{le="+Inf",channel="web"}')).toBe(3);
    expect(sample(text, 'frontdesk_queue_length')).toBe(1);
    expect(sample(text, 'frontdesk_open_tickets')).toBe(1);
    const enArticles = readdirSync(path.join(server.contentDir, 'kb', 'en')).filter((f) => f.endsWith('.md'));
    expect(sample(text, 'frontdesk_kb_articles{lang="en"}')).toBe(enArticles.length);
    expect(sample(text, 'frontdesk_kb_articles{lang="th"}')).toBeGreaterThan(0);
    expect(text).toContain('# TYPE frontdesk_turn_duration_seconds histogram');
  });
});

describe('GET /metrics without METRICS_TOKEN', () => {
  it('is off: 404, with or without a token', async () => {
    const server = await startTestServer();
    try {
      expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
      const withToken = await fetch(`${server.url}/metrics`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(withToken.status).toBe(404);
    } finally {
      await server.stop();
    }
  });
});
