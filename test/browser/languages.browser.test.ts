import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../helpers/browser.js';
import { eventually } from '../helpers/eventually.js';
import { copyDemoContent, repoRoot, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let browser: Browser;
const artifacts = path.join(repoRoot, 'test-artifacts');

beforeAll(async () => {
  const contentDir = copyDemoContent();
  // An Arabic article and strings, in case the demo does not ship Arabic yet.
  const ar = path.join(contentDir, 'kb', 'ar');
  if (!existsSync(ar)) {
    mkdirSync(ar, { recursive: true });
    writeFileSync(
      path.join(ar, 'track-order.md'),
      '---\nid: track-order\ntitle: كيف أتتبع طلبي؟\nquestions:\n  - أين طلبي\n  - متى يصل الطلب\n---\nافتح **حسابي ← الطلبات** ثم اختر **تتبع الشحنة**.\n',
    );
    const en = JSON.parse(readFileSync(path.join(contentDir, 'locales', 'en.json'), 'utf8')) as {
      widget: object;
    };
    writeFileSync(
      path.join(contentDir, 'locales', 'ar.json'),
      JSON.stringify({
        widget: { ...en.widget, title: 'مساعدة', placeholder: 'اكتب سؤالك…', send: 'إرسال' },
      }),
    );
  }
  server = await startTestServer({}, { contentDir });
  browser = await launchChromium();
  mkdirSync(artifacts, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function askOnDemoPage(text: string) {
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  await page.goto(`${server.url}/`);
  const input = page.locator('#frontdesk-widget textarea');
  await input.waitFor();
  await input.fill(text);
  await input.press('Enter');
  const bot = page.locator('#frontdesk-widget .fd-msg.fd-bot:not([data-id="greeting"])');
  await eventually(async () => expect(await bot.count()).toBeGreaterThan(0));
  return { page, panel: page.locator('#frontdesk-widget .fd-panel'), bot, input };
}

describe('the widget follows the conversation language (Chromium)', () => {
  it('turns right to left for Arabic: dir="rtl", lang="ar", mirrored bubbles', async () => {
    const { page, panel, input } = await askOnDemoPage('أين طلبي؟');
    await eventually(async () => expect(await panel.getAttribute('dir')).toBe('rtl'));
    expect(await panel.getAttribute('lang')).toBe('ar');
    expect(await input.getAttribute('placeholder')).not.toBe('Type your question…');
    const box = async (selector: string) =>
      (await page.locator(selector).last().boundingBox()) ?? { x: 0, width: 0 };
    const visitor = await box('#frontdesk-widget .fd-msg.fd-visitor');
    const bot = await box('#frontdesk-widget .fd-msg.fd-bot');
    // In a right-to-left chat the visitor's bubbles sit on the left and the bot's on the right.
    expect(visitor.x).toBeLessThan(bot.x);
    const direction = await page
      .locator('#frontdesk-widget .fd-log')
      .evaluate((node) => node.ownerDocument.defaultView?.getComputedStyle(node).direction);
    expect(direction).toBe('rtl');
    await page.screenshot({ path: path.join(artifacts, 'widget-ar-rtl.png') });
    await page.close();
  });

  it('shows Thai strings, left to right, after a Thai question', async () => {
    const { page, panel, input, bot } = await askOnDemoPage('พัสดุของฉันอยู่ที่ไหน');
    await eventually(async () => expect(await panel.getAttribute('lang')).toBe('th'));
    expect(await panel.getAttribute('dir')).toBe('ltr');
    expect(await input.getAttribute('placeholder')).toMatch(/\p{Script=Thai}/u);
    expect(await bot.last().textContent()).toMatch(/\p{Script=Thai}/u);
    await page.screenshot({ path: path.join(artifacts, 'widget-th.png') });
    await page.close();
  });

  it('switches language from the menu and confirms in the new language', async () => {
    const { page, panel } = await askOnDemoPage('where is my parcel');
    await page.locator('#frontdesk-widget select.fd-lang').selectOption('fi');
    await eventually(async () => expect(await panel.getAttribute('lang')).toBe('fi'));
    await eventually(async () =>
      expect(await page.locator('#frontdesk-widget .fd-msg.fd-bot').last().textContent()).toBe(
        'Selvä, jatketaan suomeksi.',
      ),
    );
    await page.close();
  });
});
