import { afterEach, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { addAgent, login } from '../helpers/agent-client.js';
import { ChatClient } from '../helpers/chat-client.js';
import { frontdesk } from '../helpers/cli.js';
import { eventually } from '../helpers/eventually.js';
import { fileTicketByChat } from '../helpers/ticket-by-chat.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { ticketInput } from '../helpers/tickets.js';

/** Issue #13 privacy: export and erase a visitor's data (CLI and admin routes); retention. */
let server: TestServer | null = null;
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
  await server?.stop();
  server = null;
});

const visitorOf = async (url: string) => {
  const v = new ChatClient(url);
  cleanup.push(() => v.close());
  await v.session();
  return v;
};

/** Two questions the bot cannot answer (both logged as unresolved), then the ticket form with `email`. */
const fileTicket = async (v: ChatClient, email: string): Promise<string> =>
  (await fileTicketByChat(v, { email, description: 'My parcel is stuck in customs since last week.' }))
    .number;

const consoleAs = async (s: TestServer, role: 'agent' | 'admin') => {
  const agent = await addAgent(s, { name: role === 'admin' ? 'Chief' : 'Plain', languages: ['en'], role });
  const cookie = await login(s.url, agent.email);
  return {
    agent,
    fetch: (p: string, init: RequestInit = {}) =>
      fetch(`${s.url}/console/api${p}`, {
        ...init,
        headers: { cookie, 'content-type': 'application/json', ...(init.headers ?? {}) },
      }),
  };
};

describe('a visitor’s data: export and erase', () => {
  it('exports one JSON document (CLI and admin route) and erases everywhere, keeping only the fact', async () => {
    server = await startTestServer();
    const s = server;
    const jane = await visitorOf(s.url);
    const number = await fileTicket(jane, 'Jane@Example.com');
    expect(number).toMatch(/^FD-\d+$/);
    const janeConversation =
      jane.sessions[0]?.conversationId ?? (await s.app.store.tickets.list())[0]?.conversationId;
    // The requester's rating (CSAT) of the ticket.
    const ticket = (await s.app.store.tickets.list())[0];
    await s.app.store.tickets.update(
      ticket?.id ?? '',
      { csat: { rating: 5, comment: 'great', at: new Date().toISOString() } },
      { actor: 'test', action: 'csat', changes: {} },
    );
    const other = await visitorOf(s.url);
    await fileTicket(other, 'someone.else@example.com');

    // The CLI, against the same data directory as the running server.
    const env = { DATA_DIR: s.dataDir, CONTENT_DIR: s.contentDir };
    const file = path.join(s.dataDir, 'jane.json');
    const exported = await frontdesk(['visitors', 'export', '--visitor', 'jane@example.com', '--out', file], {
      env,
    });
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const doc = JSON.parse(readFileSync(file, 'utf8')) as {
      format: string;
      conversations: Array<{
        id: string;
        formValues: Record<string, unknown>;
        messages: Array<{ role: string; text: string }>;
        unresolvedQuestions: Array<{ text: string }>;
      }>;
      tickets: Array<{ number: string; requester: { email: string }; csat: { rating: number } | null }>;
    };
    expect(doc.format).toBe('frontdesk-visitor-export/1');
    expect(doc.conversations).toHaveLength(1);
    const [conversation] = doc.conversations;
    expect(conversation?.formValues).toMatchObject({ email: 'Jane@example.com' });
    expect(conversation?.messages.map((m) => m.text)).toContain('blorp zxqv wibble');
    expect(conversation?.unresolvedQuestions.map((q) => q.text)).toEqual(
      expect.arrayContaining(['blorp zxqv wibble']),
    );
    expect(doc.tickets.map((t) => t.number)).toEqual([number]);
    expect(doc.tickets[0]?.csat).toMatchObject({ rating: 5, comment: 'great' });
    expect(JSON.stringify(doc)).not.toContain('someone.else@example.com');

    // The same through the admin route; an agent gets 403.
    const admin = await consoleAs(s, 'admin');
    const agent = await consoleAs(s, 'agent');
    const q = `/admin/visitors/export?visitor=${encodeURIComponent(number)}`;
    expect((await agent.fetch(q)).status).toBe(403);
    const viaRoute = (await (await admin.fetch(q)).json()) as typeof doc;
    expect(viaRoute.conversations.map((c) => c.id)).toEqual([conversation?.id]);
    expect(viaRoute.tickets.map((t) => t.number)).toEqual([number]);

    // Erase: an agent may not; an admin must confirm; then nothing of Jane's is left.
    const erase = (a: typeof admin, body: unknown) =>
      a.fetch('/admin/visitors/erase', { method: 'POST', body: JSON.stringify(body) });
    expect((await erase(agent, { visitor: 'jane@example.com', confirm: true })).status).toBe(403);
    expect((await erase(admin, { visitor: 'jane@example.com' })).status).toBe(400);
    const erased = await erase(admin, { visitor: 'jane@example.com', confirm: true });
    expect(erased.status).toBe(200);
    expect(await erased.json()).toEqual({ erased: { conversations: 1, tickets: 1 } });

    expect(await s.app.store.conversations.get(conversation?.id ?? janeConversation ?? '')).toBeNull();
    expect(await s.app.store.tickets.get(number)).toBeNull();
    const unresolved = await s.app.store.unresolved.list({ limit: 100 });
    expect(unresolved.every((u) => u.conversationId !== conversation?.id)).toBe(true);
    expect(unresolved.length).toBeGreaterThan(0); // the other visitor's stay
    const db = new Database(path.join(s.dataDir, 'frontdesk.db'), { readonly: true });
    try {
      const everything = db
        .prepare<[], { t: string }>(
          "SELECT group_concat(text, ' ') AS t FROM (SELECT text FROM messages UNION ALL SELECT text FROM unresolved UNION ALL SELECT doc AS text FROM tickets UNION ALL SELECT state AS text FROM conversations)",
        )
        .get();
      expect(everything?.t.toLowerCase()).not.toContain('jane@example.com');
      expect(everything?.t).toContain('someone.else@example.com');
    } finally {
      db.close();
    }
    const records = await s.app.store.privacy.erasures();
    expect(records).toEqual([{ at: expect.any(String), by: `admin:${admin.agent.id}` }]);
    // Neither the visitor's name nor a ticket number (FD-<digits>; upper case, so a UUID's "…fd-…" is no match).
    expect(JSON.stringify(records)).not.toMatch(/jane/i);
    expect(JSON.stringify(records)).not.toMatch(/FD-\d/);
    expect((await admin.fetch(q)).status).toBe(404);

    // The CLI's erase wants --yes.
    const refused = await frontdesk(['visitors', 'erase', '--visitor', 'someone.else@example.com'], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--yes/);
    const cliErase = await frontdesk(
      ['visitors', 'erase', '--visitor', 'someone.else@example.com', '--yes'],
      { env },
    );
    expect(cliErase.code).toBe(0);
    expect(cliErase.stdout).toMatch(/Erased 1 conversation\(s\) and 1 ticket\(s\)/);
    expect((await s.app.store.privacy.erasures()).map((r) => r.by)).toEqual([
      `admin:${admin.agent.id}`,
      'cli',
    ]);
  }, 120_000);
});

describe('retention (RETENTION_DAYS)', () => {
  it('purges closed conversations and tickets older than the limit at start, keeps recent and open ones', async () => {
    const first = await startTestServer();
    const { dataDir } = first;
    const store = first.app.store;
    const old = await store.conversations.open({ channel: 'web', visitorKey: 'old', lang: 'en' });
    await store.conversations.append(old.id, { role: 'visitor', text: 'old question' });
    await store.unresolved.record({
      conversationId: old.id,
      lang: 'en',
      text: 'old question',
      candidates: [],
    });
    const oldOpen = await store.conversations.open({ channel: 'web', visitorKey: 'old-open', lang: 'en' });
    await store.handoffs.create({
      conversationId: oldOpen.id,
      channel: 'web',
      lang: 'en',
      skills: [],
      reason: 'asked',
      page: null,
      status: 'pending',
    });
    const recent = await store.conversations.open({ channel: 'web', visitorKey: 'recent', lang: 'en' });
    const closedTicket = await store.tickets.create(ticketInput({ status: 'closed' }), 'test');
    const openTicket = await store.tickets.create(ticketInput({ status: 'open' }), 'test');
    await first.app.close();
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    // Age the records (as time would): 40 days old.
    const db = new Database(path.join(dataDir, 'frontdesk.db'));
    const longAgo = new Date(Date.now() - 40 * 24 * 3600_000).toISOString();
    db.prepare('UPDATE conversations SET updated_at = ? WHERE id IN (?, ?)').run(longAgo, old.id, oldOpen.id);
    db.prepare('UPDATE tickets SET updated_at = ? WHERE id IN (?, ?)').run(
      longAgo,
      closedTicket.id,
      openTicket.id,
    );
    db.close();

    server = await startTestServer({ RETENTION_DAYS: '30' }, { dataDir });
    const s = server;
    await eventually(() => {
      expect(s.logs.some((l) => l['msg'] === 'retention purge done')).toBe(true);
    });
    expect(s.logs.find((l) => l['msg'] === 'retention purge done')).toMatchObject({
      conversations: 1,
      tickets: 1,
    });
    expect(await s.app.store.conversations.get(old.id)).toBeNull();
    expect(await s.app.store.conversations.messages(old.id)).toEqual([]);
    expect((await s.app.store.unresolved.list()).map((u) => u.conversationId)).not.toContain(old.id);
    expect(await s.app.store.conversations.get(oldOpen.id)).not.toBeNull();
    expect(await s.app.store.conversations.get(recent.id)).not.toBeNull();
    expect(await s.app.store.tickets.get(closedTicket.id)).toBeNull();
    expect(await s.app.store.tickets.get(openTicket.id)).not.toBeNull();
  }, 60_000);

  it('is off by default', async () => {
    server = await startTestServer();
    await new Promise((r) => setTimeout(r, 200));
    expect(server.logs.some((l) => l['msg'] === 'retention purge done')).toBe(false);
  });
});
