import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { visitorKeyOf } from '../../channels/web/visitor-token.js';
import { addAgent, login } from '../helpers/agent-client.js';
import { launchChromium } from '../helpers/browser.js';
import { eventually } from '../helpers/eventually.js';
import { ticketInput } from '../helpers/tickets.js';
import { repoRoot, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let browser: Browser;
const artifacts = path.join(repoRoot, 'test-artifacts');
/** A shop's site on another origin (its own HTTP server) that embeds the widget closed, as a customer's would. */
let shop: Server;
let shopUrl = '';

beforeAll(async () => {
  server = await startTestServer();
  shop = createServer((_req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(
      `<!doctype html><html lang="en"><head><title>Shop</title></head><body><h1>Shop</h1><script src="${server.url}/widget.js" defer></script></body></html>`,
    );
  });
  await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', () => resolve()));
  shopUrl = `http://127.0.0.1:${(shop.address() as AddressInfo).port}/`;
  browser = await launchChromium();
  mkdirSync(artifacts, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => shop?.close(resolve));
  await server?.stop();
});

async function openShop(page: Page): Promise<void> {
  await page.goto(shopUrl);
  await page.locator('#frontdesk-widget .fd-launcher').waitFor();
}

describe('the widget tells a returning visitor about ticket replies (Chromium)', () => {
  it('shows a badge for a reply that came while the chat was closed, also after a reload, and clears it on open', async () => {
    const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
    const page = await context.newPage();
    await openShop(page);
    const launcher = page.locator('#frontdesk-widget .fd-launcher');
    const badge = page.locator('#frontdesk-widget .fd-badge');
    await launcher.click();
    const input = page.locator('#frontdesk-widget textarea');
    await input.fill('where is my parcel');
    await input.press('Enter');
    await page.locator('#frontdesk-widget .fd-msg.fd-bot').first().waitFor();
    await page.locator('#frontdesk-widget .fd-close').click();
    expect(await badge.isHidden()).toBe(true);

    // The visitor's conversation gets a ticket; an agent answers it from the console.
    const token = await page.evaluate<string | null>("localStorage.getItem('frontdesk:visitorToken')");
    const conversation = await server.app.store.conversations.find('web', visitorKeyOf(token ?? ''));
    expect(conversation).not.toBeNull();
    const ticket = await server.app.store.tickets.create(
      ticketInput({ category: 'shipping', conversationId: conversation?.id ?? null }),
      'test',
    );
    const agent = await addAgent(server, { name: 'Aino', languages: ['en'] });
    const cookie = await login(server.url, agent.email);
    const res = await fetch(`${server.url}/console/api/tickets/${ticket.number}/comments`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'Your parcel is on its way again.', internal: false }),
    });
    expect(res.status).toBe(201);

    // Live, while the page is open but the chat closed.
    await eventually(async () => expect(await badge.textContent()).toBe('1'));
    expect(await badge.getAttribute('aria-label')).toBe('New messages: 1');

    // Coming back later (a reload): still one new message, before opening the chat.
    await page.reload();
    await launcher.waitFor();
    await eventually(async () => expect(await badge.isVisible()).toBe(true));
    expect(await badge.textContent()).toBe('1');
    await page.screenshot({ path: path.join(artifacts, 'widget-unread-badge.png') });

    await launcher.click();
    expect(await badge.isHidden()).toBe(true);
    const reply = page.locator('#frontdesk-widget .fd-msg.fd-agent');
    expect(await reply.textContent()).toContain(`Aino replied to your request ${ticket.number}`);
    expect(await reply.textContent()).toContain('Your parcel is on its way again.');

    // Seen: no badge after the next reload.
    await page.reload();
    await launcher.waitFor();
    await page.locator('#frontdesk-widget .fd-msg.fd-agent').waitFor({ state: 'attached' });
    expect(await badge.isHidden()).toBe(true);
    await context.close();
  });
});
