import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { SuggestAck } from '../../channels/web/events.js';
import { visitorKeyOf } from '../../channels/web/visitor-token.js';
import { ChatClient, waitFor } from '../helpers/chat-client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
const clients: ChatClient[] = [];
const client = () => {
  const c = new ChatClient(server.url);
  clients.push(c);
  return c;
};
const suggest = (c: ChatClient, text: string): Promise<SuggestAck> =>
  c.socket.timeout(5000).emitWithAck('suggest', { text });
const ids = (ack: SuggestAck) => (ack.ok ? ack.suggestions.map((s) => s.articleId) : null);

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const c of clients) c.close();
  await server.stop();
});

describe('article suggestions over the web chat (real server, socket.io client)', () => {
  it('suggests up to three matching articles for a half-typed question', async () => {
    const c = client();
    await c.session();
    const ack = await suggest(c, 'how do I ret');
    expect(ack.ok).toBe(true);
    expect(ids(ack)).toContain('return-an-item');
    expect(ids(ack)?.length).toBeLessThanOrEqual(3);
    const item = ack.ok ? ack.suggestions.find((s) => s.articleId === 'return-an-item') : undefined;
    expect(item).toEqual({ articleId: 'return-an-item', title: 'How do I return an item?' });
    expect(ids(await suggest(c, 'where is my par'))).toContain('track-order');
  });

  it('suggests nothing for nonsense or blank text, and reads only the first 200 characters', async () => {
    const c = client();
    await c.session();
    expect(await suggest(c, 'xqzv blorp')).toEqual({ ok: true, suggestions: [] });
    expect(await suggest(c, '   ')).toEqual({ ok: true, suggestions: [] });
    expect(await suggest(c, `${' '.repeat(2)}${'x'.repeat(198)} return an item`)).toEqual({
      ok: true,
      suggestions: [],
    });
    expect(ids(await suggest(c, 'where is my parcel'.padEnd(5000, '!')))).toContain('track-order');
  });

  it('stores nothing: no conversation is opened and nothing is logged as unresolved', async () => {
    const c = client();
    const s = await c.session();
    await suggest(c, 'how do I ret');
    await suggest(c, 'qwerty uiop zzz');
    expect(await server.app.store.conversations.find('web', visitorKeyOf(s.visitorToken))).toBeNull();
    expect(await server.app.store.unresolved.list()).toEqual([]);
    expect(c.messages).toEqual([]);
    const again = new ChatClient(server.url, { visitorToken: s.visitorToken });
    clients.push(again);
    expect((await again.session()).conversationId).toBeNull();
  });

  it('answers a malformed payload with an error ack and a chat_error; the connection stays usable', async () => {
    const c = client();
    await c.session();
    const raw = c.socket as unknown as {
      timeout(ms: number): { emitWithAck(event: string, ...args: unknown[]): Promise<SuggestAck> };
    };
    const bad = await raw.timeout(5000).emitWithAck('suggest', { text: 42 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'PAYLOAD_INVALID', id: null } });
    expect(!bad.ok && bad.error.message).toMatch(/text/);
    expect(await raw.timeout(5000).emitWithAck('suggest', null)).toMatchObject({ ok: false });
    (c.socket as unknown as { emit(event: string, ...args: unknown[]): void }).emit('suggest', 'no ack');
    await waitFor(() => c.errors.length === 3, 'three error events');
    expect(new Set(c.errors.map((e) => e.code))).toEqual(new Set(['PAYLOAD_INVALID']));
    expect(c.socket.connected).toBe(true);
    expect(ids(await suggest(c, 'how do I ret'))).toContain('return-an-item');
  });

  it('rate-limits suggestions apart from messages', async () => {
    const c = client();
    await c.session();
    const acks = await Promise.all(Array.from({ length: 61 }, () => suggest(c, 'gift cards')));
    expect(acks.filter((a) => a.ok)).toHaveLength(60);
    expect(acks[60]).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    const [reply] = await c.ask('do you have gift cards?');
    expect(reply?.articleId).toBe('gift-cards');
  });
});
