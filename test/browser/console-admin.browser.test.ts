/**
 * The admins' Reports and Settings views of the agent console in Chromium against the real server.
 *
 * Selectors this test relies on (web/console/reports-view.ts, settings-*.ts, header.ts):
 *   header ... #view-reports, #view-settings (admins only)
 *   reports .. .reports-view, dd[data-kpi="<label>"], #report-<chart>-csv (Download CSV), .report-status
 *   settings . tr[data-agent="<email>"], #new-agent-*, #new-key-name, #new-key-value, #audit-h + table
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { MessageMeta } from '../../conversation/types.js';
import { hashPassword } from '../../handoff/passwords.js';
import { seriousViolations } from '../helpers/axe.js';
import { launchChromium } from '../helpers/browser.js';
import { eventually } from '../helpers/eventually.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let browser: Browser;
const password = 'correct horse battery staple';
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  server = await startTestServer();
  const passwordHash = await hashPassword(password);
  const agents = server.app.store.agents;
  await agents.add({
    email: 'root@example.com',
    name: 'Root',
    languages: ['en'],
    skills: [],
    capacity: 3,
    role: 'admin',
    passwordHash,
  });
  await agents.add({
    email: 'aino@example.com',
    name: 'Aino',
    languages: ['fi'],
    skills: [],
    capacity: 3,
    role: 'agent',
    passwordHash,
  });
  // Known by construction: 3 conversations; 2 answers (one followed by another question: resolution 50 %);
  // 1 unresolved reply.
  const store = server.app.store.conversations;
  const say = async (key: string, replies: Array<Record<string, unknown>>) => {
    const c = await store.open({ channel: 'web', visitorKey: key, lang: 'en' });
    for (const meta of replies) {
      await store.append(c.id, { role: 'visitor', text: 'question' });
      await store.append(c.id, { role: 'bot', text: 'reply', meta: meta as MessageMeta });
    }
  };
  await say('v1', [
    { articleId: 'track-order', confidence: 0.9 },
    { event: 'unresolved', confidence: 0.1 },
  ]);
  await say('v2', [{ articleId: 'returns', confidence: 0.8 }]);
  await say('v3', []);
  browser = await launchChromium();
}, 30_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto(`${server.url}/console`);
  await page.locator('#login-email').fill(email);
  await page.locator('#login-password').fill(password);
  await page.locator('#login-submit').click();
  await page.locator('#agent-name').waitFor();
}

describe('admin views of the console (Chromium)', () => {
  it('Reports: the seeded figures, a CSV download, charts with text alternatives, no serious axe violations', async () => {
    const page = await browser.newPage({ viewport: { width: 1300, height: 900 }, acceptDownloads: true });
    await signIn(page, 'root@example.com');
    await page.locator('#view-reports').click();
    const kpi = (label: string) => page.locator(`dd[data-kpi="${label}"]`);
    await expect(kpi('Conversations').textContent()).resolves.toBe('3');
    expect(await kpi('Bot answers').textContent()).toBe('2');
    expect(await kpi('Unresolved').textContent()).toBe('1');
    const rate = (name: string) =>
      page
        .locator('.reports-view tr', { has: page.locator(`th:text-is("${name}")`) })
        .locator('td')
        .first();
    expect(await rate('Resolution rate').textContent()).toBe('50.0 %');
    expect(await rate('Involvement').textContent()).toBe('66.7 %');
    expect(await rate('Answer rate').textContent()).toBe('66.7 %');
    // Every chart is an image with a name and a description, and its numbers are in a table too.
    const charts = await page.locator('.reports-view svg.chart').evaluateAll((nodes) =>
      nodes.map((n) => ({
        role: n.getAttribute('role'),
        names: (n.getAttribute('aria-labelledby') ?? '').split(' ').length,
      })),
    );
    expect(charts).toEqual([
      { role: 'img', names: 2 },
      { role: 'img', names: 2 },
    ]);
    await page.locator('.chart-data summary').first().click();
    await expect(
      page.locator('.chart-data table tbody tr').first().locator('th').textContent(),
    ).resolves.toBe(today);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#report-daily-csv').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      /^frontdesk-daily-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/,
    );
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv).toBe(`day,conversations,answers,unresolved,handoffs,tickets\r\n${today},3,2,1,0,0\r\n`);

    await page.locator('#report-lang').fill('fi');
    await page.locator('.report-filters button[type=submit]').click();
    await eventually(async () => expect(await kpi('Conversations').textContent()).toBe('0'));
    expect(await seriousViolations(page, '.reports-view')).toEqual([]);
    await page.close();
  });

  it('Settings: add and disable an agent, create an API key shown once, all in the audit log; agents see neither view', async () => {
    const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
    await signIn(page, 'root@example.com');
    await page.locator('#view-settings').click();
    await page.locator('tr[data-agent="aino@example.com"]').waitFor();
    await page.locator('#new-agent-name').fill('Mari');
    await page.locator('#new-agent-email').fill('mari@example.com');
    await page.locator('#new-agent-languages').fill('et, en');
    await page.locator('#new-agent-skills').fill('billing');
    await page.locator('#new-agent-password').fill(password);
    await page.getByRole('button', { name: 'Add agent' }).click();
    const mari = page.locator('tr[data-agent="mari@example.com"]');
    await mari.waitFor();
    await page.getByRole('button', { name: 'Disable Mari' }).click();
    await eventually(async () => expect(await mari.locator('td').nth(5).textContent()).toBe('disabled'));
    expect((await server.app.store.agents.byEmail('mari@example.com'))?.disabled).toBe(true);

    await page.locator('#new-key-name').fill('crm');
    await page.getByRole('button', { name: 'Create key' }).click();
    const key = await page.locator('#new-key-value').inputValue();
    expect(key).toMatch(/^fd_/);
    const api = await fetch(`${server.url}/api/tickets`, { headers: { authorization: `Bearer ${key}` } });
    expect(api.status).toBe(200);

    const audit = page.locator('.settings-view section[aria-labelledby="audit-h"] tbody tr');
    await eventually(async () =>
      expect(await audit.evaluateAll((rows) => rows.map((r) => r.children[2]?.textContent))).toEqual([
        'apikey.create',
        'agent.disable',
        'agent.add',
      ]),
    );
    expect(await page.locator('.settings-view').textContent()).not.toContain(key.slice(3));
    expect(await seriousViolations(page, '.settings-view')).toEqual([]);
    await page.close();

    const agentPage = await browser.newPage();
    await signIn(agentPage, 'aino@example.com');
    expect(await agentPage.locator('#view-reports, #view-settings').count()).toBe(0);
    await agentPage.close();
  });
});
