import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { openEmbeddedStore } from '../../store/embedded/sqlite-store.js';
import { guardStore } from '../../store/guard.js';
import { launchChromium, openWidget } from '../helpers/browser.js';
import { eventually } from '../helpers/eventually.js';
import { withOutage, type Outage } from '../helpers/outage-store.js';
import { repoRoot, startTestServer, type TestServer } from '../helpers/server.js';

/**
 * The widget while the store does not answer (Chromium): the visitor sees "try again in a moment", the
 * message stays on screen as pending, and the widget sends it again by itself; once the store answers,
 * it is stored once and answered.
 */
const outage: Outage = { mode: 'none', ports: new Set(), lateMs: 0 };
let server: TestServer;
let browser: Browser;
const storeUnavailable = (
  JSON.parse(readFileSync(path.join(repoRoot, 'content', 'locales', 'en.json'), 'utf8')) as {
    error: { storeUnavailable: string };
  }
).error.storeUnavailable;

beforeAll(async () => {
  const store = guardStore(withOutage(openEmbeddedStore(':memory:'), outage), {
    isUnavailable: () => false,
    timeoutMs: 300,
  });
  server = await startTestServer({}, { store });
  browser = await launchChromium();
});
afterAll(async () => {
  outage.mode = 'none';
  await browser?.close();
  await server?.stop();
});

describe('the widget when the store does not answer (Chromium)', () => {
  it('says "try again in a moment", keeps the message, and sends it again until it is stored and answered', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    const { input, bot } = await openWidget(page, server.url);
    const visitor = page.locator('#frontdesk-widget .fd-msg.fd-visitor');
    const notice = page.locator('#frontdesk-widget .fd-error');
    const botsBefore = await bot.count();

    Object.assign(outage, { mode: 'hang', ports: new Set(['conversations']) });
    await input.fill('how can I track my parcel?');
    await input.press('Enter');
    await eventually(async () => expect(await notice.last().textContent()).toContain(storeUnavailable));
    expect(await visitor.last().textContent()).toBe('how can I track my parcel?');
    expect(await visitor.last().getAttribute('class')).toMatch(/fd-pending/);

    outage.mode = 'none';
    await eventually(async () => expect(await bot.count()).toBe(botsBefore + 1), 15_000);
    expect(await visitor.last().getAttribute('class')).not.toMatch(/fd-pending/);
    expect(await visitor.count()).toBe(1);
    await page.close();
  });
});
