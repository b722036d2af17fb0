import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { visitorKeyOf } from '../../channels/web/visitor-token.js';
import { openEmbeddedStore } from '../../store/embedded/sqlite-store.js';
import { guardStore } from '../../store/guard.js';
import { hashApiKey, newApiKey } from '../../server/api-keys.js';
import type { Store } from '../../store/ports.js';
import { withOutage, type Outage } from '../helpers/outage-store.js';
import { ChatClient, waitFor } from '../helpers/chat-client.js';
import { repoRoot, startTestServer, type TestServer } from '../helpers/server.js';

/**
 * A store that stops answering mid-run (as a MongoDB that accepts but never answers): the visitor is told
 * "try again in a moment" in their language, the message is kept for the retry, and a message the store
 * took is never lost nor stored twice. The store is the real embedded one behind the same guard the
 * MongoDB store uses, with calls made to hang (never settle) or to answer late.
 */
const timeoutMs = 300;
const outage: Outage = { mode: 'none', ports: new Set(), lateMs: timeoutMs * 2 };

const strings = (lang: string) =>
  JSON.parse(readFileSync(path.join(repoRoot, 'content', 'locales', `${lang}.json`), 'utf8')) as {
    error: { storeUnavailable: string };
  };

let server: TestServer;
let embedded: Store;
const clients: ChatClient[] = [];
const client = (locales: string[]) => {
  const c = new ChatClient(server.url, { locales });
  clients.push(c);
  return c;
};

beforeAll(async () => {
  embedded = openEmbeddedStore(':memory:');
  const store = guardStore(withOutage(embedded, outage), { isUnavailable: () => false, timeoutMs });
  server = await startTestServer({}, { store });
});
afterAll(async () => {
  outage.mode = 'none';
  for (const c of clients) c.close();
  await server.stop();
});

describe('the store stops answering during a turn (socket.io client, real server)', () => {
  it('a message the store never took: "try again in a moment" in Finnish, kept, stored once when sent again', async () => {
    const c = client(['fi']);
    await c.session();
    Object.assign(outage, { mode: 'hang', ports: new Set(['conversations']) });
    const failed = await c.send({ id: 'kept-1', text: 'Missä pakettini on?' });
    expect(failed).toEqual({
      ok: false,
      id: 'kept-1',
      error: { code: 'STORE_UNAVAILABLE', message: strings('fi').error.storeUnavailable, id: 'kept-1' },
    });
    expect(strings('fi').error.storeUnavailable).not.toBe(strings('en').error.storeUnavailable);

    outage.mode = 'none';
    const retried = await c.send({ id: 'kept-1', text: 'Missä pakettini on?' });
    expect(retried).toMatchObject({ ok: true, id: 'kept-1', duplicate: false });
    await waitFor(() => c.botMessages().length === 1, 'the answer to the retried message');
    const session = await c.session();
    const conversation = await embedded.conversations.find('web', visitorKeyOf(session.visitorToken));
    const stored = await embedded.conversations.messages(conversation?.id ?? '');
    expect(stored.filter((m) => m.clientId === 'kept-1')).toHaveLength(1);
  });

  it('a message the store took after the turn gave up: acknowledged on the retry, never stored twice', async () => {
    const c = client(['en']);
    await c.session();
    Object.assign(outage, { mode: 'late', ports: new Set(['conversations.append']) });
    const failed = await c.send({ id: 'late-1', text: 'where is my parcel?' });
    expect(failed).toMatchObject({ ok: false, error: { code: 'STORE_UNAVAILABLE' } });
    expect(failed.ok ? '' : failed.error.message).toBe(strings('en').error.storeUnavailable);
    await new Promise((resolve) => setTimeout(resolve, timeoutMs * 4)); // the late write lands

    outage.mode = 'none';
    const retried = await c.send({ id: 'late-1', text: 'where is my parcel?' });
    expect(retried).toMatchObject({ ok: true, id: 'late-1', duplicate: true });
    const session = await c.session();
    const conversation = await embedded.conversations.find('web', visitorKeyOf(session.visitorToken));
    const stored = await embedded.conversations.messages(conversation?.id ?? '');
    expect(stored.filter((m) => m.clientId === 'late-1')).toHaveLength(1);
  });

  it('the REST API answers 503 STORE_UNAVAILABLE while the store does not answer, and serves again after', async () => {
    const key = newApiKey();
    await embedded.apiKeys.create('outage test', hashApiKey(key));
    const get = () => fetch(`${server.url}/api/tickets`, { headers: { authorization: `Bearer ${key}` } });
    Object.assign(outage, { mode: 'hang', ports: new Set(['tickets']) });
    const res = await get();
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('STORE_UNAVAILABLE');
    outage.mode = 'none';
    expect((await get()).status).toBe(200);
    expect(
      server.logs.some((l) => l['msg'] === 'the store did not answer' && l['path'] === '/api/tickets'),
    ).toBe(true);
  });

  it('a store call inside the turn times out: the message is stored and the bot answers "try again in a moment"', async () => {
    const c = client(['en']);
    await c.session();
    // Only the unresolved-question log hangs: a question the KB cannot answer needs it.
    Object.assign(outage, { mode: 'hang', ports: new Set(['unresolved']) });
    const [reply] = await c.ask('What is the airspeed velocity of an unladen swallow?', 'inside-1');
    outage.mode = 'none';
    expect(reply?.text).toBe(strings('en').error.storeUnavailable);
    expect(c.messages.filter((m) => m.role === 'visitor')).toHaveLength(1);
  });
});
