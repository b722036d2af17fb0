/**
 * Mobile and accessibility of the widget and the console in Chromium (issue 19, items 9 and 10):
 * the demo page and the widget at 375×667 (full-screen chat, nothing off-screen), Escape closing the chat
 * with the focus back on the launcher, no second banner landmark, and axe-core (serious and critical
 * violations fail) on the widget in all six languages (Arabic right to left) and on the console's views.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { hashPassword } from '../../handoff/passwords.js';
import { seriousViolations } from '../helpers/axe.js';
import { launchChromium } from '../helpers/browser.js';
import { eventually } from '../helpers/eventually.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { ticketInput } from '../helpers/tickets.js';

let server: TestServer;
let browser: Browser;
const password = 'correct horse battery staple';
const languages = ['en', 'fi', 'et', 'tr', 'ar', 'th'] as const;

beforeAll(async () => {
  server = await startTestServer();
  await server.app.store.agents.add({
    email: 'root@example.com',
    name: 'Root',
    languages: ['en'],
    skills: [],
    capacity: 3,
    role: 'admin',
    passwordHash: await hashPassword(password),
  });
  browser = await launchChromium();
}, 30_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** An article title of the demo KB in that language: a question the bot answers. */
const questionIn = (lang: string): string => {
  const text = readFileSync(path.join(server.contentDir, 'kb', lang, 'track-order.md'), 'utf8');
  return /^title:\s*(.+)$/m.exec(text)?.[1]?.trim() ?? 'where is my parcel?';
};

const widget = (page: Page, selector: string) => page.locator(`#frontdesk-widget ${selector}`);

describe('the demo page and the widget on a phone (375×667)', () => {
  it('opens the chat full screen with close, language menu and Send on screen; Escape closes it', async () => {
    const page = await browser.newPage({
      viewport: { width: 375, height: 667 },
      isMobile: true,
      hasTouch: true,
    });
    await page.goto(`${server.url}/`);
    await widget(page, '.fd-panel[lang="en"]').waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    expect(await widget(page, '.fd-panel').boundingBox()).toEqual({ x: 0, y: 0, width: 375, height: 667 });
    for (const selector of ['.fd-close', '.fd-lang', '.fd-send', '.fd-input']) {
      const box = await widget(page, selector).boundingBox();
      expect([selector, box !== null]).toEqual([selector, true]);
      if (!box) continue;
      expect([selector, box.x >= 0, box.y >= 0, box.x + box.width <= 375, box.y + box.height <= 667]).toEqual(
        [selector, true, true, true, true],
      );
    }
    await widget(page, '.fd-input').fill(questionIn('en'));
    await widget(page, '.fd-input').press('Enter');
    await widget(page, '.fd-msg.fd-bot:not([data-id="greeting"])').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await widget(page, '.fd-input').press('Escape');
    await eventually(async () => expect(await widget(page, '.fd-panel').isHidden()).toBe(true));
    const focused = await page.evaluate<string | null>(
      "document.activeElement?.shadowRoot?.activeElement?.getAttribute('class') ?? null",
    );
    expect(focused).toBe('fd-launcher');
    const launcher = await widget(page, '.fd-launcher').boundingBox();
    expect(launcher && launcher.x + launcher.width <= 375 && launcher.y + launcher.height <= 667).toBe(true);
    await page.close();
  });

  it('keeps the desktop widget a floating panel, not full screen', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    await page.goto(`${server.url}/`);
    await widget(page, '.fd-panel[lang="en"]').waitFor();
    const box = await widget(page, '.fd-panel').boundingBox();
    expect(box?.width).toBe(370);
    await page.close();
  });
});

describe('axe-core: the widget in every language, the console', () => {
  for (const lang of languages)
    it(`finds no serious or critical violation in the widget in ${lang}, one banner landmark`, async () => {
      const context = await browser.newContext({ locale: lang, viewport: { width: 1200, height: 800 } });
      const page = await context.newPage();
      await page.goto(`${server.url}/`);
      await widget(page, `.fd-panel[lang="${lang}"]`).waitFor();
      expect(await widget(page, '.fd-panel').getAttribute('dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
      await widget(page, '.fd-input').fill(questionIn(lang));
      await widget(page, '.fd-input').press('Enter');
      await widget(page, '.fd-msg.fd-bot:not([data-id="greeting"])').first().waitFor();
      expect(await page.getByRole('banner').count()).toBe(1);
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    });

  it('finds none in the console: sign-in, chats, tickets (with a focusable transcript); main and h1 are there', async () => {
    await server.app.store.tickets.create(
      ticketInput({
        subject: 'Parcel missing',
        transcript: Array.from({ length: 30 }, (_, i) => ({
          role: i % 2 ? 'bot' : 'visitor',
          text: `line ${i}`,
          at: new Date().toISOString(),
        })),
      }),
      'test',
    );
    const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
    await page.goto(`${server.url}/console`);
    await page.locator('#login-email').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator('#login-email').fill('root@example.com');
    await page.locator('#login-password').fill(password);
    await page.locator('#login-submit').click();
    await page.locator('#agent-name').waitFor();
    expect(await page.getByRole('main').count()).toBe(1);
    expect(await page.locator('h1').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator('#view-tickets').click();
    await page.locator('tr.ticket-row').first().click();
    const transcript = page.locator('.ticket-transcript');
    await transcript.waitFor();
    expect(await transcript.getAttribute('tabindex')).toBe('0');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await page.getByRole('main').count()).toBe(1);
    await page.close();
  });
});
