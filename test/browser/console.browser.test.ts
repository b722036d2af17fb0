/**
 * The agent console in Chromium, end to end with the widget: a visitor asks for a person, an agent signs in
 * at /console, claims the chat and replies; HTML in the reply stays text on both sides.
 *
 * Selectors this test relies on (web/console/*.ts — keep them stable or update this list):
 *   console login ...... #login-email, #login-password, #login-submit (button[type=submit]), #login-error
 *   notices ............ .notice.notice-error (failed sign-ins since the last one, shown after sign-in)
 *   header ............. #agent-name, #availability (checkbox, role="switch"; enabled once `hello` came)
 *   queue .............. .queue-item (its text includes the preview), .queue-item button.claim,
 *                        .queue-item button.spam, then dialog button.confirm
 *   tabs ............... .tab-button[aria-selected="true"] (role="tab")
 *   open chat .......... .chat-pane:not([hidden]) (role="tabpanel"), its textarea.composer-input,
 *                        .msg.msg-visitor / .msg.msg-agent (article[lang]) with .msg-text (dir="auto")
 *   transfer ........... .chat-pane button.transfer, dialog #transfer-agent option (disabled when offline)
 *   widget ............. #frontdesk-widget textarea, #frontdesk-widget .fd-msg.fd-agent (shadow DOM) with
 *                        .fd-author (the agent's name) and .fd-body
 *
 * Server side it needs: GET /console (dist/web/console.html), GET /console.js, POST /console/api/login,
 * the `/agent` socket.io namespace, `server.app.store.agents.add(...)` and handoff/passwords.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { hashPassword } from '../../handoff/passwords.js';
import { AgentClient, addAgent } from '../helpers/agent-client.js';
import { launchChromium } from '../helpers/browser.js';
import { ChatClient } from '../helpers/chat-client.js';
import { eventually } from '../helpers/eventually.js';
import { repoRoot, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let browser: Browser;
const artifacts = path.join(repoRoot, 'test-artifacts');
const email = 'aino@example.com';
const password = 'correct horse battery staple';
const beaAccount = { name: 'Bea', languages: ['en'] };

beforeAll(async () => {
  server = await startTestServer();
  await server.app.store.agents.add({
    email,
    name: 'Aino',
    languages: ['en'],
    skills: ['shipping'],
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
});

const agentConsole = (page: Page) => {
  const pane = page.locator('.chat-pane:not([hidden])');
  return {
    email: page.locator('#login-email'),
    password: page.locator('#login-password'),
    submit: page.locator('#login-submit'),
    loginError: page.locator('#login-error'),
    agentName: page.locator('#agent-name'),
    availability: page.locator('#availability'),
    queueItems: page.locator('.queue-item'),
    activeTab: page.locator('.tab-button[aria-selected="true"]'),
    composer: pane.locator('textarea.composer-input'),
    visitor: pane.locator('.msg.msg-visitor .msg-text'),
    agent: pane.locator('.msg.msg-agent'),
  };
};

const widget = (page: Page) => ({
  input: page.locator('#frontdesk-widget textarea'),
  agent: page.locator('#frontdesk-widget .fd-msg.fd-agent'),
});

/** Signs in at /console and makes the agent available, so routing can queue chats for them. */
async function signIn(page: Page): Promise<ReturnType<typeof agentConsole>> {
  const c = agentConsole(page);
  await page.goto(`${server.url}/console`);
  await c.email.fill(email);
  await c.password.fill('wrong password!');
  await c.submit.click();
  await eventually(async () => expect(await c.loginError.textContent()).not.toBe(''));
  await c.password.fill(password);
  await c.submit.click();
  await c.agentName.waitFor();
  expect(await c.agentName.textContent()).toBe('Aino');
  await eventually(async () => expect(await c.availability.isEnabled()).toBe(true), 10_000);
  if (!(await c.availability.isChecked())) await c.availability.click();
  await eventually(async () => {
    expect(await c.availability.isEnabled()).toBe(true);
    expect(await c.availability.isChecked()).toBe(true);
  });
  return c;
}

describe('the agent console (Chromium)', () => {
  it('claims a chat from the queue and replies; HTML in the reply stays text in the widget', async () => {
    const consolePage = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    const visitorPage = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    const errors: string[] = [];
    const dialogs: string[] = [];
    for (const page of [consolePage, visitorPage]) {
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
    }

    const c = await signIn(consolePage);

    await visitorPage.goto(`${server.url}/`);
    const w = widget(visitorPage);
    await w.input.waitFor();
    await w.input.fill('I want to talk to a person');
    await w.input.press('Enter');

    const item = c.queueItems.filter({ hasText: 'I want to talk to a person' });
    await item.waitFor({ timeout: 15_000 });
    await item.locator('button.claim').click();
    await c.activeTab.waitFor();
    await eventually(
      async () => expect(await c.visitor.allTextContents()).toContain('I want to talk to a person'),
      10_000,
    );
    expect(await c.visitor.first().getAttribute('dir')).toBe('auto');

    const reply = 'Hello from Aino <img src=x onerror=alert(1)>';
    await c.composer.fill(reply);
    await c.composer.press('Enter');

    await eventually(async () => expect(await w.agent.count()).toBeGreaterThan(0), 10_000);
    expect(await w.agent.last().textContent()).toContain(reply);
    // the visitor sees who wrote it: the agent's name on the bubble, not a bot-like reply
    expect(await w.agent.last().locator('.fd-author').textContent()).toBe('Aino');
    expect(await w.agent.last().locator('.fd-body').textContent()).toBe(reply);
    expect(await visitorPage.locator('#frontdesk-widget .fd-msg img').count()).toBe(0);

    // the console shows the reply once (ack and echo), as text too
    await eventually(async () => expect(await c.agent.count()).toBe(1));
    await new Promise((r) => setTimeout(r, 300));
    expect(await c.agent.count()).toBe(1);
    expect(await c.agent.first().textContent()).toContain(reply);
    expect(await c.agent.first().getAttribute('lang')).toBe('en');
    expect(await consolePage.locator('.chat-pane img').count()).toBe(0);
    expect(await c.composer.inputValue()).toBe('');

    // the transfer list is live: an agent who signs in later can be chosen without a reload
    const pane = consolePage.locator('.chat-pane:not([hidden])');
    await pane.locator('button.transfer').click();
    const bea = consolePage.locator('#transfer-agent option').filter({ hasText: 'Bea' });
    expect(await bea.count()).toBe(0);
    const beaClient = await AgentClient.signIn(server, await addAgent(server, beaAccount), false);
    await eventually(async () => expect(await bea.textContent()).toBe('Bea'));
    expect(await bea.isDisabled()).toBe(false);
    await consolePage.locator('dialog').getByRole('button', { name: 'Cancel' }).click();
    beaClient.close();
    await pane.locator('button.transfer').click();
    await eventually(async () => expect(await bea.textContent()).toBe('Bea (offline)'));
    expect(await bea.isDisabled()).toBe(true);
    await consolePage.locator('dialog').getByRole('button', { name: 'Cancel' }).click();

    await consolePage.screenshot({ path: path.join(artifacts, 'console.png') });
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await visitorPage.close();
    await consolePage.close();
  }, 60_000);

  it('tells the agent at sign-in about the failed sign-ins to their account since the last one', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    for (let i = 0; i < 2; i++)
      await fetch(`${server.url}/console/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: `guess ${i}` }),
      });
    const c = agentConsole(page);
    await page.goto(`${server.url}/console`);
    await c.email.fill(email);
    await c.password.fill(password);
    await c.submit.click();
    await c.agentName.waitFor();
    const notice = page.locator('.notice.notice-error');
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(
      /^2 failed sign-ins to your account since you last signed in \(the last on .+ from 127\.0\.0\.1\)/,
    );
    await page.close();
  }, 30_000);

  // Last in the file: it blocks the visitors' address (127.0.0.1) on this server.
  it('marks a queued chat as spam from the queue: it leaves, and its visitor is blocked', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    const c = agentConsole(page);
    await page.goto(`${server.url}/console`);
    await c.email.fill(email);
    await c.password.fill(password);
    await c.submit.click();
    await c.agentName.waitFor();
    await eventually(async () => expect(await c.availability.isEnabled()).toBe(true), 10_000);
    if (!(await c.availability.isChecked())) await c.availability.click();
    // Enabled again only once the server confirmed the availability.
    await eventually(async () => {
      expect(await c.availability.isEnabled()).toBe(true);
      expect(await c.availability.isChecked()).toBe(true);
    });

    const spammer = new ChatClient(server.url);
    await spammer.session();
    await spammer.ask('BUY CHEAP followers, talk to a person');
    await spammer.pick('Talk to a person', 'handoff:request');
    const item = c.queueItems.filter({ hasText: 'BUY CHEAP followers' });
    await item.waitFor({ timeout: 15_000 });
    await item.locator('button.spam').click();
    await page.locator('dialog button.confirm').click();
    await item.waitFor({ state: 'detached', timeout: 10_000 });
    const ack = await spammer.send({ id: 'after-spam', text: 'hello?' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'VISITOR_BLOCKED' } });
    spammer.close();
    await page.close();
  }, 60_000);
});
