import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Ticket } from '../../tickets/types.js';
import { addAgent, login } from '../helpers/agent-client.js';
import { ChatClient, waitFor } from '../helpers/chat-client.js';
import { eventually } from '../helpers/eventually.js';
import { fileTicketByChat } from '../helpers/ticket-by-chat.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { smtpCapture } from '../helpers/smtp-capture.js';
import { ticketInput } from '../helpers/tickets.js';

let server: TestServer | null = null;
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
  await server?.stop();
  server = null;
});

const visitorOf = async (url: string, auth: ConstructorParameters<typeof ChatClient>[1] = {}) => {
  const v = new ChatClient(url, auth);
  cleanup.push(() => v.close());
  await v.session();
  return v;
};

/** Signs an agent in and returns a fetch for the console's ticket routes with the session cookie. */
const consoleAs = async (s: TestServer, name: string) => {
  const agent = await addAgent(s, { name, languages: ['en'] });
  const cookie = await login(s.url, agent.email);
  return async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${s.url}/console/api${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };
};

/** The no-agent path in the chat (test/helpers/ticket-by-chat.ts). */
async function fileTicket(v: ChatClient): Promise<{ number: string; text: string }> {
  const { number, filed } = await fileTicketByChat(v, {
    email: 'jane@example.com',
    description: 'My parcel is stuck in customs since last week.',
  });
  expect(filed?.event).toBe('ticket');
  return { number, text: filed?.text ?? '' };
}

describe('a ticket from a failed question to the requester’s rating', () => {
  it('acknowledges by chat and email, delivers the reply to the widget and by email (threaded), solves, asks for CSAT', async () => {
    const smtp = await smtpCapture();
    cleanup.push(() => smtp.close());
    server = await startTestServer({ SMTP_URL: smtp.url, SMTP_FROM: 'help@lumen-oak.example' });
    const s = server;
    const v = await visitorOf(s.url, { timeZone: 'America/New_York' });
    const token = v.sessions[0]?.visitorToken ?? '';
    const { number, text } = await fileTicket(v);
    expect(number).toBe('FD-10001');
    const due = /by (.+) at the latest/.exec(text)?.[1] ?? '';
    expect(due).toMatch(/GMT-5|EST/);

    // The acknowledgement email: same number and due time, in the visitor's time zone.
    await waitFor(() => smtp.mails.length === 1, 'acknowledgement email', 15_000);
    const ack = smtp.mails[0];
    expect(ack?.to).toEqual(['jane@example.com']);
    // The subject carries the number and the category, never the visitor's words.
    expect(ack?.headers['subject']).toBe('[FD-10001] Shipping');
    expect(ack?.text).toContain(
      `We received your request FD-10001. Our team will reply by ${due} at the latest.`,
    );
    const rootId = ack?.headers['message-id'] ?? '';
    expect(rootId).toMatch(/^<fd-10001\.1\.\d+@lumen-oak\.example>$/);
    v.close();
    // The requester confirms their address with the emailed link (EMAIL_VERIFICATION, on by default).
    const link = /(http:\/\/\S+\/email\/verify\/\S+)/.exec(ack?.text ?? '')?.[1] ?? '';
    expect((await fetch(link)).status).toBe(200);

    // An agent replies from the console while the visitor is away.
    const call = await consoleAs(s, 'Aino');
    const listed = await call('GET', '/tickets?status=new&q=customs');
    expect((listed.json['tickets'] as Ticket[]).map((t) => t.number)).toEqual(['FD-10001']);
    const reply = 'Good news: the parcel cleared customs today. <img src=x onerror=alert(1)>';
    expect((await call('POST', '/tickets/FD-10001/comments', { body: reply, internal: false })).status).toBe(
      201,
    );
    expect(
      (await call('POST', '/tickets/FD-10001/comments', { body: 'carrier ref 99-12', internal: true }))
        .status,
    ).toBe(201);
    const delivered = await eventually(async () => {
      const t = (await call('GET', '/tickets/FD-10001')).json as unknown as Ticket;
      expect(t.comments[0]?.delivery).toMatchObject({ chat: true, email: 'sent' });
      return t;
    });
    expect(delivered.firstRepliedAt).not.toBeNull();
    expect(delivered.comments[1]?.delivery).toBeUndefined();
    await waitFor(() => smtp.mails.length === 2, 'reply email', 15_000);
    const replyMail = smtp.mails[1];
    expect(replyMail?.headers['subject']).toBe(ack?.headers['subject']);
    expect(replyMail?.headers['in-reply-to']).toBe(rootId);
    expect(replyMail?.headers['references']).toBe(rootId);
    expect(replyMail?.text).toContain(`Aino replied to your request FD-10001:\n\n${reply}`);
    expect(replyMail?.text).not.toContain('carrier ref');

    // The visitor comes back: the reply is in the conversation (the internal note is not), as text.
    const back = await visitorOf(s.url, { visitorToken: token });
    const history = back.sessions[0]?.messages ?? [];
    const shown = history.find((m) => m.event === 'ticket-reply');
    expect(shown).toMatchObject({ role: 'agent', lang: 'en' });
    expect(shown?.text).toContain('Aino replied to your request FD-10001');
    expect(shown?.html).toContain('&#x3C;img src=x onerror=alert(1)>');
    expect(shown?.html).not.toContain('<img');
    expect(history.some((m) => m.text.includes('carrier ref'))).toBe(false);

    // Solved: the visitor is told live, by email too, and asked for a rating.
    expect((await call('PATCH', '/tickets/FD-10001', { status: 'solved' })).status).toBe(200);
    await waitFor(() => back.messages.some((m) => m.event === 'ticket-status'), 'solved notice');
    const solved = back.messages.find((m) => m.event === 'ticket-status');
    expect(solved?.text).toMatch(/^Your request FD-10001 has been marked as solved\.\n\nHow would you rate/);
    const ticketId = delivered.id;
    expect(solved?.choices.map((c) => c.value)).toEqual([1, 2, 3, 4, 5].map((n) => `csat:${n}:${ticketId}`));
    await waitFor(() => smtp.mails.length === 3, 'solved email', 15_000);
    expect(smtp.mails[2]?.headers['references']).toBe(`${rootId} ${replyMail?.headers['message-id'] ?? ''}`);
    expect(smtp.mails[2]?.text).toContain('Your request FD-10001 has been marked as solved.');

    // A message that only starts with a digit is not a rating: it ends the survey and is answered.
    const [answered] = await back.ask('2 gift cards on one order, is that possible?');
    expect(answered?.articleId).toBe('gift-cards');
    expect((await s.app.store.tickets.get('FD-10001'))?.csat ?? null).toBeNull();
    // The notice's rating button still rates this ticket.
    await back.pick('4 – Good', `csat:4:${ticketId}`);
    await waitFor(() => back.botMessages().some((m) => /Anything you'd like to add/.test(m.text)), 'comment');
    const [thanks] = await back.ask('Quick and friendly, thanks');
    expect(thanks?.text).toBe('Thank you for your feedback!');
    const rated = await s.app.store.tickets.get('FD-10001');
    expect(rated?.csat).toMatchObject({ rating: 4, comment: 'Quick and friendly, thanks' });
    expect(rated?.audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['created', 'first reply', 'updated', 'rated', 'emailed the requester']),
    );
    // After the survey the bot answers again.
    const [answer] = await back.ask('where is my parcel');
    expect(answer?.articleId).toBe('track-order');
  }, 60_000);

  it('keeps a reply the SMTP server refused to take, marked as not delivered by email, for the agent to see', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', () => resolve()));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    server = await startTestServer({
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      SMTP_FROM: 'help@lumen-oak.example',
      EMAIL_VERIFICATION: 'false',
    });
    const s = server;
    const v = await visitorOf(s.url);
    const { number } = await fileTicket(v);
    const call = await consoleAs(s, 'Aino');
    expect(
      (await call('POST', `/tickets/${number}/comments`, { body: 'We are on it.', internal: false })).status,
    ).toBe(201);
    const t = await eventually(async () => {
      const got = (await call('GET', `/tickets/${number}`)).json as unknown as Ticket;
      expect(got.comments[0]?.delivery?.email).toBe('failed');
      return got;
    }, 15_000);
    expect(t.comments[0]).toMatchObject({ body: 'We are on it.', delivery: { chat: true, email: 'failed' } });
    expect(t.comments[0]?.delivery?.error).toMatch(/ECONNREFUSED|connect/i);
    expect(t.audit.some((a) => /email to the requester failed/.test(a.action))).toBe(true);
    // The chat still got it.
    await waitFor(() => v.messages.some((m) => m.event === 'ticket-reply'), 'reply in the chat');
  }, 60_000);

  it('rejects bad console ticket requests: 401 without a session, 400 by field, 404, 409 transition and merge', async () => {
    server = await startTestServer();
    const s = server;
    expect((await fetch(`${s.url}/console/api/tickets`)).status).toBe(401);
    const call = await consoleAs(s, 'Aino');
    const a = await s.app.store.tickets.list();
    expect(a).toEqual([]);
    const make = async (subject: string) =>
      (
        await s.app.store.tickets.create(
          ticketInput({
            subject,
            tags: ['delivery'],
            requester: { email: 'a@example.com', name: null, channelId: null },
            fields: { description: subject },
          }),
          'test',
        )
      ).number;
    const first = await make('Parcel late');
    const dup = await make('Parcel still late');
    const bad = await call('PATCH', `/tickets/${first}`, { status: 'gone', priority: 'asap' });
    expect(bad.status).toBe(400);
    expect((bad.json['error'] as { details: string[] }).details).toEqual([
      expect.stringMatching(/^status:/),
      expect.stringMatching(/^priority:/),
    ]);
    expect((await call('PATCH', `/tickets/${first}`, { assignee: 'nobody' })).status).toBe(400);
    expect((await call('GET', '/tickets/FD-99999')).status).toBe(404);
    expect((await call('POST', `/tickets/${dup}/merge`, { into: dup })).status).toBe(409);
    const merged = await call('POST', `/tickets/${dup}/merge`, { into: first });
    expect(merged.status).toBe(200);
    expect(merged.json['source']).toMatchObject({ status: 'closed', mergedInto: first });
    const target = merged.json['target'] as Ticket;
    expect(target.comments.at(-1)).toMatchObject({ internal: true });
    expect(target.comments.at(-1)?.body).toContain(`Merged from ${dup}: Parcel still late`);
    const again = await call('PATCH', `/tickets/${dup}`, { status: 'open' });
    expect(again.status).toBe(409);
    expect((again.json['error'] as { message: string }).message).toMatch(/closed is final/);
    const assigned = await call('GET', '/tickets?assignee=me');
    expect(assigned.json['tickets']).toEqual([]);
  });
});
