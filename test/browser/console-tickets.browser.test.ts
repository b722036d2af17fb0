/**
 * The agent console's Tickets view in Chromium against the real server: list with SLA badges, filters and
 * search; an open ticket with reply, internal note, delivery status, status changes (a 409 shown inline),
 * tags, assignee, audit trail, CSAT and merge. HTML typed into tickets stays text.
 *
 * Selectors this test relies on (web/console/tickets-*.ts — keep them stable or update this list):
 *   header ........ #view-tickets, #view-chats (aria-current="page" on the shown one)
 *   list .......... .tickets-view, #tickets-q, #tickets-status, #tickets-lang, #tickets-overdue,
 *                   tr.ticket-row[data-number] with td.col-subject, td.col-assignee, .sla[data-sla] .sla-time
 *   open ticket ... .ticket-pane: h2.ticket-title, .ticket-facts, labelled controls (Status, Priority,
 *                   Assignee, Tags (comma-separated), Merge into, Reply or internal note), .control-error,
 *                   .merge-error, .comment.comment-reply / .comment-note (.comment-label, .comment-body),
 *                   .delivery-failed, .merged-notice, .open-merged, details.audit-section, .csat-section
 *   dialog ........ dialog button.confirm
 *
 * Server side: server/console-ticket-routes.ts, the REST API (/api/tickets with an API key) and
 * `server.app.store.tickets` (a ticket already past its first-reply due time cannot be made otherwise
 * without waiting for the SLA).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { NewTicket } from '../../tickets/types.js';
import { hashPassword } from '../../handoff/passwords.js';
import { hashApiKey } from '../../server/api-keys.js';
import type { Ticket as ConsoleTicket } from '../../web/console/tickets-types.js';
import { launchChromium } from '../helpers/browser.js';
import { ticketInput } from '../helpers/tickets.js';
import { eventually } from '../helpers/eventually.js';
import { repoRoot, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let browser: Browser;
let apiKey = '';
const artifacts = path.join(repoRoot, 'test-artifacts');
const email = 'aino@example.com';
const password = 'correct horse battery staple';
const xss = '<img src=x onerror=window.__xss=1>';
const minute = 60_000;

/** A port nothing listens on: ticket emails to it fail at once (ECONNREFUSED). */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

async function apiCreate(body: Record<string, unknown>): Promise<{ number: string }> {
  const res = await fetch(`${server.url}/api/tickets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { number: string };
}

/** A ticket from the web chat with given SLA dues, straight into the store (as the bot would file it). */
function chatTicket(subject: string, firstReplyDue: Date, extra: Partial<NewTicket> = {}): NewTicket {
  return ticketInput({
    subject,
    status: 'open',
    fields: { description: subject },
    transcript: [
      {
        role: 'visitor',
        text: 'My order has not arrived',
        at: new Date(Date.now() - 90 * minute).toISOString(),
      },
      {
        role: 'bot',
        text: 'Let me file a ticket for you.',
        at: new Date(Date.now() - 89 * minute).toISOString(),
      },
    ],
    team: 'support',
    firstReplyDue: firstReplyDue.toISOString(),
    resolutionDue: new Date(Date.now() + 8 * 60 * minute).toISOString(),
    ...extra,
  });
}

beforeAll(async () => {
  server = await startTestServer({
    SMTP_URL: `smtp://127.0.0.1:${await closedPort()}`,
    SMTP_FROM: 'support@example.com',
    // The refused SMTP server is what is tested: no confirmation of the address in between.
    EMAIL_VERIFICATION: 'false',
  });
  const agents = server.app.store.agents;
  const passwordHash = await hashPassword(password);
  await agents.add({
    email,
    name: 'Aino',
    languages: ['en'],
    skills: [],
    capacity: 3,
    role: 'agent',
    passwordHash,
  });
  await agents.add({
    email: 'bruno@example.com',
    name: 'Bruno',
    languages: ['en', 'fi'],
    skills: [],
    capacity: 3,
    role: 'agent',
    passwordHash,
  });
  apiKey = `fd_${randomBytes(24).toString('base64url')}`;
  await server.app.store.apiKeys.create('test', hashApiKey(apiKey));

  // FD-10001: billing (high priority), an email address to fail delivering to
  await apiCreate({
    subject: 'Card charged twice',
    description: 'I was charged twice for order 48213',
    email: 'jane@example.com',
    category: 'payments',
  });
  // FD-10002: Finnish, HTML in the subject and the description; rated by the requester
  const fi = await apiCreate({
    subject: `Paketti hukassa ${xss}`,
    description: `Missä paketti? ${xss}`,
    lang: 'fi',
  });
  const tickets = server.app.store.tickets;
  const rated = await tickets.get(fi.number);
  if (!rated) throw new Error('FD-10002 missing');
  await tickets.update(
    rated.id,
    { csat: { rating: 4, comment: `Quick help ${xss}`, at: new Date().toISOString() } },
    { actor: 'requester', action: 'rated', changes: {} },
  );
  // FD-10003: first reply due 35 minutes ago (breached); FD-10004: due in 40 minutes (amber)
  const overdue: ConsoleTicket = await tickets.create(
    chatTicket('Parcel never arrived', new Date(Date.now() - 35 * minute)),
    'bot',
  );
  expect(overdue.number).toBe('FD-10003');
  await tickets.create(
    chatTicket('Parcel arrived damaged', new Date(Date.now() + 40 * minute), { status: 'new' }),
    'bot',
  );

  browser = await launchChromium();
  mkdirSync(artifacts, { recursive: true });
}, 30_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(page: Page): Promise<void> {
  await page.goto(`${server.url}/console`);
  await page.locator('#login-email').fill(email);
  await page.locator('#login-password').fill(password);
  await page.locator('#login-submit').click();
  await page.locator('#agent-name').waitFor();
}

const numbers = (page: Page) =>
  page.locator('tr.ticket-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-number')));

describe('the Tickets view of the agent console (Chromium)', () => {
  it('lists, filters, opens, replies, notes, changes status, merges; HTML stays text', async () => {
    const page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
    const errors: string[] = [];
    const dialogs: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await signIn(page);
    await page.locator('#view-tickets').click();
    expect(await page.locator('#view-tickets').getAttribute('aria-current')).toBe('page');
    const row = (n: string) => page.locator(`tr.ticket-row[data-number="${n}"]`);

    // the list, newest update first, with SLA badges
    await eventually(async () =>
      expect((await numbers(page)).sort()).toEqual(['FD-10001', 'FD-10002', 'FD-10003', 'FD-10004']),
    );
    const breached = row('FD-10003').locator('.sla');
    expect(await breached.getAttribute('data-sla')).toBe('breached');
    expect(await breached.locator('.sla-time').textContent()).toMatch(/^breached 3[456] min ago$/);
    expect(await breached.textContent()).toContain('First reply');
    const amber = row('FD-10004').locator('.sla');
    expect(await amber.getAttribute('data-sla')).toBe('warn');
    expect(await amber.locator('.sla-time').textContent()).toMatch(/^(39|40) min left$/);
    expect(await row('FD-10001').locator('.sla').getAttribute('data-sla')).toBe('ok');
    expect(await row('FD-10001').locator('.sla-time').textContent()).toMatch(/^\d+ h( \d+ min)? left$/);

    // HTML in a subject is text
    expect(await row('FD-10002').locator('td.col-subject').textContent()).toBe(`Paketti hukassa ${xss}`);
    expect(await page.locator('.tickets-view img').count()).toBe(0);

    // filters and search
    await page.locator('#tickets-overdue').check();
    await eventually(async () => expect(await numbers(page)).toEqual(['FD-10003']));
    await page.locator('#tickets-overdue').uncheck();
    await page.locator('#tickets-status').selectOption('new');
    await eventually(async () =>
      expect((await numbers(page)).sort()).toEqual(['FD-10001', 'FD-10002', 'FD-10004']),
    );
    await page.locator('#tickets-lang').selectOption('fi');
    await eventually(async () => expect(await numbers(page)).toEqual(['FD-10002']));
    await page.locator('#tickets-lang').selectOption('');
    await page.locator('#tickets-status').selectOption('');
    await page.locator('#tickets-q').fill('parcel damaged');
    await eventually(async () => expect(await numbers(page)).toEqual(['FD-10004']));
    await page.locator('#tickets-q').fill('');
    await eventually(async () => expect(await numbers(page)).toHaveLength(4));

    // FD-10002: the subject, the fields and the CSAT as text
    await row('FD-10002').locator('td.col-subject').click();
    const pane = page.locator('.ticket-pane');
    await eventually(async () =>
      expect(await pane.locator('h2.ticket-title').textContent()).toBe(`FD-10002 Paketti hukassa ${xss}`),
    );
    expect(await pane.locator('.ticket-fields dd').first().textContent()).toBe(`Missä paketti? ${xss}`);
    expect(await pane.locator('.csat-section').textContent()).toContain('4 / 5');
    expect(await pane.locator('.csat-comment').textContent()).toBe(`Quick help ${xss}`);

    // FD-10001: reply (its email fails), internal note with HTML
    await row('FD-10001').locator('button.open-ticket').click();
    await eventually(async () =>
      expect(await pane.locator('h2.ticket-title').textContent()).toBe('FD-10001 Card charged twice'),
    );
    const about = await pane.locator('.ticket-facts').textContent();
    expect(about).toContain('jane@example.com');
    expect(about).toContain('billing');
    expect(about).toContain('payments');
    const composer = pane.getByLabel('Reply or internal note');
    await composer.fill('We refunded the duplicate charge.');
    await pane.getByRole('button', { name: 'Reply to requester' }).click();
    const reply = pane.locator('.comment.comment-reply');
    await eventually(async () =>
      expect(await reply.locator('.comment-body').textContent()).toBe('We refunded the duplicate charge.'),
    );
    expect(await composer.inputValue()).toBe('');
    expect(await reply.locator('.comment-author').textContent()).toBe('Aino');
    await eventually(
      async () =>
        expect(await reply.locator('.delivery-failed').textContent()).toMatch(
          /^Not delivered by email: .*ECONNREFUSED/,
        ),
      10_000,
    );
    await composer.fill(`Check with finance ${xss}`);
    await pane.getByRole('button', { name: 'Internal note' }).click();
    const note = pane.locator('.comment.comment-note');
    await eventually(async () =>
      expect(await note.locator('.comment-body').textContent()).toBe(`Check with finance ${xss}`),
    );
    expect(await note.locator('.comment-label').textContent()).toBe('Internal note');
    expect(await note.locator('.delivery').count()).toBe(0);

    // status: pending, closed, then a forbidden reopen (409 inline, the select goes back)
    const status = pane.getByLabel('Status');
    await status.selectOption('pending');
    await eventually(async () =>
      expect(await pane.locator('.ticket-badges .badge-status').textContent()).toBe('pending'),
    );
    await status.selectOption('closed');
    await eventually(async () =>
      expect(await pane.locator('.ticket-badges .badge-status').textContent()).toBe('closed'),
    );
    expect(await pane.locator('.ticket-badges .sla').count()).toBe(0);
    await status.selectOption('open');
    await eventually(async () =>
      expect(await pane.locator('.control-error').textContent()).toBe(
        'A closed ticket cannot become open; allowed: none (closed is final).',
      ),
    );
    expect(await status.inputValue()).toBe('closed');

    // tags and assignee
    await pane.getByLabel('Tags (comma-separated)').fill('refund, vip, refund');
    await pane.getByRole('button', { name: 'Save tags' }).click();
    await eventually(async () =>
      expect(await pane.locator('.ticket-badges .badge-tag').allTextContents()).toEqual(['refund', 'vip']),
    );
    expect(await pane.locator('.control-error').textContent()).toBe('');
    await pane.getByLabel('Assignee').selectOption({ label: 'Bruno' });
    await eventually(async () =>
      expect(await row('FD-10001').locator('td.col-assignee').textContent()).toBe('Bruno'),
    );

    // the audit trail, collapsed until opened
    const audit = pane.locator('details.audit-section');
    expect(await audit.getAttribute('open')).toBeNull();
    await audit.locator('summary').click();
    const trail = await audit.textContent();
    expect(trail).toContain('status: new → pending');
    expect(trail).toContain('tags: — → refund, vip');
    expect(trail).toMatch(/email to the requester failed/);
    // replies and notes are in the trail, without their bodies
    expect(trail).toMatch(/agent:Aino\s*replied to the requester/);
    expect(trail).toMatch(/agent:Aino\s*added an internal note/);
    expect(trail).not.toContain('We refunded the duplicate charge.');
    expect(trail).not.toContain('Check with finance');

    // merge: into a closed ticket is refused; FD-10004 into FD-10003 works
    await row('FD-10004').click();
    await eventually(async () =>
      expect(await pane.locator('h2.ticket-title').textContent()).toBe('FD-10004 Parcel arrived damaged'),
    );
    const mergeInto = pane.getByLabel('Merge into');
    await mergeInto.fill('FD-10001');
    await pane.getByRole('button', { name: 'Merge', exact: true }).click();
    await page.locator('dialog button.confirm').click();
    await eventually(async () =>
      expect(await pane.locator('.merge-error').textContent()).toBe(
        'FD-10001 is closed; merge into an open ticket.',
      ),
    );
    await mergeInto.fill('fd-10003');
    await pane.getByRole('button', { name: 'Merge', exact: true }).click();
    await page.locator('dialog button.confirm').click();
    await eventually(async () =>
      expect(await pane.locator('.merged-notice').textContent()).toContain('Merged into FD-10003.'),
    );
    expect(await pane.locator('.ticket-badges .badge-status').textContent()).toBe('closed');
    expect(await pane.locator('form.ticket-merge').isHidden()).toBe(true);
    await pane.locator('button.open-merged').click();
    await eventually(async () =>
      expect(await pane.locator('h2.ticket-title').textContent()).toBe('FD-10003 Parcel never arrived'),
    );
    expect(await pane.locator('.comment-note .comment-body').textContent()).toContain(
      'Merged from FD-10004: Parcel arrived damaged',
    );
    expect(await pane.locator('.ticket-transcript').textContent()).toContain('My order has not arrived');
    await eventually(async () =>
      expect(await row('FD-10004').locator('.badge-status').textContent()).toBe('closed'),
    );

    expect(await page.locator('.tickets-view img').count()).toBe(0);
    expect(await page.evaluate<string>('typeof window.__xss')).toBe('undefined');
    await row('FD-10001').click();
    await eventually(async () => expect(await pane.locator('.delivery-failed').count()).toBe(1));
    await page.screenshot({ path: path.join(artifacts, 'console-tickets.png') });

    // back to the chats, and the view is remembered across a reload
    await page.locator('#view-chats').click();
    expect(await page.locator('.tickets-view').isHidden()).toBe(true);
    expect(await page.locator('.layout').isVisible()).toBe(true);
    await page.locator('#view-tickets').click();
    await page.reload();
    await eventually(async () => expect(await numbers(page)).toHaveLength(4), 10_000);

    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('shows the transcript as the visitor saw it (Markdown rendered, HTML inert) and form values under their labels', async () => {
    const ticket = await server.app.store.tickets.create(
      ticketInput({
        subject: 'Vaurioitunut paketti',
        lang: 'fi',
        status: 'open',
        transcript: [
          { role: 'visitor', text: 'Paketti tuli **rikki** <b>x</b>', at: new Date().toISOString() },
          {
            role: 'bot',
            text: `Ikävä kuulla. Lue **palautusohjeet**: [ohjeet](https://shop.example/returns)\n\n- kuva\n- tilausnumero ${xss}`,
            at: new Date().toISOString(),
          },
        ],
        fields: { orderNumber: '48213', problem: 'damaged', description: 'Kulma murskana' },
      }),
      'bot',
    );
    const page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
    await signIn(page);
    await page.locator('#view-tickets').click();
    const row = page.locator(`tr.ticket-row[data-number="${ticket.number}"]`);
    await row.locator('button.open-ticket').click();
    const pane = page.locator('.ticket-pane');
    const transcript = pane.locator('.ticket-transcript');
    await transcript.waitFor();
    const bot = transcript.locator('.line-bot .line-text');
    expect(await bot.locator('strong').textContent()).toBe('palautusohjeet');
    expect(await bot.locator('a').getAttribute('href')).toBe('https://shop.example/returns');
    const items = await bot.locator('li').allTextContents();
    expect(items[0]).toBe('kuva');
    expect(items[1]).toMatch(/^tilausnumero/);
    expect(await bot.textContent()).not.toContain('**');
    // the visitor's own line stays text, as they typed it
    expect(await transcript.locator('.line-visitor .line-text').textContent()).toBe(
      'Paketti tuli **rikki** <b>x</b>',
    );
    expect(await transcript.locator('img, b').count()).toBe(0);
    expect(await page.evaluate<string>('typeof window.__xss')).toBe('undefined');
    // form values: the form's labels and option labels in the ticket's language
    const fields = pane.locator('.ticket-fields');
    expect(await fields.locator('dt').allTextContents()).toEqual(['Tilausnumero', 'Ongelma', 'Viestisi']);
    expect(await fields.locator('dd').allTextContents()).toEqual([
      '48213',
      'Vaurioitunut tuote',
      'Kulma murskana',
    ]);
    await page.close();
  }, 60_000);
});
