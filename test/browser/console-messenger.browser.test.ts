/**
 * A Messenger visitor and an agent in the console, in Chromium: signed webhook events go to the real
 * server, its Send API calls to a local Graph API. The agent sees the chat's channel, replies like to a web
 * visitor, and sees a failure marker with Meta's reason when the Graph API refuses; a ticket of the same
 * visitor shows its channel in the list and the detail, and a refused reply there says why.
 *
 * Selectors this test relies on (web/console/*.ts — keep them stable or update this list):
 *   console login ...... #login-email, #login-password, #login-submit, #agent-name, #availability
 *   channel labels ..... .badge-channel in .queue-item, .mine-item, h2.chat-title, tr.ticket-row
 *                        (td.col-channel) and .ticket-badges; .ticket-facts (Channel row)
 *   open chat .......... .chat-pane:not([hidden]) textarea.composer-input, .msg.msg-agent
 *                        (.msg-text, .msg-delivery-failed[role=alert] on a failed delivery)
 *   tickets ............ #view-tickets, tr.ticket-row[data-number], .ticket-pane, "Reply or internal note",
 *                        "Reply to requester", .comment.comment-reply .delivery-chat-failed
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { hashPassword } from '../../handoff/passwords.js';
import { launchChromium } from '../helpers/browser.js';
import { eventually } from '../helpers/eventually.js';
import { GraphApiPeer, pageEvent, postWebhook } from '../helpers/graph-api.js';
import { repoRoot, startTestServer, type TestServer } from '../helpers/server.js';
import { ticketInput } from '../helpers/tickets.js';

const token = 'EAAG-test-page-token-0123456789';
const appSecret = 'test-app-secret-0123456789';
const email = 'aino@example.com';
const password = 'correct horse battery staple';
const psid = '24680135792468';
const artifacts = path.join(repoRoot, 'test-artifacts');

let graph: GraphApiPeer;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  graph = await new GraphApiPeer(token, appSecret).start();
  server = await startTestServer({
    MESSENGER_PAGE_ACCESS_TOKEN: token,
    MESSENGER_APP_SECRET: appSecret,
    MESSENGER_VERIFY_TOKEN: 'verify-token-42',
    MESSENGER_GRAPH_URL: graph.url,
  });
  await server.app.store.agents.add({
    email,
    name: 'Aino',
    languages: ['en'],
    skills: [],
    capacity: 3,
    role: 'agent',
    passwordHash: await hashPassword(password),
  });
  browser = await launchChromium();
  mkdirSync(artifacts, { recursive: true });
}, 30_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await graph?.stop();
});

async function signIn(page: Page): Promise<void> {
  await page.goto(`${server.url}/console`);
  await page.locator('#login-email').fill(email);
  await page.locator('#login-password').fill(password);
  await page.locator('#login-submit').click();
  await page.locator('#agent-name').waitFor();
  const availability = page.locator('#availability');
  await eventually(async () => expect(await availability.isEnabled()).toBe(true), 10_000);
  if (!(await availability.isChecked())) await availability.click();
  // Checked at once by the click; enabled again only when the server confirmed it.
  await eventually(async () => {
    expect(await availability.isEnabled()).toBe(true);
    expect(await availability.isChecked()).toBe(true);
  });
}

let mids = 0;
const say = (text: string) =>
  postWebhook(server.url, appSecret, pageEvent(psid, { message: { mid: `mid-${++mids}`, text } }));

describe('a Messenger visitor in the agent console (Chromium)', () => {
  it('shows the channel, delivers the reply to Messenger and marks a refused delivery with the reason', async () => {
    const page = await browser.newPage({ viewport: { width: 1500, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page);

    expect((await say('I want to talk to a person')).status).toBe(200);
    const item = page.locator('.queue-item').filter({ hasText: 'I want to talk to a person' });
    await item.waitFor({ timeout: 15_000 });
    expect(await item.locator('.badge-channel').textContent()).toBe('Messenger');
    await item.locator('button.claim').click();

    const pane = page.locator('.chat-pane:not([hidden])');
    await pane.waitFor();
    expect(await pane.locator('h2.chat-title .badge-channel').textContent()).toBe('Messenger');
    await eventually(async () =>
      expect(await page.locator('.mine-item .badge-channel').allTextContents()).toEqual(['Messenger']),
    );

    // An agent replies to a Messenger visitor exactly as to a web visitor.
    const composer = pane.locator('textarea.composer-input');
    await composer.fill('Hi, **Aino** here. How can I help?');
    await composer.press('Enter');
    await eventually(
      () => expect(graph.messagesTo(psid).map((m) => m.text)).toContain('Hi, Aino here. How can I help?'),
      10_000,
    );
    const agentMessages = pane.locator('.msg.msg-agent');
    await eventually(async () => expect(await agentMessages.count()).toBe(1));
    expect(await pane.locator('.msg-delivery-failed').count()).toBe(0);

    // The Graph API is down (500 on every call and retry): the agent sees the marker on that very message.
    graph.down(500);
    await composer.fill('Are you still there?');
    await composer.press('Enter');
    const refused = agentMessages.filter({ hasText: 'Are you still there?' });
    const marker = refused.locator('.msg-delivery-failed');
    await eventually(async () => expect(await marker.count()).toBe(1), 15_000);
    expect(await marker.getAttribute('role')).toBe('alert');
    expect(await marker.textContent()).toBe(
      'Not delivered to the visitor (Messenger): Send API 500 (code 2): An unexpected error has occurred.',
    );
    expect(await agentMessages.count()).toBe(2);
    expect(await pane.locator('.msg-note').count()).toBe(0);
    expect(graph.messagesTo(psid).map((m) => m.text)).not.toContain('Are you still there?');
    graph.down(null);

    // Reopened (a fresh page), the marker is still there: it is stored on the message.
    await page.reload();
    await page.locator('#agent-name').waitFor();
    const again = page.locator('.chat-pane:not([hidden]) .msg.msg-agent');
    await eventually(
      async () =>
        expect(
          await again.filter({ hasText: 'Are you still there?' }).locator('.msg-delivery-failed').count(),
        ).toBe(1),
      10_000,
    );
    expect(await again.filter({ hasText: 'How can I help?' }).locator('.msg-delivery-failed').count()).toBe(
      0,
    );
    await page.screenshot({ path: path.join(artifacts, 'console-messenger.png') });

    // A ticket of the same visitor: its channel in the list and the detail, a refused reply says why.
    const conversation = await server.app.store.conversations.find('messenger', psid);
    const ticket = await server.app.store.tickets.create(
      ticketInput({
        subject: 'Parcel stuck in customs',
        channel: 'messenger',
        conversationId: conversation?.id ?? null,
        requester: { email: null, name: null, channelId: psid },
      }),
      'bot',
    );
    await page.locator('#view-tickets').click();
    const row = page.locator(`tr.ticket-row[data-number="${ticket.number}"]`);
    await row.waitFor();
    expect(await row.locator('td.col-channel .badge-channel').textContent()).toBe('Messenger');
    await row.locator('button.open-ticket').click();
    const ticketPane = page.locator('.ticket-pane');
    await eventually(async () =>
      expect(await ticketPane.locator('.ticket-badges .badge-channel').textContent()).toBe('Messenger'),
    );
    expect(await ticketPane.locator('.ticket-facts').textContent()).toContain('Messenger');
    graph.down('window');
    await ticketPane.getByLabel('Reply or internal note').fill('It cleared customs today.');
    await ticketPane.getByRole('button', { name: 'Reply to requester' }).click();
    const failed = ticketPane.locator('.comment.comment-reply .delivery-chat-failed');
    await eventually(async () => expect(await failed.count()).toBe(1), 15_000);
    expect(await failed.textContent()).toMatch(
      /^Not delivered to the visitor \(Messenger\): Send API 400 \(code 10, subcode 2018278\): This message is sent outside of allowed window\./,
    );
    graph.down(null);
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);
});
