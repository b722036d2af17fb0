import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
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

/** The demo page with the widget open and its session started; counts the suggest requests sent. */
async function openDemo(): Promise<{ page: Page; suggestRequests: () => number; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  let requests = 0;
  page.on('websocket', (ws) =>
    ws.on('framesent', ({ payload }) => {
      if (String(payload).includes('"suggest"')) requests += 1;
    }),
  );
  await page.goto(`${server.url}/`);
  const greeting = page.locator('#frontdesk-widget .fd-msg.fd-bot').first();
  await eventually(async () => expect(await greeting.textContent()).toMatch(/Lumen & Oak assistant/));
  return { page, suggestRequests: () => requests, errors };
}

const parts = (page: Page) => ({
  input: page.locator('#frontdesk-widget textarea'),
  row: page.getByRole('group', { name: 'Suggested articles' }),
  chips: page.locator('#frontdesk-widget .fd-chip'),
  bot: page.locator('#frontdesk-widget .fd-msg.fd-bot'),
  visitor: page.locator('#frontdesk-widget .fd-msg.fd-visitor'),
});

describe('article suggestions in the widget (Chromium)', () => {
  it('suggests articles while the visitor types and answers a picked one', async () => {
    const { page, suggestRequests, errors } = await openDemo();
    const w = parts(page);
    expect(await w.row.isVisible()).toBe(false);

    await w.input.pressSequentially('where is my par', { delay: 40 });
    const chip = page.getByRole('button', { name: 'How do I track my order?' });
    await chip.waitFor({ state: 'visible' });
    expect(await w.row.isVisible()).toBe(true);
    expect(await w.chips.count()).toBeGreaterThanOrEqual(1);
    expect(await w.chips.count()).toBeLessThanOrEqual(3);
    expect(suggestRequests()).toBeLessThanOrEqual(2); // debounced: not one per keystroke
    expect(await w.visitor.count()).toBe(0); // nothing sent without Enter
    await page.screenshot({ path: path.join(artifacts, 'widget-suggestions.png') });

    const botBefore = await w.bot.count();
    await chip.click();
    await eventually(async () => expect(await w.bot.count()).toBe(botBefore + 1));
    expect(await w.bot.last().locator('strong').first().textContent()).toBe('Account → Orders');
    expect(await w.visitor.last().textContent()).toBe('How do I track my order?');
    expect(await w.row.isVisible()).toBe(false);
    expect(await w.chips.count()).toBe(0);
    expect(await w.input.inputValue()).toBe('');

    const token = await page.evaluate<string | null>("localStorage.getItem('frontdesk:visitorToken')");
    const resumed = await server.app.bot.resume('web', visitorKeyOf(token ?? ''));
    expect(
      resumed?.messages.map((m) => [m.role, m.meta.articleId ?? null, m.meta.confidence ?? null]),
    ).toEqual([
      ['visitor', null, null],
      ['bot', 'track-order', 1],
    ]);
    await page.screenshot({ path: path.join(artifacts, 'widget-suggestion-answered.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('clears the chips when the input is emptied or the message is sent, and works from the keyboard', async () => {
    const { page } = await openDemo();
    const w = parts(page);
    await w.input.pressSequentially('how do I ret', { delay: 30 });
    await page.getByRole('button', { name: 'How do I return an item?' }).waitFor();
    await w.input.fill('');
    await eventually(async () => expect(await w.row.isVisible()).toBe(false));

    await w.input.pressSequentially('how do I ret', { delay: 30 });
    await page.getByRole('button', { name: 'How do I return an item?' }).waitFor();
    await w.input.press('Enter');
    await eventually(async () => expect(await w.visitor.count()).toBe(1));
    expect(await w.row.isVisible()).toBe(false);
    await new Promise((r) => setTimeout(r, 600)); // no late answer brings the chips back
    expect(await w.row.isVisible()).toBe(false);

    await w.input.pressSequentially('can I pay with payp', { delay: 30 });
    await w.chips.first().waitFor();
    const botBefore = await w.bot.count();
    await w.input.press('Shift+Tab'); // the chips sit just before the composer
    const focused = await page.evaluate<string | null>(
      "document.querySelector('#frontdesk-widget').shadowRoot.activeElement?.className ?? null",
    );
    expect(focused).toBe('fd-chip');
    await page.keyboard.press('Enter');
    await eventually(async () => expect(await w.bot.count()).toBeGreaterThan(botBefore));
    expect(await w.row.isVisible()).toBe(false);
    await page.close();
  });
});
