import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import type { ChatDetail } from '../../channels/web/agent-events.js';
import type { Agent } from '../../handoff/types.js';
import { hashApiKey } from '../../server/api-keys.js';
import { AgentClient, addAgent, login } from '../helpers/agent-client.js';
import { ChatClient, waitFor } from '../helpers/chat-client.js';
import { cancelOpenHandoffs } from '../helpers/desk.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { ticketInput } from '../helpers/tickets.js';

/** Issue #13 item 8: who may change what, through the real console routes, API and agent socket. */
let server: TestServer;
let apiKey = '';
const open: Array<{ close(): void }> = [];
beforeAll(async () => {
  server = await startTestServer();
  apiKey = `fd_${randomBytes(24).toString('base64url')}`;
  await server.app.store.apiKeys.create('test', hashApiKey(apiKey));
});
afterEach(async () => {
  for (const c of open.splice(0)) c.close();
  await cancelOpenHandoffs(server);
});
afterAll(async () => {
  await server.stop();
});

/** A console session for a new agent: a fetch for /console/api with its cookie. */
async function consoleAs(a: Parameters<typeof addAgent>[1]) {
  const agent = await addAgent(server, a);
  const cookie = await login(server.url, agent.email);
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.url}/console/api${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, json: (await res.json().catch(() => ({}))) as Record<string, unknown> };
  };
  return { agent, call };
}

const ticket = async (overrides: Parameters<typeof ticketInput>[0] = {}) =>
  server.app.store.tickets.create(ticketInput(overrides), 'test');

describe('tickets: only the assignee, the team or an admin change a ticket', () => {
  it('refuses another agent (403) on status, reply and merge; allows the assignee, the team and an admin', async () => {
    const owner = await consoleAs({ name: 'Owner', languages: ['en'] });
    const other = await consoleAs({ name: 'Other', languages: ['en'] });
    const billing = await consoleAs({ name: 'Bill', languages: ['en'], skills: ['billing'] });
    const admin = await consoleAs({ name: 'Admin', languages: ['en'], role: 'admin' });
    const t = await ticket({ assignee: owner.agent.id, team: 'billing' });
    const dup = await ticket({ assignee: owner.agent.id, team: 'billing' });

    for (const [method, path, body] of [
      ['PATCH', `/tickets/${t.number}`, { status: 'open' }],
      ['POST', `/tickets/${t.number}/comments`, { body: 'mine now', internal: true }],
      ['POST', `/tickets/${dup.number}/merge`, { into: t.number }],
    ] as const) {
      const res = await other.call(method, path, body);
      expect(res.status).toBe(403);
      expect(res.json).toMatchObject({ error: { code: 'FORBIDDEN' } });
    }
    // Reading stays open to every agent.
    expect((await other.call('GET', `/tickets/${t.number}`)).status).toBe(200);
    expect((await owner.call('PATCH', `/tickets/${t.number}`, { status: 'open' })).status).toBe(200);
    expect((await billing.call('PATCH', `/tickets/${t.number}`, { priority: 'high' })).status).toBe(200);
    expect(
      (await admin.call('POST', `/tickets/${t.number}/comments`, { body: 'FYI', internal: true })).status,
    ).toBe(201);
    const stored = await server.app.store.tickets.get(t.id);
    expect(stored).toMatchObject({ status: 'open', priority: 'high' });
    expect(stored?.comments.map((c) => c.body)).toEqual(['FYI']);
  });

  it('an unassigned ticket is its team’s pool: an agent outside a staffed team gets 403, a team without members is everyone’s', async () => {
    const outsider = await consoleAs({ name: 'Outsider', languages: ['en'] });
    await consoleAs({ name: 'Nordic', languages: ['fi'], skills: ['nordic-support'] });
    const staffed = await ticket({ team: 'nordic-support' });
    const unstaffed = await ticket({ team: 'nobody-here' });
    expect((await outsider.call('PATCH', `/tickets/${staffed.number}`, { status: 'open' })).status).toBe(403);
    expect(
      (await outsider.call('PATCH', `/tickets/${unstaffed.number}`, { assignee: outsider.agent.id })).status,
    ).toBe(200);
  });

  it('the REST API validates assignee against real agents', async () => {
    const t = await ticket();
    const agent = await addAgent(server, { name: 'Real', languages: ['en'] });
    const patch = (assignee: string) =>
      fetch(`${server.url}/api/tickets/${t.number}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ assignee }),
      });
    const bad = await patch('no-such-agent');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      error: { code: 'PAYLOAD_INVALID', details: ['assignee: no such agent'] },
    });
    expect((await server.app.store.tickets.get(t.id))?.assignee).toBeNull();
    const good = await patch(agent.id);
    expect(good.status).toBe(200);
    expect((await server.app.store.tickets.get(t.id))?.assignee).toBe(agent.id);
  });
});

describe('chats: a former owner cannot write in a resolved chat', () => {
  it('refuses a note after resolve (HANDOFF_STATE); an admin may still add one', async () => {
    const aino = await signIn({ name: 'Aino', languages: ['en'] });
    const boss = await signIn({ name: 'Boss', languages: ['en'], role: 'admin' }, false);
    const v = new ChatClient(server.url);
    open.push(v);
    await v.session();
    await v.ask('I want to talk to a person');
    await waitFor(() => aino.offers.length > 0, 'offer');
    const detail = (await aino.call('claim', {
      handoffId: aino.offers[0]?.handoffId ?? '',
    })) as ChatDetail;
    await aino.call('note', { conversationId: detail.conversationId, text: 'before' });
    await aino.call('resolve', { conversationId: detail.conversationId });
    await expect(
      aino.call('note', { conversationId: detail.conversationId, text: 'after' }),
    ).rejects.toMatchObject({ code: 'HANDOFF_STATE' });
    await boss.call('note', { conversationId: detail.conversationId, text: 'admin follow-up' });
    const notes = (await server.app.store.conversations.messages(detail.conversationId))
      .filter((m) => m.meta.internal && m.role === 'agent')
      .map((m) => m.text);
    expect(notes).toEqual(['before', 'admin follow-up']);
  });
});

describe('admin-only routes', () => {
  it('answers 403 FORBIDDEN to an agent under /console/api/admin, and lets an admin through', async () => {
    const agent = await consoleAs({ name: 'Plain', languages: ['en'] });
    const admin = await consoleAs({ name: 'Chief', languages: ['en'], role: 'admin' });
    for (const path of ['/admin/visitors/export?visitor=x@example.com', '/admin/anything']) {
      const res = await agent.call('GET', path);
      expect(res.status).toBe(403);
      expect(res.json).toMatchObject({ error: { code: 'FORBIDDEN' } });
    }
    expect((await admin.call('GET', '/admin/anything')).status).toBe(404);
  });
});

async function signIn(a: Parameters<typeof addAgent>[1], available = true): Promise<AgentClient> {
  const agent: Agent = await addAgent(server, a);
  const client = await AgentClient.signIn(server, agent, available);
  open.push(client);
  return client;
}
