import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { randomBytes } from 'node:crypto';
import { hashApiKey } from '../../server/api-keys.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { addAgent, login } from '../helpers/agent-client.js';
import { ticketInput } from '../helpers/tickets.js';

let server: TestServer;
let key = '';
let spec: {
  components: { schemas: Record<string, object> };
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: { $ref: string } }> }> }>
  >;
};
const ajv = new Ajv2020({ strict: false, allErrors: true });

beforeAll(async () => {
  server = await startTestServer();
  key = `fd_${randomBytes(24).toString('base64url')}`;
  await server.app.store.apiKeys.create('test', hashApiKey(key));
  spec = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as typeof spec;
  ajv.addSchema({ $id: 'frontdesk', components: spec.components } as object);
});
afterAll(async () => {
  await server.stop();
});

/** Calls the API and checks the response against the OpenAPI document's schema for that path, method and status. */
async function call(method: string, path: string, template: string, body?: unknown, auth = true) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(auth ? { authorization: `Bearer ${key}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const json = (await res.json()) as Record<string, unknown>;
  const documented = spec.paths[template]?.[method.toLowerCase()]?.responses[String(res.status)];
  expect(documented).toBeDefined();
  const ref = documented?.content?.['application/json']?.schema.$ref ?? '';
  const validate = ajv.getSchema(`frontdesk${ref}`);
  expect(validate).toBeDefined();
  if (validate && !validate(json))
    throw new Error(
      `${method} ${path} ${res.status} does not match ${ref}: ${ajv.errorsText(validate.errors)}`,
    );
  return { status: res.status, json };
}

describe('tickets REST API against its OpenAPI document', () => {
  it('serves an OpenAPI 3.1 document with the five operations', () => {
    const ops = Object.values(spec.paths).flatMap((p) =>
      Object.values(p)
        .map((o) => (o as { operationId?: string }).operationId)
        .filter(Boolean),
    );
    expect(ops.sort()).toEqual(['addComment', 'createTicket', 'getTicket', 'listTickets', 'updateTicket']);
  });

  it('creates, gets, lists, updates with audit, comments; 409 on a bad transition; 404; 400 by field; 401', async () => {
    const created = await call('POST', '/api/tickets', '/api/tickets', {
      subject: 'Card charged twice',
      description: 'URGENT: I was charged twice for order 48213',
      email: 'jane@example.com',
      category: 'payments',
      lang: 'en',
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      number: 'FD-10001',
      priority: 'urgent',
      team: 'billing',
      status: 'new',
      channel: 'api',
    });
    const id = String(created.json['number']);

    expect((await call('GET', `/api/tickets/${id}`, '/api/tickets/{id}')).json['subject']).toBe(
      'Card charged twice',
    );
    const list = await call('GET', '/api/tickets?status=new&sort=priority', '/api/tickets');
    expect((list.json['tickets'] as unknown[]).length).toBe(1);

    const open = await call('PATCH', `/api/tickets/${id}`, '/api/tickets/{id}', {
      status: 'open',
      tags: ['refund'],
    });
    expect(open.json).toMatchObject({ status: 'open', tags: ['refund'] });
    expect((await server.app.store.tickets.get(id))?.audit.at(-1)).toMatchObject({
      actor: 'api:test',
      changes: { status: { from: 'new', to: 'open' }, tags: { from: [], to: ['refund'] } },
    });
    const commented = await call('POST', `/api/tickets/${id}/comments`, '/api/tickets/{id}/comments', {
      body: 'Refunded the duplicate charge.',
    });
    expect(commented.status).toBe(201);
    expect(commented.json['firstRepliedAt']).not.toBeNull();

    await call('PATCH', `/api/tickets/${id}`, '/api/tickets/{id}', { status: 'closed' });
    const reopen = await call('PATCH', `/api/tickets/${id}`, '/api/tickets/{id}', { status: 'new' });
    expect(reopen.status).toBe(409);
    expect(reopen.json).toMatchObject({
      error: {
        code: 'TICKET_TRANSITION',
        message: 'A closed ticket cannot become new; allowed: none (closed is final).',
      },
    });

    expect((await call('GET', '/api/tickets/FD-99999', '/api/tickets/{id}')).status).toBe(404);
    const bad = await call('POST', '/api/tickets', '/api/tickets', {
      subject: '',
      email: 'nope',
      priority: 'asap',
      extra: 1,
    });
    expect(bad.status).toBe(400);
    const details = (bad.json['error'] as { details: string[] }).details.join('\n');
    expect(details).toMatch(/subject: /);
    expect(details).toMatch(/description: /);
    expect(details).toMatch(/email: /);
    expect(details).toMatch(/priority: /);
    expect(details).toMatch(/Unrecognized key: "extra"/);
    const spoof = await call('POST', '/api/tickets', '/api/tickets', {
      subject: 'Refund \u202Efdp.exe\u202C',
      description: 'مرحبا \u2067order\u2069 48213\u0007\u001B[2J',
    });
    expect(spoof.status).toBe(201);
    expect(spoof.json).toMatchObject({
      subject: 'Refund fdp.exe',
      fields: { description: 'مرحبا order 48213[2J' },
    });
    const invisible = await call('POST', '/api/tickets', '/api/tickets', {
      subject: '\u200B\u3164',
      description: 'x',
    });
    expect(invisible.status).toBe(400);
    expect((invisible.json['error'] as { details: string[] }).details).toEqual([
      'subject: is only invisible characters',
    ]);
    expect((await call('POST', '/api/tickets', '/api/tickets', '{oops')).status).toBe(400);
    expect((await call('GET', '/api/tickets', '/api/tickets', undefined, false)).status).toBe(401);
  });

  it('refuses a revoked key and a non-bearer Authorization header (401)', async () => {
    const revoked = `fd_${randomBytes(24).toString('base64url')}`;
    const stored = await server.app.store.apiKeys.create('old', hashApiKey(revoked));
    await server.app.store.apiKeys.revoke(stored.id);
    for (const authorization of [`Bearer ${revoked}`, `Basic ${key}`, `Bearer`]) {
      const res = await fetch(`${server.url}/api/tickets`, { headers: { authorization } });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    }
  });

  it('shows API clients no audit trail, email thread, internal note or internal id; agents see notes and trail', async () => {
    const stored = await server.app.store.tickets.create(
      ticketInput({
        subject: 'Parcel lost',
        channel: 'whatsapp',
        conversationId: 'conv-1',
        requester: { email: 'sam@example.com', name: 'Sam', channelId: '+358401234567' },
      }),
      'bot',
    );
    const id = stored.number;
    await server.app.store.tickets.update(
      stored.id,
      { emailThread: ['<fd-1@example.com>'] },
      { actor: 'mailer', action: 'emailed the requester', changes: {} },
    );
    await call('POST', `/api/tickets/${id}/comments`, '/api/tickets/{id}/comments', {
      body: 'Secret: the carrier admitted losing it',
      internal: true,
    });
    const reply = await call('POST', `/api/tickets/${id}/comments`, '/api/tickets/{id}/comments', {
      body: 'We are sending a new one.',
    });
    const failed = (await server.app.store.tickets.get(id))?.comments[1];
    await server.app.store.tickets.setCommentDelivery(stored.id, failed?.id ?? '', {
      chat: false,
      email: 'failed',
      error: 'connect ECONNREFUSED 10.0.0.7:25',
      at: new Date().toISOString(),
    });

    const seen = [
      reply.json,
      (await call('GET', `/api/tickets/${id}`, '/api/tickets/{id}')).json,
      ...((await call('GET', '/api/tickets?q=parcel+lost', '/api/tickets')).json['tickets'] as Array<
        Record<string, unknown>
      >),
    ];
    expect(seen).toHaveLength(3);
    for (const t of seen) {
      expect(t).not.toHaveProperty('audit');
      expect(t).not.toHaveProperty('emailThread');
      expect(t).not.toHaveProperty('conversationId');
      expect(t['requester']).toEqual({ email: 'sam@example.com', name: 'Sam' });
      expect(JSON.stringify(t)).not.toMatch(/Secret|ECONNREFUSED|358401234567|fd-1@example/);
    }
    const got = seen[1] as { comments: Array<Record<string, unknown>> };
    expect(got.comments).toEqual([
      expect.objectContaining({
        body: 'We are sending a new one.',
        author: expect.objectContaining({ kind: 'api', name: 'test' }),
      }),
    ]);
    expect(got.comments[0]?.['delivery']).toEqual({ chat: false, email: 'failed', at: expect.any(String) });

    // The console shows the agent the internal note, the delivery error, the trail and the channel id.
    const agent = await addAgent(server, { name: 'Aino', languages: ['en'] });
    const cookie = await login(server.url, agent.email);
    const res = await fetch(`${server.url}/console/api/tickets/${id}`, { headers: { cookie } });
    const forAgent = (await res.json()) as Record<string, unknown>;
    expect(forAgent).not.toHaveProperty('emailThread');
    expect(forAgent).toMatchObject({
      conversationId: 'conv-1',
      requester: { channelId: '+358401234567' },
      comments: [
        { body: 'Secret: the carrier admitted losing it', internal: true },
        { internal: false, delivery: { email: 'failed', error: 'connect ECONNREFUSED 10.0.0.7:25' } },
      ],
      audit: expect.arrayContaining([expect.objectContaining({ action: 'emailed the requester' })]),
    });
  });

  it('pages a filtered list with limit and cursor (API and console); bad paging input is a 400 by field', async () => {
    const made: string[] = [];
    for (const [i, priority] of (['low', 'urgent', 'normal', 'urgent', 'high'] as const).entries())
      made.push(
        (
          await server.app.store.tickets.create(
            ticketInput({ subject: `Paging case ${i}`, lang: 'et', priority }),
            'test',
          )
        ).number,
      );
    const note = await server.app.store.tickets.get(made[0] ?? '');
    await server.app.store.tickets.addComment(note?.id ?? '', {
      author: { kind: 'agent', id: 'a1', name: 'Aino' },
      body: 'pagingnote',
      internal: true,
    });
    const pages = async (query: string) => {
      const seen: string[][] = [];
      let next: string | null = null;
      do {
        const path: string = `/api/tickets?${query}${next ? `&cursor=${next}` : ''}`;
        const page = await call('GET', path, '/api/tickets');
        expect(page.status).toBe(200);
        seen.push((page.json['tickets'] as Array<{ number: string }>).map((t) => t.number));
        next = page.json['next'] as string | null;
      } while (next !== null && seen.length < 10);
      return seen;
    };
    const [p0, p1, p2, p3, p4] = made;
    expect(await pages('lang=et&sort=created&limit=2')).toEqual([[p4, p3], [p2, p1], [p0]]);
    expect(await pages('lang=et&sort=priority&limit=3')).toEqual([
      [p1, p3, p4],
      [p2, p0],
    ]);
    expect(await pages('lang=et&priority=urgent&sort=created&limit=1')).toEqual([[p3], [p1]]);
    expect(await pages('lang=et&q=paging+case&sort=created&limit=5')).toEqual([[p4, p3, p2, p1, p0]]);
    expect(await pages('lang=et&q=pagingnote')).toEqual([[]]);

    const first = await call('GET', '/api/tickets?lang=et&sort=created&limit=2', '/api/tickets');
    const cursor = String(first.json['next']);
    const bad = async (query: string, detail: RegExp) => {
      const res = await call('GET', `/api/tickets?${query}`, '/api/tickets');
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ error: { code: 'PAYLOAD_INVALID' } });
      expect((res.json['error'] as { details: string[] }).details.join('\n')).toMatch(detail);
    };
    await bad(`sort=priority&cursor=${cursor}`, /^cursor: made for sort=created, not sort=priority$/);
    await bad(`cursor=${cursor}`, /^cursor: made for sort=created, not sort=updated$/);
    await bad('cursor=bm9wZQ', /^cursor: not a cursor from this list/);
    await bad(`cursor=${Buffer.from('["created","x",0]').toString('base64url')}`, /^cursor: not a cursor/);
    await bad(`cursor=${'x'.repeat(401)}`, /^cursor: /);
    await bad('cursor=%2F%2F', /^cursor: not a cursor/);
    await bad('limit=0', /^limit: /);
    await bad('limit=501', /^limit: /);
    await bad('limit=ten', /^limit: /);
    await bad('sort=oldest', /^sort: /);
    await bad('page=2', /Unrecognized key: "page"/);
    await bad('status=open&status=new', /^status: /);

    const spec2 = spec.paths['/api/tickets']?.['get'] as unknown as { parameters: Array<{ name: string }> };
    expect(spec2.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(['limit', 'cursor', 'sort']));

    // The console pages the same way and searches the internal notes too.
    const agent = await addAgent(server, { name: 'Bruno', languages: ['en'] });
    const cookie = await login(server.url, agent.email);
    const consoleList = async (query: string) => {
      const res = await fetch(`${server.url}/console/api/tickets?${query}`, { headers: { cookie } });
      return {
        status: res.status,
        json: (await res.json()) as { tickets: Array<{ number: string }>; next: string | null },
      };
    };
    const c1 = await consoleList('lang=et&sort=created&limit=3');
    expect(c1.json.tickets.map((t) => t.number)).toEqual([p4, p3, p2]);
    const c2 = await consoleList(`lang=et&sort=created&limit=3&cursor=${c1.json.next ?? ''}`);
    expect(c2.json).toMatchObject({ tickets: [{ number: p1 }, { number: p0 }], next: null });
    expect((await consoleList('q=pagingnote')).json.tickets.map((t) => t.number)).toEqual([p0]);
    expect((await consoleList('cursor=nope!')).status).toBe(400);
  });
});
