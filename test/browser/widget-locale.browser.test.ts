import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { launchChromium, openWidget } from '../helpers/browser.js';
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

/** In a browser set to `locale`: a form's date typed as 3/12/2026, as the summary shows it. */
async function typedDateIn(locale: string, timezoneId: string): Promise<string> {
  const context = await browser.newContext({ locale, timezoneId, viewport: { width: 1200, height: 800 } });
  const page = await context.newPage();
  const { input, bot } = await openWidget(page, server.url);
  for (const text of [
    'my lamp arrived broken, order 48213',
    'Damaged item',
    '3/12/2026',
    'jane@example.com',
    'Skip',
  ]) {
    const before = await bot.count();
    await input.fill(text);
    await input.press('Enter');
    await eventually(async () => expect(await bot.count()).toBeGreaterThan(before));
  }
  const summary = (await bot.last().textContent()) ?? '';
  await context.close();
  return /Delivered on:\s*(.+?\d{4})/.exec(summary)?.[1] ?? summary;
}

describe('dates in the widget follow the browser’s locale (Chromium)', () => {
  it('reads and shows 3/12/2026 as 3 December in en-GB and as March 12 in en-US', async () => {
    expect(await typedDateIn('en-GB', 'Europe/London')).toBe('3 December 2026');
    expect(await typedDateIn('en-US', 'America/New_York')).toBe('March 12, 2026');
  }, 60_000);
});
