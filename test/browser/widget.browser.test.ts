import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser.js';
import { eventually } from '../helpers/eventually.js';
import { visitorKeyOf } from '../../channels/web/visitor-token.js';
import { copyDemoContent, repoRoot, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let browser: Browser;
const artifacts = path.join(repoRoot, 'test-artifacts');

beforeAll(async () => {
  const contentDir = copyDemoContent();
  writeFileSync(
    path.join(contentDir, 'kb', 'en', 'xss-probe.md'),
    '---\nid: xss-probe\ntitle: Is the gadget fireproof?\n---\nSafe <img src=x onerror="window.__pwned = 1"> text <script>window.__pwned = 2</script>\n',
  );
  server = await startTestServer({}, { contentDir });
  browser = await launchChromium();
  mkdirSync(artifacts, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const widget = (page: Page) => ({
  input: page.locator('#frontdesk-widget textarea'),
  bot: page.locator('#frontdesk-widget .fd-msg.fd-bot'),
  visitor: page.locator('#frontdesk-widget .fd-msg.fd-visitor'),
  notice: page.locator('#frontdesk-widget .fd-error'),
});

/** A new page on the demo store, once the widget is there. */
async function openDemo(): Promise<{ page: Page; w: ReturnType<typeof widget> }> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  await page.goto(`${server.url}/`);
  const w = widget(page);
  await w.input.waitFor();
  return { page, w };
}

async function ask(page: Page, text: string): Promise<void> {
  const w = widget(page);
  const before = await w.bot.count();
  await w.input.fill(text);
  await w.input.press('Enter');
  await eventually(async () => expect(await w.bot.count()).toBeGreaterThan(before));
}

describe('the widget on the demo page (Chromium)', () => {
  it('opens in the corner, answers a typed question with rendered Markdown, and resumes after a reload', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/`);
    const w = widget(page);
    await w.input.waitFor();
    await eventually(async () => expect(await w.bot.first().textContent()).toMatch(/Lumen & Oak assistant/));

    await ask(page, 'how can I track my parcel?');
    const answer = w.bot.last();
    expect(await answer.locator('strong').first().textContent()).toBe('Account → Orders');
    expect(await answer.locator('ol > li').count()).toBeGreaterThanOrEqual(3);
    expect(await w.visitor.last().textContent()).toBe('how can I track my parcel?');
    await eventually(async () =>
      expect(await w.visitor.last().getAttribute('class')).not.toMatch(/fd-pending/),
    );
    await page.screenshot({ path: path.join(artifacts, 'widget-answer.png') });

    const box = await page.locator('#frontdesk-widget').evaluate((host) => {
      const panel = host.shadowRoot?.querySelector('.fd-panel')?.getBoundingClientRect();
      return panel ? { right: panel.right, bottom: panel.bottom } : null;
    });
    expect(box?.right).toBeGreaterThan(1100);
    expect(box?.bottom).toBeGreaterThan(600);

    await page.reload();
    await eventually(async () => expect(await widget(page).visitor.count()).toBe(1));
    expect(await widget(page).visitor.first().textContent()).toBe('how can I track my parcel?');
    expect(await widget(page).bot.last().locator('strong').first().textContent()).toBe('Account → Orders');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('does not send empty messages and refuses over-long ones with a notice', async () => {
    const { page, w } = await openDemo();
    await w.input.fill('   ');
    await w.input.press('Enter');
    await w.input.fill('x'.repeat(2001));
    await w.input.press('Enter');
    await eventually(async () => expect(await w.notice.count()).toBe(1));
    expect(await w.notice.textContent()).toMatch(/too long \(2001 characters; the limit is 2000\)/);
    expect(await w.visitor.count()).toBe(0);
    const token = await page.evaluate<string | null>("localStorage.getItem('frontdesk:visitorToken')");
    expect(token).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(await server.app.store.conversations.find('web', visitorKeyOf(token ?? ''))).toBeNull();
    await page.close();
  });

  it('shows HTML typed by the visitor as text and strips HTML from answers: nothing executes', async () => {
    const { page, w } = await openDemo();
    await ask(page, '<img src=x onerror="window.__pwned = 3"> is the gadget fireproof?');
    expect(await w.visitor.last().textContent()).toBe(
      '<img src=x onerror="window.__pwned = 3"> is the gadget fireproof?',
    );
    const answer = w.bot.last();
    expect(await answer.textContent()).toMatch(/Safe\s+text/);
    expect(await answer.locator('img, script').count()).toBe(0);
    expect(await page.evaluate<unknown>('window.__pwned')).toBeUndefined();
    await page.close();
  });
});
