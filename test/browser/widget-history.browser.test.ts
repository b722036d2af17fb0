import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../helpers/browser.js';
import { eventually } from '../helpers/eventually.js';
import { visitorKeyOf } from '../../channels/web/visitor-token.js';
import { repoRoot, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let browser: Browser;
const artifacts = path.join(repoRoot, 'test-artifacts');

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchChromium();
  mkdirSync(artifacts, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a long conversation in the widget (Chromium)', () => {
  it('shows the latest 50 messages, then older pages by the button and by scrolling to the top', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/`);
    const messages = page.locator('#frontdesk-widget .fd-msg');
    const older = page.getByRole('button', { name: 'Load older messages' });
    const input = page.locator('#frontdesk-widget textarea');
    await eventually(async () => expect(await messages.count()).toBe(1)); // the greeting
    await input.fill('how do I reset my password');
    await input.press('Enter');
    await eventually(async () =>
      expect(await page.locator('#frontdesk-widget .fd-msg.fd-bot').count()).toBe(2),
    );
    expect(await older.count()).toBe(0);

    const token = await page.evaluate<string | null>("localStorage.getItem('frontdesk:visitorToken')");
    const conversations = server.app.store.conversations;
    const conversation = await conversations.find('web', visitorKeyOf(token ?? ''));
    if (!conversation) throw new Error('no conversation');
    await conversations.transaction(async () => {
      for (let i = 0; i < 120; i++)
        await conversations.append(conversation.id, { role: i % 2 ? 'bot' : 'visitor', text: `line ${i}` });
    });

    await page.reload();
    await eventually(async () => expect(await messages.count()).toBe(50));
    expect(await messages.last().textContent()).toBe('line 119');
    await older.waitFor({ state: 'visible' });
    await page.screenshot({ path: path.join(artifacts, 'widget-history.png') });

    // A click without scrolling the log (scrolling to the top loads a page by itself, as tested next).
    await older.dispatchEvent('click');
    await eventually(async () => expect(await messages.count()).toBe(100));
    expect(await messages.last().textContent()).toBe('line 119');
    await page.locator('#frontdesk-widget .fd-log').evaluate((log) => {
      log.scrollTop = 0;
    });
    await eventually(async () => expect(await messages.count()).toBe(122));
    expect(await older.count()).toBe(0);
    expect(await messages.first().textContent()).toBe('how do I reset my password');
    expect(errors).toEqual([]);
  });
});
