import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AgentClient, addAgent, login, testPassword } from '../helpers/agent-client.js';
import { waitFor } from '../helpers/chat-client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import type { Agent } from '../../handoff/types.js';

/**
 * Admin settings over HTTP (/console/api/admin/…): agents, API keys, the audit log and the reports, each
 * action by an admin; agents get 403 on every one of them.
 */
describe('admin settings and reports (HTTP)', () => {
  let server: TestServer;
  let admin: Agent;
  let adminCookie: string;

  const call = async (cookie: string | null, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    const json = res.headers.get('content-type')?.includes('json')
      ? (JSON.parse(text) as Record<string, unknown>)
      : null;
    const error = json?.['error'] as { code?: string; details?: string[] } | undefined;
    return {
      status: res.status,
      json,
      text,
      headers: res.headers,
      code: error?.code,
      details: error?.details ?? [],
    };
  };
  const asAdmin = (method: string, path: string, body?: unknown) => call(adminCookie, method, path, body);

  beforeAll(async () => {
    server = await startTestServer();
    admin = await addAgent(server, { name: 'Root', languages: ['en'], role: 'admin' });
    adminCookie = await login(server.url, admin.email);
  });
  afterAll(() => server.stop());

  it('denies an agent every admin route (403), and anyone signed out (401)', async () => {
    const agent = await addAgent(server, { name: 'Plain', languages: ['en'] });
    const cookie = await login(server.url, agent.email);
    const routes: Array<[string, string, unknown?]> = [
      ['GET', '/console/api/admin/reports'],
      ['GET', '/console/api/admin/reports.csv?chart=daily'],
      ['GET', '/console/api/admin/agents'],
      [
        'POST',
        '/console/api/admin/agents',
        { email: 'x@example.com', name: 'X', languages: ['en'], password: testPassword },
      ],
      ['PATCH', `/console/api/admin/agents/${agent.id}`, { role: 'admin' }],
      ['POST', `/console/api/admin/agents/${admin.id}/disable`],
      ['POST', `/console/api/admin/agents/${agent.id}/enable`],
      ['GET', '/console/api/admin/api-keys'],
      ['POST', '/console/api/admin/api-keys', { name: 'sneaky' }],
      ['POST', '/console/api/admin/api-keys/some-id/revoke'],
      ['GET', '/console/api/admin/audit'],
    ];
    for (const [method, path, body] of routes) {
      const denied = await call(cookie, method, path, body);
      expect([method, path, denied.status, denied.code]).toEqual([method, path, 403, 'FORBIDDEN']);
      const anonymous = await call(null, method, path, body);
      expect([method, path, anonymous.status]).toEqual([method, path, 401]);
    }
    expect((await server.app.store.agents.get(agent.id))?.role).toBe('agent');
    expect((await server.app.store.apiKeys.list()).map((k) => k.name)).not.toContain('sneaky');
    expect(await server.app.store.agents.byEmail('x@example.com')).toBeNull();
  });

  it('adds an agent who can sign in; refuses a taken email and lists every problem of a bad one', async () => {
    const email = `new-${Date.now()}@example.com`;
    const added = await asAdmin('POST', '/console/api/admin/agents', {
      email,
      name: 'Aino',
      languages: ['fi', 'en'],
      skills: ['Billing'],
      password: testPassword,
    });
    expect(added.status).toBe(201);
    expect(added.json?.['agent']).toMatchObject({
      email,
      role: 'agent',
      languages: ['fi', 'en'],
      skills: ['billing'],
    });
    expect(JSON.stringify(added.json)).not.toContain('passwordHash');
    await expect(login(server.url, email)).resolves.toMatch(/^fd_session=/);
    const again = await asAdmin('POST', '/console/api/admin/agents', {
      email: email.toUpperCase(),
      name: 'Aino 2',
      languages: ['fi'],
      password: testPassword,
    });
    expect([again.status, again.code]).toEqual([409, 'AGENT_EXISTS']);
    const bad = await asAdmin('POST', '/console/api/admin/agents', {
      email: 'nope',
      name: '',
      languages: ['Finnish'],
      password: 'short',
      extra: true,
    });
    expect([bad.status, bad.code]).toEqual([400, 'PAYLOAD_INVALID']);
    expect(bad.details.join('\n')).toMatch(/email[\s\S]*name[\s\S]*languages/);
  });

  it('sets role, languages and skills; an admin cannot demote or disable themself', async () => {
    const agent = await addAgent(server, { name: 'Edit', languages: ['en'] });
    const changed = await asAdmin('PATCH', `/console/api/admin/agents/${agent.id}`, {
      role: 'admin',
      languages: ['et', 'en'],
      skills: ['shipping'],
      capacity: 4,
    });
    expect(changed.status).toBe(200);
    expect(changed.json?.['agent']).toMatchObject({
      role: 'admin',
      languages: ['et', 'en'],
      skills: ['shipping'],
      capacity: 4,
    });
    const cookie = await login(server.url, agent.email);
    expect((await call(cookie, 'GET', '/console/api/admin/agents')).status).toBe(200);
    expect((await asAdmin('PATCH', `/console/api/admin/agents/${agent.id}`, {})).status).toBe(400);
    expect((await asAdmin('PATCH', `/console/api/admin/agents/${agent.id}`, { role: 'boss' })).status).toBe(
      400,
    );
    expect((await asAdmin('PATCH', '/console/api/admin/agents/nobody', { role: 'admin' })).status).toBe(404);
    const self = await asAdmin('PATCH', `/console/api/admin/agents/${admin.id}`, { role: 'agent' });
    expect([self.status, self.code]).toEqual([409, 'ADMIN_SELF']);
    expect((await asAdmin('POST', `/console/api/admin/agents/${admin.id}/disable`)).status).toBe(409);
  });

  it('disables an agent: their console socket drops at once, sign-in is refused; enabling lets them back', async () => {
    const agent = await addAgent(server, { name: 'Leaver', languages: ['en'] });
    const client = await AgentClient.signIn(server, agent);
    const cookie = await login(server.url, agent.email);
    try {
      const disabled = await asAdmin('POST', `/console/api/admin/agents/${agent.id}/disable`);
      expect(disabled.status).toBe(200);
      expect(
        (disabled.json?.['agents'] as Array<{ id: string; disabled: boolean }>).find(
          (a) => a.id === agent.id,
        ),
      ).toMatchObject({
        disabled: true,
      });
      // Well before the periodic session re-check (5 s): the admin action drops the socket itself.
      await waitFor(() => client.disconnects.length > 0, 'the disabled agent’s socket dropped', 1500);
      expect((await call(cookie, 'GET', '/console/api/me')).status).toBe(401);
      await expect(login(server.url, agent.email)).rejects.toThrow('401');
      expect((await asAdmin('POST', `/console/api/admin/agents/${agent.id}/enable`)).status).toBe(200);
      await expect(login(server.url, agent.email)).resolves.toMatch(/^fd_session=/);
      expect((await asAdmin('POST', '/console/api/admin/agents/nobody/disable')).status).toBe(404);
    } finally {
      client.close();
    }
  });

  it('creates an API key shown once, which then works on the REST API until revoked', async () => {
    const created = await asAdmin('POST', '/console/api/admin/api-keys', { name: 'helpdesk sync' });
    expect(created.status).toBe(201);
    const key = String(created.json?.['key']);
    const id = String((created.json?.['apiKey'] as { id: string }).id);
    expect(key).toMatch(/^fd_/);
    const api = () => fetch(`${server.url}/api/tickets`, { headers: { authorization: `Bearer ${key}` } });
    expect((await api()).status).toBe(200);
    const listed = await asAdmin('GET', '/console/api/admin/api-keys');
    expect(listed.text).not.toContain(key);
    expect(listed.json?.['apiKeys']).toEqual(
      expect.arrayContaining([expect.objectContaining({ id, name: 'helpdesk sync', revokedAt: null })]),
    );
    expect((await asAdmin('POST', '/console/api/admin/api-keys', { name: '' })).status).toBe(400);
    const revoked = await asAdmin('POST', `/console/api/admin/api-keys/${id}/revoke`);
    expect(revoked.status).toBe(200);
    expect((await api()).status).toBe(401);
    expect((await asAdmin('POST', `/console/api/admin/api-keys/${id}/revoke`)).status).toBe(404);
  });

  it('keeps every admin action in the audit log, newest first, without secrets', async () => {
    const agent = await addAgent(server, { name: 'Audited', languages: ['en'] });
    await asAdmin('PATCH', `/console/api/admin/agents/${agent.id}`, { skills: ['returns'] });
    await asAdmin('POST', `/console/api/admin/agents/${agent.id}/disable`);
    const key = await asAdmin('POST', '/console/api/admin/api-keys', { name: 'audited key' });
    const log = await asAdmin('GET', '/console/api/admin/audit?limit=3');
    expect(log.status).toBe(200);
    const entries = log.json?.['entries'] as Array<{
      action: string;
      target: string;
      actor: { email: string };
    }>;
    expect(entries.map((e) => [e.action, e.target])).toEqual([
      ['apikey.create', (key.json?.['apiKey'] as { id: string }).id],
      ['agent.disable', agent.email],
      ['agent.update', agent.email],
    ]);
    expect(entries.every((e) => e.actor.email === admin.email)).toBe(true);
    const all = await asAdmin('GET', '/console/api/admin/audit?limit=100');
    expect(all.text).not.toContain(String(key.json?.['key']));
    expect(all.text).not.toContain('scrypt$');
    expect((await asAdmin('GET', '/console/api/admin/audit?limit=0')).status).toBe(400);
  });

  it('reports the KPIs of the stored conversations as JSON and each chart as CSV', async () => {
    const store = server.app.store;
    const c = await store.conversations.open({ channel: 'web', visitorKey: `kpi-${Date.now()}`, lang: 'et' });
    await store.conversations.append(c.id, { role: 'visitor', text: 'tere' });
    await store.conversations.append(c.id, {
      role: 'bot',
      text: 'vastus',
      meta: { articleId: 'opening-hours', confidence: 0.9 },
    });
    const today = new Date().toISOString().slice(0, 10);
    const r = await asAdmin(
      'GET',
      `/console/api/admin/reports?from=${today}&to=${today}&lang=et&channel=web`,
    );
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      counts: { conversations: 1, involved: 1, answers: 1, resolvedAnswers: 1 },
      rates: { involvement: 1, answerRate: 1, resolution: 1, containment: 1 },
    });
    const csv = await asAdmin(
      'GET',
      `/console/api/admin/reports.csv?chart=articles&from=${today}&to=${today}&lang=et`,
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toBe(
      `attachment; filename="frontdesk-articles-${today}-${today}.csv"`,
    );
    expect(csv.text).toBe(
      'article,answers,resolved,helpful,not helpful,resolution\r\nopening-hours,1,1,0,0,1\r\n',
    );
    for (const bad of [
      'from=2026-13-01',
      'from=2026-02-01&to=2026-01-01',
      'lang=English',
      'channel=a%20b',
      'x=1',
    ])
      expect([bad, (await asAdmin('GET', `/console/api/admin/reports?${bad}`)).status]).toEqual([bad, 400]);
    expect((await asAdmin('GET', '/console/api/admin/reports.csv?chart=pie')).status).toBe(400);
  });
});
