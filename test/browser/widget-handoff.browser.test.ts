import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { AgentClient, addAgent } from '../helpers/agent-client.js';
import { launchChromium } from '../helpers/browser.js';
import { ChatClient, waitFor } from '../helpers/chat-client.js';
import { eventually } from '../helpers/eventually.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the widget’s handoff banner (Chromium)', () => {
  it('goes back to "Talk to a person" at once after "Back to the assistant", without a reload', async () => {
    // An available agent, so a request waits in the queue; another visitor is first in line.
    const agent = await AgentClient.signIn(
      server,
      await addAgent(server, { name: 'Aino', languages: ['en'] }),
    );
    const first = new ChatClient(server.url, { locales: ['en'] });
    await first.session();
    await first.pick('Talk to a person', 'handoff:request');
    await waitFor(() => first.handoffs.some((h) => h.state === 'queued' && h.position === 1), 'first queued');

    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/`);
    const bar = page.locator('#frontdesk-widget .fd-handoff');
    const text = bar.locator('.fd-handoff-text');
    const button = bar.locator('.fd-handoff-button');
    await eventually(async () => expect(await button.textContent()).toBe('Talk to a person'));

    await button.click();
    await eventually(async () =>
      expect(await text.textContent()).toMatch(/^Waiting for a person: you're number 2\b/),
    );
    expect(await bar.getAttribute('data-state')).toBe('queued');
    expect(await button.textContent()).toBe('Back to the assistant');

    await button.click();
    await eventually(async () => expect(await bar.getAttribute('data-state')).toBe('bot'));
    expect(await text.textContent()).toBe('');
    expect(await button.textContent()).toBe('Talk to a person');
    // The bot's own confirmation arrived too, and the other visitor is still first in line.
    await eventually(async () =>
      expect(await page.locator('#frontdesk-widget .fd-msg.fd-bot').last().textContent()).toMatch(
        /assistant/i,
      ),
    );
    expect(first.handoffs.at(-1)).toMatchObject({ state: 'queued', position: 1 });

    // A reload shows the same: nothing stale comes back.
    await page.reload();
    await eventually(async () => expect(await button.textContent()).toBe('Talk to a person'));
    expect(await bar.getAttribute('data-state')).toBe('bot');
    expect(errors).toEqual([]);
    await page.close();
    first.close();
    agent.close();
  }, 60_000);
});
