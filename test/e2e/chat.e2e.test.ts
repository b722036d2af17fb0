import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { visitorKeyOf } from '../../channels/web/visitor-token.js';
import { ChatClient, waitFor } from '../helpers/chat-client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
const clients: ChatClient[] = [];
const client = (auth: { visitorToken?: string; locales?: string[] } = {}) => {
  const c = new ChatClient(server.url, auth);
  clients.push(c);
  return c;
};

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const c of clients) c.close();
  await server.stop();
});

describe('web chat, end to end (real server on port 0, socket.io client)', () => {
  it('opens a session with a new visitor token, no conversation yet, and the widget strings', async () => {
    const s = await client().session();
    expect(s.visitorToken).toMatch(/^[A-Za-z0-9_-]{86}$/); // 256 random bits and their HMAC
    expect(s.conversationId).toBeNull();
    expect(s.messages).toEqual([]);
    expect(s.lang).toBe('en');
    expect(s.maxMessageLength).toBe(2000);
    expect(s.strings['placeholder']).toBe('Type your question…');
  });

  it('answers a demo question with the right article, rendered to safe HTML', async () => {
    const c = client();
    await c.session();
    const [reply] = await c.ask('How can I track my parcel?');
    expect(reply?.articleId).toBe('track-order');
    expect(reply?.text).toContain('**Account → Orders**');
    expect(reply?.html).toContain('<strong>Account → Orders</strong>');
    expect(reply?.html).toContain('<ol>');
    expect(reply?.confidence).toBeGreaterThanOrEqual(0.25);
    const visitor = c.messages.find((m) => m.role === 'visitor');
    expect(visitor?.text).toBe('How can I track my parcel?');
    expect(visitor?.html).toBeNull();
  });

  it('acknowledges a resent message id once: the same stored message, no second answer', async () => {
    const c = client();
    const s = await c.session();
    const first = await c.send({ id: 'resend-1', text: 'can I pay with PayPal?' });
    await waitFor(() => c.botMessages().length === 1, 'the answer');
    const second = await c.send({ id: 'resend-1', text: 'can I pay with PayPal?' });
    expect(first).toMatchObject({ ok: true, id: 'resend-1', duplicate: false });
    expect(second).toMatchObject({ ok: true, id: 'resend-1', duplicate: true });
    expect(first.ok && second.ok && first.messageId === second.messageId).toBe(true);
    await new Promise((r) => setTimeout(r, 150));
    expect(c.botMessages()).toHaveLength(1);
    const resumed = await server.app.bot.resume('web', visitorKeyOf(s.visitorToken));
    expect(resumed?.messages.map((m) => m.role)).toEqual(['visitor', 'bot']);
  });

  it('resumes the conversation when the visitor reconnects with their token, and shares it across tabs', async () => {
    const first = client();
    const s = await first.session();
    await first.ask('how do I reset my password');
    first.close();

    const again = client({ visitorToken: s.visitorToken });
    const resumed = await again.session();
    expect(resumed.visitorToken).toBe(s.visitorToken);
    expect(resumed.conversationId).not.toBeNull();
    expect(resumed.messages.map((m) => [m.role, m.articleId])).toEqual([
      ['visitor', null],
      ['bot', 'reset-password'],
    ]);

    const otherTab = client({ visitorToken: s.visitorToken });
    await otherTab.session();
    await again.ask('what payment methods do you accept');
    await waitFor(() => otherTab.botMessages().length === 1, 'the reply in the other tab');
    expect(otherTab.botMessages()[0]?.articleId).toBe('payment-methods');
  });

  it('gives a new token for a malformed one instead of failing', async () => {
    const s = await client({ visitorToken: 'short' }).session();
    expect(s.visitorToken).not.toBe('short');
    expect(s.conversationId).toBeNull();
  });

  it('never resumes with a token the server did not issue: made up or changed, it gets a new token and chat', async () => {
    const first = client();
    const s = await first.session();
    await first.ask('how do I reset my password');
    first.close();
    // Well-formed (the handshake's shape) but never issued: the old scheme, and 86 characters made up.
    for (const invented of ['A'.repeat(43), 'x'.repeat(86), s.visitorToken.slice(0, 43) + 'B'.repeat(43)]) {
      const n = await client({ visitorToken: invented }).session();
      expect(n.visitorToken).not.toBe(invented);
      expect(n.conversationId).toBeNull();
    }
    const last = s.visitorToken.at(-1) === 'A' ? 'B' : 'A';
    const tampered = `${s.visitorToken.slice(0, -1)}${last}`;
    const t = await client({ visitorToken: tampered }).session();
    expect(t.visitorToken).not.toBe(tampered);
    expect(t.visitorToken).not.toBe(s.visitorToken);
    expect(t.conversationId).toBeNull();
    expect(t.messages).toEqual([]);
    const issued = await client({ visitorToken: t.visitorToken }).session();
    expect(issued.visitorToken).toBe(t.visitorToken);
    const resumed = await client({ visitorToken: s.visitorToken }).session();
    expect(resumed.conversationId).not.toBeNull();
  });

  it('keeps visitor tokens valid across a restart (key in DATA_DIR) and across servers sharing VISITOR_TOKEN_SECRET', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fd-restart-'));
    const secret = 'a-visitor-token-secret-of-40-characters!';
    const servers: TestServer[] = [];
    const sessionOn = async (on: TestServer, visitorToken?: string) => {
      const c = new ChatClient(on.url, visitorToken ? { visitorToken } : {});
      clients.push(c);
      return c.session();
    };
    try {
      const one = await startTestServer({}, { dataDir });
      servers.push(one);
      const token = (await sessionOn(one)).visitorToken;
      await one.stop();
      const two = await startTestServer({}, { dataDir });
      servers.push(two);
      expect((await sessionOn(two, token)).visitorToken).toBe(token);
      // Another DATA_DIR (another key): the token is not this server's.
      expect((await sessionOn(server, token)).visitorToken).not.toBe(token);

      const a = await startTestServer({ VISITOR_TOKEN_SECRET: secret });
      servers.push(a);
      const b = await startTestServer({ VISITOR_TOKEN_SECRET: secret });
      servers.push(b);
      const shared = (await sessionOn(a)).visitorToken;
      expect((await sessionOn(b, shared)).visitorToken).toBe(shared);
    } finally {
      for (const s of servers) await s.stop().catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('does not store empty, whitespace-only or over-long messages: error event, the connection stays usable', async () => {
    const c = client();
    const s = await c.session();
    const empty = await c.send({ id: 'e1', text: '' });
    const blank = await c.send({ id: 'e2', text: ' \n\t ' });
    const long = await c.send({ id: 'e3', text: 'x'.repeat(2001) });
    const invisible = await c.send({ id: 'e4', text: '\u200B\u2060\uFEFF\u202E\u3164\u115F' });
    expect(empty).toMatchObject({ ok: false, id: 'e1', error: { code: 'MESSAGE_EMPTY' } });
    expect(blank).toMatchObject({ ok: false, error: { code: 'MESSAGE_EMPTY' } });
    expect(long).toMatchObject({ ok: false, error: { code: 'MESSAGE_TOO_LONG' } });
    expect(invisible).toMatchObject({ ok: false, id: 'e4', error: { code: 'MESSAGE_EMPTY' } });
    expect(!long.ok && long.error.message).toMatch(/2001 characters; the limit is 2000/);
    await waitFor(() => c.errors.length === 4, 'four error events');
    expect(c.errors.map((e) => e.code)).toEqual([
      'MESSAGE_EMPTY',
      'MESSAGE_EMPTY',
      'MESSAGE_TOO_LONG',
      'MESSAGE_EMPTY',
    ]);
    expect(await server.app.store.conversations.find('web', visitorKeyOf(s.visitorToken))).toBeNull();
    const [reply] = await c.ask('do you have gift cards?');
    expect(reply?.articleId).toBe('gift-cards');
  });

  it('answers malformed payloads with an error event and keeps the connection usable', async () => {
    const c = client();
    await c.session();
    const raw = c.socket as unknown as { emit(event: string, ...args: unknown[]): void };
    raw.emit('send', { text: 'no id' });
    raw.emit('send', { id: 'n1', text: 42 });
    raw.emit('send', null);
    raw.emit('send', 'just a string');
    raw.emit('send', { id: 'has spaces!', text: 'hello' });
    raw.emit('send', { id: 'p1', text: 'hi', postback: 'x'.repeat(500) });
    await waitFor(() => c.errors.length === 6, 'six error events');
    expect(new Set(c.errors.map((e) => e.code))).toEqual(new Set(['PAYLOAD_INVALID']));
    expect(c.errors[1]?.id).toBe('n1');
    expect(c.errors[0]?.message).toMatch(/id/);
    expect(c.socket.connected).toBe(true);
    const [reply] = await c.ask('what are your opening hours');
    expect(reply?.articleId).toBe('support-hours');
  });

  it('serves the demo page, the widget script, health, and JSON 404s', async () => {
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(await page.text()).toMatch(/<script src="\/widget.js" defer data-open="true"><\/script>/);
    const widget = await fetch(`${server.url}/widget.js`);
    expect(widget.status).toBe(200);
    expect(widget.headers.get('content-type')).toMatch(/javascript/);
    const health = (await (await fetch(`${server.url}/healthz`)).json()) as {
      status: string;
      store: string;
      kb: { articles: number };
    };
    expect(health).toMatchObject({ status: 'ok', store: 'embedded' });
    expect(health.kb.articles).toBeGreaterThanOrEqual(21);
    const missing = await fetch(`${server.url}/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
