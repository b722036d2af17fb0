import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { ChatDetail } from '../../channels/web/agent-events.js';
import { AgentClient, addAgent, login } from '../helpers/agent-client.js';
import { ChatClient, waitFor } from '../helpers/chat-client.js';
import { cancelOpenHandoffs } from '../helpers/desk.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
/** Servers a test started for itself, stopped after it. */
const ownServers: TestServer[] = [];
const open: Array<{ close(): void }> = [];
const track = <T extends { close(): void }>(c: T): T => {
  open.push(c);
  return c;
};
const visitor = async (
  auth: { visitorToken?: string; locales?: string[]; page?: string; timeZone?: string } = {},
  on: TestServer = server,
) => {
  const c = track(new ChatClient(on.url, { page: 'https://shop.example/cart', ...auth }));
  await c.session();
  return c;
};
/** Adds all the agents first, so that each one's hello lists the others (for transfers), then signs them in. */
const signIn = async (...args: Parameters<typeof addAgent>[1][]) => {
  const agents = await Promise.all(args.map((a) => addAgent(server, a)));
  return Promise.all(agents.map(async (a) => track(await AgentClient.signIn(server, a))));
};

/**
 * One server for the file. Each test signs in its own agents and opens its own visitors, and starts with an
 * empty queue: afterwards its clients are closed and the chats it left open are cancelled.
 */
beforeAll(async () => {
  server = await startTestServer({ HANDOFF_GRACE_SECONDS: '0.3' });
});
afterEach(async () => {
  for (const c of open.splice(0)) c.close();
  for (const s of ownServers.splice(0)) await s.stop();
  await cancelOpenHandoffs(server);
});
afterAll(async () => {
  await server.stop();
});

describe('live-agent handoff, end to end (socket.io visitor and agents)', () => {
  it('queues, is claimed, chats both ways with typing, keeps notes internal, resolves, asks CSAT', async () => {
    const [aino] = await signIn({ name: 'Aino', languages: ['en', 'fi'] });
    const v = await visitor();
    const [queued] = await v.ask('I want to talk to a person');
    expect(queued?.event).toBe('handoff');
    expect(queued?.text).toMatch(/You're number 1 in line; the wait is about \d+ min/);
    await waitFor(() => v.handoffs.some((h) => h.state === 'queued' && h.position === 1), 'queued status');
    await waitFor(() => (aino?.offers.length ?? 0) > 0, 'offer');
    const item = aino?.offers[0];
    expect(item).toMatchObject({ lang: 'en', preview: 'I want to talk to a person', reason: 'asked' });

    const detail = (await aino?.call('claim', { handoffId: item?.handoffId ?? '' })) as ChatDetail;
    expect(detail).toMatchObject({ status: 'assigned', lang: 'en', page: 'https://shop.example/cart' });
    expect(detail.messages.map((m) => m.role)).toEqual(['visitor', 'bot', 'system']);
    await waitFor(() => v.messages.some((m) => m.text === 'Aino has joined the chat.'), 'joined message');
    await waitFor(
      () => v.handoffs.at(-1)?.state === 'agent' && v.handoffs.at(-1)?.agentName === 'Aino',
      'agent status',
    );

    aino?.socket.emit('typing', { conversationId: detail.conversationId, typing: true });
    await waitFor(() => v.typing.includes(true), 'agent typing');
    await aino?.call('send', {
      conversationId: detail.conversationId,
      id: 'a1',
      text: 'Hi, I am **Aino**. <img src=x onerror=alert(1)>',
    });
    await waitFor(() => v.messages.some((m) => m.role === 'agent'), 'agent message');
    const fromAgent = v.messages.find((m) => m.role === 'agent');
    expect(fromAgent?.html).toContain('<strong>Aino</strong>');
    expect(fromAgent?.html).not.toMatch(/<img/);
    expect(fromAgent?.html).toContain('&#x3C;img src=x onerror=alert(1)>');
    await aino?.call('send', {
      conversationId: detail.conversationId,
      id: 'a-img',
      text: 'See ![x](https://tracker.example/p.gif)',
    });
    await waitFor(() => v.messages.some((m) => m.text.startsWith('See ')), 'agent image message');
    const withImage = v.messages.find((m) => m.text.startsWith('See '));
    expect(withImage?.html).not.toMatch(/<img/);
    expect(withImage?.html).toContain(
      '<a href="https://tracker.example/p.gif">x (https://tracker.example/p.gif)</a>',
    );
    for (const blank of ['\u200B\u200D\uFEFF', '\u202E \u3164', ''])
      await expect(
        aino?.call('send', { conversationId: detail.conversationId, id: 'a-blank', text: blank }),
      ).rejects.toMatchObject({ code: 'MESSAGE_EMPTY' });
    await expect(
      aino?.call('note', { conversationId: detail.conversationId, text: '\u2060' }),
    ).rejects.toMatchObject({ code: 'MESSAGE_EMPTY' });
    await aino?.call('note', { conversationId: detail.conversationId, text: 'VIP customer' });

    const botsBefore = v.botMessages().length;
    v.socket.emit('typing', true);
    await waitFor(() => aino?.typing.some((t) => t.typing) ?? false, 'visitor typing');
    await v.send({ id: 'v2', text: 'how do I reset my password' });
    await waitFor(
      () => aino?.messages.some((m) => m.text === 'how do I reset my password') ?? false,
      'to agent',
    );
    await new Promise((r) => setTimeout(r, 200));
    expect(v.botMessages().length).toBe(botsBefore);
    expect(v.messages.some((m) => m.text === 'VIP customer')).toBe(false);

    await aino?.call('resolve', { conversationId: detail.conversationId });
    await waitFor(() => v.botMessages().some((m) => /How would you rate/.test(m.text)), 'csat question');
    const survey = v.botMessages().at(-1);
    expect(survey?.choices.map((c) => c.value)).toEqual(['csat:1', 'csat:2', 'csat:3', 'csat:4', 'csat:5']);
    await waitFor(() => aino?.released.some((r) => r.reason === 'resolved') ?? false, 'released');
    const [comment] = await v.ask('5 – Excellent', 'c1').then(() => v.botMessages().slice(-1));
    expect(comment?.text).toMatch(/Anything you'd like to add\?/);
    const [thanks] = await v.ask('Quick and friendly!');
    expect(thanks?.text).toBe('Thank you for your feedback!');
    const stored = await server.app.store.handoffs.latest(detail.conversationId);
    expect(stored).toMatchObject({ status: 'resolved', csat: { rating: 5, comment: 'Quick and friendly!' } });
    expect(stored?.firstResponseAt).not.toBeNull();
    const [answer] = await v.ask('how do I reset my password');
    expect(answer?.articleId).toBe('reset-password');
  });

  it('routes by language: the Finnish chat goes to the Finnish speaker, not the English one', async () => {
    const [eero, john] = await signIn(
      { name: 'Eero', languages: ['fi'] },
      { name: 'John', languages: ['en'] },
    );
    const v = await visitor({ locales: ['fi-FI'] });
    await v.ask('haluan puhua ihmisen kanssa');
    await waitFor(() => (eero?.offers.length ?? 0) > 0, 'offer to Eero');
    await waitFor(() => (eero?.queue().length ?? 0) > 0, 'Eero queue');
    expect(john?.offers).toEqual([]);
    expect(john?.queue()).toEqual([]);
  });

  it('lets exactly one of two agents claim a chat', async () => {
    const [a, b] = await signIn({ name: 'Anna', languages: ['en'] }, { name: 'Ben', languages: ['en'] });
    const v = await visitor();
    await v.ask('human');
    await waitFor(() => (a?.queue().length ?? 0) > 0 && (b?.queue().length ?? 0) > 0, 'both see it');
    const handoffId = a?.queue()[0]?.handoffId ?? '';
    const results = await Promise.allSettled([
      a?.call('claim', { handoffId }),
      b?.call('claim', { handoffId }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toMatchObject({
      code: 'HANDOFF_TAKEN',
      message: 'Another agent has already taken this chat.',
    });
  });

  it('transfers to another agent, who claims it; the first agent can no longer write (403)', async () => {
    const [a, b] = await signIn({ name: 'Aada', languages: ['en'] }, { name: 'Bea', languages: ['en'] });
    const v = await visitor();
    await v.ask('agent please');
    await waitFor(() => (a?.queue().length ?? 0) > 0, 'queued');
    const detail = (await a?.call('claim', { handoffId: a?.queue()[0]?.handoffId ?? '' })) as ChatDetail;
    const beaId = a?.hellos[0]?.agents.find((x) => x.name === 'Bea')?.id ?? '';
    await a?.call('transfer', { conversationId: detail.conversationId, toAgent: beaId });
    await waitFor(() => a?.released.some((r) => r.reason === 'transfer') ?? false, 'released');
    await waitFor(() => v.messages.some((m) => /passing you to a colleague/.test(m.text)), 'told');
    await waitFor(() => b?.queue().some((q) => q.targetAgent === beaId) ?? false, 'Bea sees it');
    expect(a?.queue()).toEqual([]);
    await b?.call('claim', { handoffId: detail.handoffId });
    await expect(
      a?.call('send', { conversationId: detail.conversationId, id: 'x1', text: 'hello?' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('requeues a disconnected agent’s chat at the front after the grace period, and tells the visitor', async () => {
    const [a] = await signIn({ name: 'Arvo', languages: ['en'] });
    const v = await visitor();
    await v.ask('talk to a human');
    await waitFor(() => (a?.queue().length ?? 0) > 0, 'queued');
    const detail = (await a?.call('claim', { handoffId: a?.queue()[0]?.handoffId ?? '' })) as ChatDetail;
    a?.close();
    await waitFor(() => v.messages.some((m) => /Your agent was disconnected/.test(m.text)), 'requeued', 3000);
    expect((await server.app.store.handoffs.get(detail.handoffId))?.status).toBe('queued');
    const [b] = await signIn({ name: 'Bertta', languages: ['en'] });
    expect(b?.hellos[0]?.queue.map((q) => q.handoffId)).toContain(detail.handoffId);
  });

  it('a visitor who comes back (same token) finds the same agent and the whole history', async () => {
    const [a] = await signIn({ name: 'Alli', languages: ['en'] });
    const v = await visitor();
    const { visitorToken } = v.sessions[0] ?? { visitorToken: '' };
    await v.ask('speak to a person');
    await waitFor(() => (a?.queue().length ?? 0) > 0, 'queued');
    const detail = (await a?.call('claim', { handoffId: a?.queue()[0]?.handoffId ?? '' })) as ChatDetail;
    await a?.call('send', { conversationId: detail.conversationId, id: 'hello-1', text: 'Hello there' });
    await a?.call('send', { conversationId: detail.conversationId, id: 'hello-1', text: 'Hello there' });
    v.close();
    const back = await visitor({ visitorToken });
    const session = back.sessions[0];
    expect(session?.handoff).toMatchObject({ state: 'agent', agentName: 'Alli' });
    expect(session?.messages.filter((m) => m.text === 'Hello there')).toHaveLength(1);
    await back.send({ id: 'again', text: 'I am back' });
    await waitFor(() => a?.messages.some((m) => m.text === 'I am back') ?? false, 'same agent');
  });

  it('with no agent online, says so, collects the ticket form and files a ticket (due time in the visitor’s zone)', async () => {
    // Its own server: no agent has ever been online there, and this is its first ticket.
    const own = await startTestServer({ HANDOFF_GRACE_SECONDS: '0.3' });
    ownServers.push(own);
    const v = await visitor({ timeZone: 'Asia/Bangkok' }, own);
    const replies = await v.ask('I want to talk to a person', 'n1', 2);
    expect(replies[0]?.text).toMatch(
      /^No one from our team is available in the chat right now\. Leave your details/,
    );
    expect(replies[1]?.text).toMatch(/Which email address should we reply to\?/);
    await v.ask('jane@example.com');
    await v.ask('2');
    const [done] = await v.ask('My parcel is stuck in customs since last week.');
    expect(done?.text).toMatch(/^Here's what I have:/);
    const [filed] = await v.ask("Yes, that's right");
    expect(filed?.event).toBe('ticket');
    expect(filed?.text).toMatch(
      /^Thank you! I've filed your request as ticket FD-10001\. Our team will reply to jane@example\.com by .+GMT\+7 at the latest\.$/,
    );
    const [ticket] = await own.app.store.tickets.list();
    expect(ticket).toMatchObject({
      number: 'FD-10001',
      category: 'shipping',
      priority: 'normal',
      requester: { email: 'jane@example.com' },
      fields: { description: 'My parcel is stuck in customs since last week.' },
    });
    expect(ticket?.transcript.map((l) => l.role)).toContain('visitor');
  });

  it('goes back to the bot when the visitor chooses it while waiting', async () => {
    const [a] = await signIn({ name: 'Aapo', languages: ['en'] });
    const v = await visitor();
    const [queued] = await v.ask('human');
    const back = queued?.choices.find((c) => c.value === 'handoff:cancel');
    expect(back?.label).toBe('Back to the assistant');
    await v.pick(back?.label ?? '', back?.value ?? '');
    await waitFor(() => v.botMessages().some((m) => /back with the assistant/.test(m.text)), 'cancelled');
    await waitFor(() => a?.queue().length === 0, 'queue empty');
    const [answer] = await v.ask('where is my parcel');
    expect(answer?.articleId).toBe('track-order');
  });
});

describe('console authentication', () => {
  it('rejects sockets and API calls without a valid session (401), and bad passwords', async () => {
    const anonymous = track(new AgentClient(server.url, null));
    await waitFor(() => anonymous.errors.length > 0, 'connect error');
    expect(anonymous.errors[0]?.message).toBe('UNAUTHENTICATED');
    const forged = track(new AgentClient(server.url, 'fd_session=forged'));
    await waitFor(() => forged.errors.length > 0, 'connect error');
    expect((await fetch(`${server.url}/console/api/me`)).status).toBe(401);
    const agent = await addAgent(server, { name: 'Auth', languages: ['en'] });
    await expect(login(server.url, agent.email, 'wrong password!')).rejects.toThrow('login failed: 401');
    const bad = await fetch(`${server.url}/console/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{nope',
    });
    expect(bad.status).toBe(400);
    const cookie = await login(server.url, agent.email.toUpperCase());
    const me = await fetch(`${server.url}/console/api/me`, { headers: { cookie } });
    expect(await me.json()).toMatchObject({ agent: { name: 'Auth', role: 'agent' } });
    const res = await fetch(`${server.url}/console/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: agent.email, password: 'correct horse battery' }),
    });
    expect(res.headers.get('set-cookie')).toMatch(
      /^fd_session=[\w-]{43}; HttpOnly; SameSite=Strict; Path=\/; Max-Age=\d+$/,
    );
  });
});
