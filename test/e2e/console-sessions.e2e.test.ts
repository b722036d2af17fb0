import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { io } from 'socket.io-client';
import { AgentClient, addAgent, login, testPassword } from '../helpers/agent-client.js';
import { waitFor } from '../helpers/chat-client.js';
import { frontdesk } from '../helpers/cli.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/**
 * Console sessions end at once (logout; an admin disabling the agent), and every socket.io handshake and
 * console POST is checked for its Origin: /agent and the console accept their own origin only, /chat the
 * WIDGET_ORIGINS (any when unset, with a start-up warning); no `Access-Control-Allow-Origin: *`.
 */
const evil = 'https://evil.example';
const shop = 'https://shop.example';

/** Connects a raw /chat client with this Origin; resolves 'connected' or the connect_error message. */
const chatWithOrigin = (url: string, origin: string) =>
  new Promise<string>((resolve) => {
    const socket = io(`${url}/chat`, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      extraHeaders: { origin },
    });
    socket.on('connect', () => {
      socket.close();
      resolve('connected');
    });
    socket.on('connect_error', (err) => {
      socket.close();
      resolve(err.message);
    });
  });

const logout = (url: string, cookie: string) =>
  fetch(`${url}/console/api/logout`, { method: 'POST', headers: { cookie } });

describe('console sessions and origins (WIDGET_ORIGINS unset)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it('warns at start-up that any site may open the chat, and how to restrict it', () => {
    const warning = server.logs.find((l) => String(l['msg']).startsWith('WIDGET_ORIGINS is not set'));
    expect(warning?.['msg']).toContain('WIDGET_ORIGINS=https://');
  });

  it('accepts the own origin on /agent and refuses a foreign one', async () => {
    const agent = await addAgent(server, { name: 'Own', languages: ['en'] });
    const cookie = await login(server.url, agent.email);
    const own = new AgentClient(server.url, cookie, server.url);
    const foreign = new AgentClient(server.url, cookie, evil);
    try {
      await waitFor(() => own.hellos.length > 0, 'hello with the own origin');
      await waitFor(() => foreign.errors.length > 0, 'connect_error with a foreign origin');
      expect(foreign.errors[0]?.message).toBe('ORIGIN_FORBIDDEN');
      expect(foreign.hellos).toHaveLength(0);
    } finally {
      own.close();
      foreign.close();
    }
  });

  it('lets any site open /chat when WIDGET_ORIGINS is unset, echoing its origin rather than *', async () => {
    expect(await chatWithOrigin(server.url, evil)).toBe('connected');
    const res = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, {
      headers: { origin: evil },
    });
    expect(res.headers.get('access-control-allow-origin')).toBe(evil);
  });

  it('refuses console POSTs from a foreign origin (CSRF), accepts its own', async () => {
    const agent = await addAgent(server, { name: 'Csrf', languages: ['en'] });
    const body = JSON.stringify({ email: agent.email, password: testPassword });
    const post = (origin: string) =>
      fetch(`${server.url}/console/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body,
      });
    const refused = await post(evil);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('ORIGIN_FORBIDDEN');
    expect((await post(server.url)).status).toBe(200);
  });

  it('disconnects the sockets of a session at logout, within a second, and only that session', async () => {
    const agent = await addAgent(server, { name: 'Leaver', languages: ['en'] });
    const first = await login(server.url, agent.email);
    const second = await login(server.url, agent.email);
    const a = new AgentClient(server.url, first, server.url);
    const b = new AgentClient(server.url, second, server.url);
    try {
      await waitFor(() => a.hellos.length > 0 && b.hellos.length > 0, 'both consoles');
      expect((await logout(server.url, first)).status).toBe(204);
      await waitFor(() => a.disconnects.length > 0, 'the logged-out socket to close', 1000);
      expect(a.disconnects[0]).toBe('io server disconnect');
      expect(await b.call('availability', { available: true })).toEqual({ available: true });
      expect(b.socket.connected).toBe(true);
    } finally {
      a.close();
      b.close();
    }
  });

  it('frontdesk agents disable: the open console is disconnected and the agent cannot sign in again', async () => {
    const agent = await addAgent(server, { name: 'Gone', languages: ['en'] });
    const busy = new AgentClient(server.url, await login(server.url, agent.email), server.url);
    const idle = new AgentClient(server.url, await login(server.url, agent.email), server.url);
    try {
      await waitFor(() => busy.hellos.length > 0 && idle.hellos.length > 0, 'consoles');
      const cli = await frontdesk(['agents', 'disable', '--email', agent.email.toUpperCase()], {
        env: { DATA_DIR: server.dataDir },
      });
      expect(cli).toMatchObject({ code: 0, stdout: expect.stringContaining('Disabled Gone') });
      // the next action of an open console finds its session gone
      await expect(busy.call('availability', { available: true })).rejects.toThrow();
      expect(busy.disconnects).toEqual(['io server disconnect']);
      // an idle one is found by the periodic check (every 5 s)
      await waitFor(() => idle.disconnects.length > 0, 'the idle console to be disconnected', 8000);
      await expect(login(server.url, agent.email)).rejects.toThrow('login failed: 401');
    } finally {
      busy.close();
      idle.close();
    }
  }, 20_000);

  it('frontdesk agents disable: a bad or unknown email is a usage error', async () => {
    const env = { DATA_DIR: server.dataDir };
    expect((await frontdesk(['agents', 'disable'], { env })).code).toBe(2);
    const unknown = await frontdesk(['agents', 'disable', '--email', 'who@example.com'], { env });
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringContaining('No agent has the email') });
  });
});

describe('WIDGET_ORIGINS set', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ WIDGET_ORIGINS: `${shop}, https://www.example.com` });
  });
  afterAll(() => server.stop());

  it('lets the listed sites and the own origin open /chat, and refuses others', async () => {
    expect(await chatWithOrigin(server.url, shop)).toBe('connected');
    expect(await chatWithOrigin(server.url, server.url)).toBe('connected');
    expect(await chatWithOrigin(server.url, evil)).toBe('ORIGIN_FORBIDDEN');
    expect(server.logs.some((l) => String(l['msg']).startsWith('WIDGET_ORIGINS is not set'))).toBe(false);
  });

  it('sends CORS headers to the listed sites only, never *', async () => {
    const handshake = (origin: string) =>
      fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin } });
    expect((await handshake(shop)).headers.get('access-control-allow-origin')).toBe(shop);
    expect((await handshake(evil)).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('still refuses the widget sites on /agent', async () => {
    const agent = await addAgent(server, { name: 'Shop', languages: ['en'] });
    const client = new AgentClient(server.url, await login(server.url, agent.email), shop);
    try {
      await waitFor(() => client.errors.length > 0, 'connect_error');
      expect(client.errors[0]?.message).toBe('ORIGIN_FORBIDDEN');
    } finally {
      client.close();
    }
  });
});
