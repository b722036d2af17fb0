import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { io, type Socket } from 'socket.io-client';
import { AgentClient, addAgent, login } from '../helpers/agent-client.js';
import { ChatClient, waitFor } from '../helpers/chat-client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/**
 * Bad input from outside (cookies, percent-escapes, charsets, socket payloads) is answered with 400/401 or
 * an error ack, never a crash or a 500. Each test ends by proving the same process still serves.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

const stillServing = async () => {
  const res = await fetch(`${server.url}/healthz`);
  expect(res.status).toBe(200);
  const v = new ChatClient(server.url);
  try {
    const [reply] = await v.ask('where is my parcel?');
    expect(reply?.articleId).toBeTruthy();
  } finally {
    v.close();
  }
};

const badCookies = [
  'fd_session=%',
  'fd_session=%E0%A4%A',
  'fd_session=%%%; other=%',
  '=%; ;;=',
  'fd_session',
];

describe('malformed cookies', () => {
  it('an /agent handshake with a bad percent-escape in the cookie is refused, and the server lives', async () => {
    for (const cookie of badCookies) {
      const client = new AgentClient(server.url, cookie);
      await waitFor(() => client.errors.length > 0, `connect_error for ${cookie}`);
      expect(client.errors[0]?.message).toBe('UNAUTHENTICATED');
      client.close();
    }
    await stillServing();
  });

  it('console HTTP routes answer 401 (never 500) to the same cookies; logout answers 204', async () => {
    for (const cookie of badCookies) {
      for (const path of ['/console/api/me', '/console/api/tickets', '/console/api/anything']) {
        const res = await fetch(`${server.url}${path}`, { headers: { cookie } });
        expect({ cookie, path, status: res.status }).toEqual({ cookie, path, status: 401 });
        const body = (await res.json()) as { error: { code: string } };
        expect(body.error.code).toBe('UNAUTHENTICATED');
      }
      const out = await fetch(`${server.url}/console/api/logout`, { method: 'POST', headers: { cookie } });
      expect(out.status).toBe(204);
    }
    await stillServing();
  });
});

describe('malformed URLs and bodies', () => {
  it('a bad percent-escape in a path parameter is 400 PAYLOAD_INVALID', async () => {
    const agent = await addAgent(server, { name: 'Pia', languages: ['en'] });
    const cookie = await login(server.url, agent.email);
    for (const path of ['/console/api/tickets/%E0%A4%A', '/api/tickets/%']) {
      const res = await fetch(`${server.url}${path}`, { headers: { cookie, authorization: 'Bearer x' } });
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      const body = (await res.json()) as { error: { code: string } };
      expect(body.error.code).toBe('PAYLOAD_INVALID');
    }
    await stillServing();
  });

  it('an unknown charset or content encoding on a JSON body is 400, not 415 or 500', async () => {
    for (const headers of <Array<Record<string, string>>>[
      { 'content-type': 'application/json; charset=klingon' },
      { 'content-type': 'application/json', 'content-encoding': 'zstd-bogus' },
    ]) {
      const res = await fetch(`${server.url}/console/api/login`, {
        method: 'POST',
        headers,
        body: '{"email":"a@b.c","password":"x"}',
      });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { code: string } };
      expect(body.error.code).toBe('PAYLOAD_INVALID');
    }
    await stillServing();
  });
});

/** Payloads of every wrong shape, sent to every event with and without an ack, and with a non-function "ack". */
const junk: unknown[] = [
  null,
  'x',
  42,
  true,
  [],
  [1, 2],
  {},
  { id: 5, text: {}, postback: [] },
  { conversationId: { $gt: '' }, text: 7, handoffId: null, typing: 'yes', available: 'no' },
  { text: 'a'.repeat(200_000) },
  { lang: {}, query: [] },
];

const sendAll = async (socket: Socket, events: readonly string[]) => {
  const acks: unknown[] = [];
  for (const event of events)
    for (const payload of junk) {
      socket.emit(event, payload);
      socket.emit(event, payload, 'not a function');
      socket.emit(event);
      acks.push(await socket.timeout(5000).emitWithAck(event, payload));
    }
  return acks;
};

describe('malformed socket payloads', () => {
  it('every /chat event answers junk with an error ack; a handshake of the wrong types still connects', async () => {
    const socket = io(`${server.url}/chat`, {
      auth: { visitorToken: 5, locales: 'fi', page: { a: 1 }, timeZone: ['x'] },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    await new Promise<void>((resolve) => socket.once('session', () => resolve()));
    const acks = (await sendAll(socket, ['send', 'suggest', 'history'])) as Array<{
      ok: boolean;
      error?: { code: string };
    }>;
    for (const ack of acks) {
      expect(ack.ok).toBe(false);
      expect(['PAYLOAD_INVALID', 'RATE_LIMITED']).toContain(ack.error?.code);
    }
    socket.emit('typing', { junk: true });
    socket.emit('no-such-event', null);
    socket.close();
    await stillServing();
  });

  it('every /agent event answers junk with an error ack', async () => {
    const agent = await AgentClient.signIn(
      server,
      await addAgent(server, { name: 'Ilkka', languages: ['en'] }),
    );
    const events = ['availability', 'claim', 'open', 'send', 'note', 'transfer', 'resolve', 'spam', 'canned'];
    const acks = (await sendAll(agent.socket as unknown as Socket, events)) as Array<{
      ok: boolean;
      error?: { code: string };
    }>;
    for (const ack of acks) {
      expect(ack.ok).toBe(false);
      expect(ack.error?.code).toBe('PAYLOAD_INVALID');
    }
    agent.socket.emit('typing', null as unknown as { conversationId: string; typing: boolean });
    (agent.socket as unknown as Socket).emit('no-such-event', 'x');
    agent.close();
    await stillServing();
  });
});
