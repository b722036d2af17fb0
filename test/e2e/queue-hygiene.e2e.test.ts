import { afterEach, describe, expect, it } from '@jest/globals';
import { io } from 'socket.io-client';
import type { ChatError } from '../../channels/web/events.js';
import { AgentClient, addAgent } from '../helpers/agent-client.js';
import { ChatClient, waitFor } from '../helpers/chat-client.js';
import { eventually } from '../helpers/eventually.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/**
 * Issue #13 item 3 and #19 item 11: the live queue holds only chats of visitors who are there, one per
 * visitor, a few per address; positions count only the chats of the visitor's language; agents can mark a
 * chat as spam and block its visitor (and address).
 */
let servers: TestServer[] = [];
const open: Array<{ close(): void }> = [];
afterEach(async () => {
  for (const c of open.splice(0)) c.close();
  for (const s of servers.splice(0)) await s.stop();
  servers = [];
});

async function start(env: Record<string, string> = {}, dataDir?: string): Promise<TestServer> {
  const s = await startTestServer(
    { TRUST_PROXY: 'loopback', VISITOR_GRACE_SECONDS: '0.4', ...env },
    dataDir ? { dataDir } : {},
  );
  servers.push(s);
  return s;
}

/** A visitor from `address` (X-Forwarded-For through the trusted loopback proxy). */
async function visitor(
  server: TestServer,
  address: string,
  auth: { visitorToken?: string; locales?: string[] } = {},
): Promise<ChatClient> {
  const c = new ChatClient(server.url, auth, { extraHeaders: { 'x-forwarded-for': address } });
  open.push(c);
  await c.session();
  return c;
}

async function agent(server: TestServer, name: string, languages: string[]): Promise<AgentClient> {
  const a = await AgentClient.signIn(server, await addAgent(server, { name, languages }));
  open.push(a);
  return a;
}

const queued = async (server: TestServer) => server.app.store.handoffs.list({ status: 'queued' });

describe('queue hygiene', () => {
  it('a visitor who left and did not return within the grace period leaves the queue; the transcript stays', async () => {
    // A grace period long enough for the reload below on a loaded machine.
    const server = await start({ VISITOR_GRACE_SECONDS: '2' });
    const aino = await agent(server, 'Aino', ['en']);
    const gone = await visitor(server, '203.0.113.1');
    await gone.ask('I want to talk to a person');
    const back = await visitor(server, '203.0.113.2');
    await back.ask('I want to talk to a person');
    await waitFor(() => aino.queue().length === 2, 'two chats queued');
    const backToken = back.sessions[0]?.visitorToken ?? '';

    gone.close();
    back.close();
    // The second visitor returns (a reload) within the grace period and keeps their place.
    const returned = await visitor(server, '203.0.113.2', { visitorToken: backToken });
    await waitFor(() => aino.queue().length === 1, 'the absent visitor’s chat left the queue', 10_000);
    await new Promise((r) => setTimeout(r, 2500));
    expect(aino.queue()).toHaveLength(1);
    await waitFor(() => returned.handoffs.at(-1)?.position === 1, 'moved up to position 1');
    const left = (await server.app.store.handoffs.list({ status: 'cancelled' }))[0];
    expect(left).toBeDefined();
    const transcript = await server.app.store.conversations.messages(left?.conversationId ?? '');
    expect(transcript.map((m) => m.text)).toContain('I want to talk to a person');
    expect(transcript.at(-1)).toMatchObject({ role: 'system', meta: { internal: true } });
    expect(transcript.at(-1)?.text).toMatch(/left the queue/);
  }, 60_000);

  it('a visitor who left details becomes a ticket when they leave the queue', async () => {
    const server = await start();
    await agent(server, 'Aino', ['en']);
    const v = await visitor(server, '203.0.113.3');
    await v.ask('I want to talk to a person');
    const conversationId = v.sessions[0]?.conversationId ?? (await queued(server))[0]?.conversationId ?? '';
    const conversation = await server.app.store.conversations.get(conversationId);
    // Details as a completed form leaves them in the conversation's state.
    await server.app.store.conversations.update(conversationId, {
      state: { ...(conversation?.state ?? { failures: 0 }), details: { email: 'left@example.com' } },
    });
    v.close();
    await eventually(async () => {
      const tickets = await server.app.store.tickets.list();
      expect(tickets).toHaveLength(1);
      expect(tickets[0]).toMatchObject({ conversationId, requester: { email: 'left@example.com' } });
    }, 3000);
    expect(await queued(server)).toHaveLength(0);
  });

  it('holds one queued request per visitor and a few per address (HANDOFF_QUEUED_PER_ADDRESS)', async () => {
    const server = await start({ HANDOFF_QUEUED_PER_ADDRESS: '2' });
    await agent(server, 'Aino', ['en']);
    const first = await visitor(server, '198.51.100.7');
    await first.ask('I want to talk to a person');
    // Asking again while queued does not queue a second request.
    expect(await first.pick('Talk to a person', 'handoff:request')).toMatchObject({ ok: true });
    expect(await first.send({ id: 'again', text: 'human' })).toMatchObject({ ok: true });
    expect(await queued(server)).toHaveLength(1);
    const second = await visitor(server, '198.51.100.7');
    await second.ask('I want to talk to a person');
    const third = await visitor(server, '198.51.100.7');
    const [refused] = await third.ask('I want to talk to a person');
    expect(refused?.text).not.toMatch(/number \d+ in line/);
    expect(await queued(server)).toHaveLength(2);
    // Another address is queued as usual.
    const elsewhere = await visitor(server, '198.51.100.8');
    const [ok] = await elsewhere.ask('I want to talk to a person');
    expect(ok?.text).toMatch(/You're number 3 in line/);
    expect(await queued(server)).toHaveLength(3);
  });

  it('limits requests for a person per address however they are made (typed words count too)', async () => {
    const server = await start({ RATE_LIMIT_ESCALATIONS_PER_HOUR: '1', RATE_LIMIT_IP_FACTOR: '2' });
    await agent(server, 'Aino', ['en']);
    const v = await visitor(server, '198.51.100.20');
    for (let i = 0; i < 2; i++) {
      const [queuedReply] = await v.ask('I want to talk to a person');
      expect(queuedReply?.text).toMatch(/in line/);
      const before = v.botMessages().length;
      await v.pick('Back to the assistant', 'handoff:cancel');
      await waitFor(() => v.botMessages().length > before, 'back to the bot');
      expect(await queued(server)).toHaveLength(0);
    }
    const [third] = await v.ask('I want to talk to a person');
    expect(third?.text).not.toMatch(/in line/);
    expect(await queued(server)).toHaveLength(0);
    // Another address is not affected.
    const other = await visitor(server, '198.51.100.21');
    const [ok] = await other.ask('I want to talk to a person');
    expect(ok?.text).toMatch(/in line/);
  });

  it('counts positions among the chats of the visitor’s language only', async () => {
    const server = await start();
    await agent(server, 'Eero', ['fi']);
    await agent(server, 'John', ['en']);
    const fi = await visitor(server, '203.0.113.10', { locales: ['fi-FI'] });
    await fi.ask('haluan puhua ihmisen kanssa');
    const en = await visitor(server, '203.0.113.11');
    const [reply] = await en.ask('I want to talk to a person');
    expect(reply?.text).toMatch(/You're number 1 in line/);
    await waitFor(() => en.handoffs.at(-1)?.position === 1, 'position 1');
  });

  it('an agent marks a queued chat as spam: it leaves the queue, the visitor and address are blocked, also after a restart', async () => {
    const server = await start();
    const aino = await agent(server, 'Aino', ['en']);
    const other = await agent(server, 'Eero', ['fi']);
    const spammer = await visitor(server, '192.0.2.66');
    await spammer.ask('I want to talk to a person');
    await waitFor(() => aino.queue().length === 1, 'queued');
    const conversationId = aino.queue()[0]?.conversationId ?? '';

    // Eero does not see this English chat (Aino speaks English): not his to judge.
    await expect(other.call('spam', { conversationId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(aino.call('spam', { conversationId })).resolves.toEqual({ blocked: true });
    await waitFor(() => aino.queue().length === 0, 'left the queue');
    expect(await queued(server)).toHaveLength(0);

    const ack = await spammer.send({ id: 'after-spam', text: 'hello again' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'VISITOR_BLOCKED' } });
    const refusal = await connectError(server, '192.0.2.66');
    expect(refusal?.code).toBe('VISITOR_BLOCKED');
    // Another address is served.
    const fine = await visitor(server, '192.0.2.67');
    await fine.ask('I want to talk to a person');

    // The blocks are stored: a restart on the same data keeps them.
    const dataDir = server.dataDir;
    const token = spammer.sessions[0]?.visitorToken ?? '';
    for (const c of open.splice(0)) c.close();
    await server.app.close();
    servers = [];
    const again = await start({}, dataDir);
    expect((await connectError(again, '192.0.2.66'))?.code).toBe('VISITOR_BLOCKED');
    const sameToken = await visitor(again, '192.0.2.99', { visitorToken: token });
    const blocked = await sameToken.send({ id: 'x1', text: 'hello' });
    expect(blocked).toMatchObject({ ok: false, error: { code: 'VISITOR_BLOCKED' } });
  });
});

/** The connect_error of a new /chat socket from `address`, or null when it connected. */
async function connectError(server: TestServer, address: string): Promise<ChatError | null> {
  const s = io(`${server.url}/chat`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: { 'x-forwarded-for': address },
  });
  return new Promise<ChatError | null>((resolve) => {
    s.once('connect', () => resolve(null));
    s.once('connect_error', (e) => resolve((e as Error & { data: ChatError }).data));
  }).finally(() => s.close());
}
