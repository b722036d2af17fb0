import { afterEach, describe, expect, it } from '@jest/globals';
import type { Ticket } from '../../tickets/types.js';
import { addAgent, login } from '../helpers/agent-client.js';
import { ChatClient, waitFor } from '../helpers/chat-client.js';
import { eventually } from '../helpers/eventually.js';
import { fileTicketByChat } from '../helpers/ticket-by-chat.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { smtpCapture } from '../helpers/smtp-capture.js';

/** Issue #13 item 5: ticket email cannot be aimed at strangers or carry a visitor's words in its subject. */
let server: TestServer | null = null;
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
  await server?.stop();
  server = null;
});

async function visitorFrom(url: string, address: string): Promise<ChatClient> {
  const v = new ChatClient(url, {}, { extraHeaders: { 'x-forwarded-for': address } });
  cleanup.push(() => v.close());
  await v.session();
  return v;
}

/** The no-agent path in the chat (test/helpers/ticket-by-chat.ts); the ticket's number. */
async function fileTicket(v: ChatClient, email: string, description: string): Promise<string> {
  const { number } = await fileTicketByChat(v, { email, description });
  expect(number).toMatch(/^FD-\d+$/);
  return number;
}

async function start(env: Record<string, string> = {}) {
  const smtp = await smtpCapture();
  cleanup.push(() => smtp.close());
  server = await startTestServer({
    SMTP_URL: smtp.url,
    SMTP_FROM: 'help@lumen-oak.example',
    TRUST_PROXY: 'loopback',
    ...env,
  });
  return { s: server, smtp };
}

describe('ticket email protections', () => {
  it('keeps visitor text out of subjects and sends nothing more until the address is confirmed', async () => {
    const { s, smtp } = await start();
    const v = await visitorFrom(s.url, '203.0.113.20');
    const number = await fileTicket(v, 'victim@example.com', 'WIN A PRIZE at http://spam.example now');
    await waitFor(() => smtp.mails.length === 1, 'acknowledgement', 15_000);
    const ack = smtp.mails[0];
    expect(ack?.headers['subject']).toBe(`[${number}] Shipping`);
    expect(ack?.headers['subject']).not.toMatch(/PRIZE|spam/);
    const link = /(http:\/\/\S+\/email\/verify\/\S+)/.exec(ack?.text ?? '')?.[1] ?? '';
    expect(link).not.toBe('');

    // An agent replies: the chat gets it, the unconfirmed address does not.
    const agent = await addAgent(s, { name: 'Aino', languages: ['en'] });
    const cookie = await login(s.url, agent.email);
    const reply = (body: string) =>
      fetch(`${s.url}/console/api/tickets/${number}/comments`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ body, internal: false }),
      });
    expect((await reply('First answer')).status).toBe(201);
    const ticket = await eventually(async () => {
      const t = (await s.app.store.tickets.get(number)) as Ticket;
      expect(t.comments[0]?.delivery).toMatchObject({ chat: true, email: 'unverified' });
      return t;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.mails).toHaveLength(1);

    // A forged or changed code is refused; the real one confirms, and mail flows.
    const bad = await fetch(`${s.url}/email/verify/${ticket.id}.AAAA${link.slice(-20)}`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'PAYLOAD_INVALID' } });
    const ok = await fetch(link);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe(`Thank you: your email address is confirmed for request ${number}.`);
    expect((await reply('Second answer')).status).toBe(201);
    await waitFor(() => smtp.mails.length === 2, 'reply email after confirmation', 15_000);
    expect(smtp.mails[1]?.text).toContain('Second answer');
    expect(smtp.mails[1]?.headers['subject']).toBe(`[${number}] Shipping`);

    // The address is no longer new: the requester's next ticket needs no confirmation.
    const next = await fileTicket(
      await visitorFrom(s.url, '203.0.113.21'),
      'Victim@example.com',
      'My parcel has not arrived yet either.',
    );
    await waitFor(() => smtp.mails.length === 3, 'second acknowledgement', 15_000);
    expect(smtp.mails[2]?.text).not.toContain('/email/verify/');
    expect((await s.app.store.tickets.get(next))?.emailVerified).toBe('victim@example.com');
  }, 90_000);

  it('limits acknowledgements per requester address and per client address (EMAIL_ACKS_PER_DAY)', async () => {
    const { s, smtp } = await start({ EMAIL_ACKS_PER_DAY: '1', RATE_LIMIT_IP_FACTOR: '2' });
    // The same target address from two places: one acknowledgement.
    await fileTicket(
      await visitorFrom(s.url, '198.51.100.1'),
      'target@example.com',
      'My parcel has not arrived yet (one).',
    );
    const second = await fileTicket(
      await visitorFrom(s.url, '198.51.100.2'),
      'target@example.com',
      'My parcel has not arrived yet (two).',
    );
    await waitFor(() => smtp.mails.length === 1, 'first acknowledgement', 15_000);
    await eventually(async () => {
      const t = await s.app.store.tickets.get(second);
      expect(t?.audit.map((a) => a.action)).toContain(
        'acknowledgement not emailed (limit per address reached)',
      );
    });
    // One client address, different targets: 2 (1 × the IP factor of 2), then no more.
    await fileTicket(
      await visitorFrom(s.url, '198.51.100.3'),
      'a@example.com',
      'My parcel has not arrived yet (a).',
    );
    await fileTicket(
      await visitorFrom(s.url, '198.51.100.3'),
      'b@example.com',
      'My parcel has not arrived yet (b).',
    );
    await fileTicket(
      await visitorFrom(s.url, '198.51.100.3'),
      'c@example.com',
      'My parcel has not arrived yet (c).',
    );
    await waitFor(() => smtp.mails.length === 3, 'two more acknowledgements', 15_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.mails.flatMap((m) => m.to).sort()).toEqual([
      'a@example.com',
      'b@example.com',
      'target@example.com',
    ]);
    // Every ticket was filed all the same.
    expect(await s.app.store.tickets.list()).toHaveLength(5);
  }, 120_000);
});
