import { expect } from '@jest/globals';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { eventually } from './eventually.js';

/** Debian's Chromium, headless, with the flags this closed network needs (scripts/check-chromium.mjs checks the same path). */
export const chromiumPath = '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Opens the demo page at `serverUrl` and waits for the widget's greeting; its message box and bot messages. */
export async function openWidget(page: Page, serverUrl: string): Promise<{ input: Locator; bot: Locator }> {
  await page.goto(`${serverUrl}/`);
  const input = page.locator('#frontdesk-widget textarea');
  const bot = page.locator('#frontdesk-widget .fd-msg.fd-bot');
  await input.waitFor();
  await eventually(async () => expect(await bot.count()).toBeGreaterThan(0));
  return { input, bot };
}
