import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ChatMessage, HistoryAck } from '../../channels/web/events.js';
import { historyPageSize } from '../../channels/web/events.js';
import { visitorKeyOf } from '../../channels/web/visitor-token.js';
import { ChatClient } from '../helpers/chat-client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
const clients: ChatClient[] = [];
const client = (auth: { visitorToken?: string } = {}) => {
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

const history = (c: ChatClient, payload: unknown): Promise<HistoryAck> =>
  c.socket.timeout(5000).emitWithAck('history', payload as { before: number });

describe('resuming a long conversation (#13 item 4): the last page, older pages on request', () => {
  it('sends the latest 50 of 2,000 messages with a cursor, and every older page on request', async () => {
    const first = client();
    const s = await first.session();
    await first.ask('how do I reset my password');
    first.close();
    const conversations = server.app.store.conversations;
    const conversation = await conversations.find('web', visitorKeyOf(s.visitorToken));
    if (!conversation) throw new Error('no conversation');
    await conversations.transaction(async () => {
      for (let i = 2; i < 2000; i++)
        await conversations.append(conversation.id, {
          role: i % 2 === 0 ? 'visitor' : 'bot',
          text: i % 2 === 0 ? `question ${i}` : `**answer** ${i}`,
        });
    });
    const stored = await conversations.messages(conversation.id, { limit: 1 });
    expect(stored[0]?.meta.html).toBe('<p><strong>answer</strong> 1999</p>');

    const again = client({ visitorToken: s.visitorToken });
    const resumed = await again.session();
    expect(resumed.messages).toHaveLength(historyPageSize);
    expect(resumed.messages.at(-1)?.text).toBe('**answer** 1999');
    expect(resumed.messages.at(-1)?.html).toBe('<p><strong>answer</strong> 1999</p>');
    expect(JSON.stringify(resumed).length).toBeLessThan(60_000);
    expect(resumed.olderCursor).toBe(resumed.messages[0]?.seq);

    let all: ChatMessage[] = [...resumed.messages];
    let cursor = resumed.olderCursor;
    let pages = 0;
    while (cursor !== null) {
      const page = await history(again, { before: cursor });
      if (!page.ok) throw new Error(page.error.code);
      expect(page.messages.length).toBeLessThanOrEqual(historyPageSize);
      all = [...page.messages, ...all];
      cursor = page.olderCursor;
      pages++;
    }
    expect(pages).toBe(39);
    expect(all).toHaveLength(2000);
    expect(all.map((m) => m.seq)).toEqual([...all.map((m) => m.seq)].sort((a, b) => a - b));
    expect(new Set(all.map((m) => m.id)).size).toBe(2000);
    expect(all[0]?.text).toBe('how do I reset my password');
  });

  it('has no cursor for a short conversation, and answers a malformed request with PAYLOAD_INVALID', async () => {
    const c = client();
    const s = await c.session();
    expect(s.olderCursor).toBeNull();
    await c.ask('can I pay with PayPal?');
    const again = client({ visitorToken: s.visitorToken });
    const resumed = await again.session();
    expect(resumed.olderCursor).toBeNull();
    expect(resumed.messages.length).toBeGreaterThanOrEqual(2);
    for (const bad of [null, {}, { before: -1 }, { before: 'x' }, { before: 1.5 }]) {
      const ack = await history(again, bad);
      expect(ack).toMatchObject({ ok: false, error: { code: 'PAYLOAD_INVALID' } });
    }
    expect(await history(again, { before: 0 })).toEqual({ ok: true, messages: [], olderCursor: null });
  });
});
