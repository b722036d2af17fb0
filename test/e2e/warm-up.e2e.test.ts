import { afterEach, describe, expect, it } from '@jest/globals';
import { ChatClient } from '../helpers/chat-client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer | null = null;
let client: ChatClient | null = null;
afterEach(async () => {
  client?.close();
  client = null;
  await server?.stop();
  server = null;
});

describe('the turn path warmed up at start (server/warm-up.ts)', () => {
  it('stores nothing: no conversation, answer or unresolved question before the first visitor', async () => {
    server = await startTestServer();
    const store = server.app.store;
    const allTime = () =>
      store.reports.kpis({
        from: '2000-01-01T00:00:00Z',
        to: '2100-01-01T00:00:00Z',
        now: new Date().toISOString(),
      });
    expect(await allTime()).toMatchObject({ conversations: 0, answers: 0, unresolved: 0 });
    expect(await store.unresolved.list()).toEqual([]);

    client = new ChatClient(server.url);
    await client.session();
    expect((await client.ask('What are your opening hours?')).length).toBeGreaterThan(0);
    expect(await allTime()).toMatchObject({ conversations: 1 });
  });
});
