/**
 * The learning loop in Chromium: a visitor asks the widget something the bot cannot answer; the admin
 * sees it in the console's Review view and adds it to the right article; the same question in a new
 * conversation (a new browser context: a new visitor) is answered with that article. Then a new article
 * from the editor, which cannot be saved while lint reports an error; a translation from the pre-filled
 * editor. Agents get no Review button.
 *
 * Selectors (web/console/review-*.ts): #view-review, li.review-group[data-group-id] with h3.group-question,
 * labelled "Question to add" / "Article" controls, buttons "Add to article", "New article", "Dismiss";
 * .article-editor with labelled "Article (YAML front matter, then the Markdown answer)", .lint-problems,
 * .article-preview, button "Save article". Widget: #frontdesk-widget textarea, .fd-msg.fd-bot.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { ChatDetail } from '../../channels/web/agent-events.js';
import { AgentClient, addAgent, testPassword } from '../helpers/agent-client.js';
import { seriousViolations } from '../helpers/axe.js';
import { launchChromium, openWidget } from '../helpers/browser.js';
import { eventually } from '../helpers/eventually.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let browser: Browser;
let adminEmail = '';
let agentEmail = '';

beforeAll(async () => {
  server = await startTestServer();
  adminEmail = (await addAgent(server, { name: 'Ada', languages: ['en'], role: 'admin' })).email;
  agentEmail = (await addAgent(server, { name: 'Bo', languages: ['en'] })).email;
  browser = await launchChromium();
}, 30_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A new visitor (own browser context, so a new conversation) asks once; returns the bot's last reply. */
async function visitorAsks(text: string, locale = 'en-US'): Promise<string> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 }, locale });
  try {
    const page = await context.newPage();
    const { input, bot } = await openWidget(page, server.url);
    const before = await bot.count();
    await input.fill(text);
    await input.press('Enter');
    await eventually(async () => expect(await bot.count()).toBeGreaterThan(before));
    const reply = (await bot.last().textContent()) ?? '';
    if (!/These articles may help/.test(reply)) return reply;
    // The bot offers articles: the visitor picks none of them, which logs the question for review.
    const offered = await bot.count();
    await page.locator('#frontdesk-widget .fd-choice', { hasText: 'None of these' }).click();
    await eventually(async () => expect(await bot.count()).toBeGreaterThan(offered));
    return (await bot.last().textContent()) ?? '';
  } finally {
    await context.close();
  }
}

/** No serious or critical axe-core violation inside `selector`. */
async function accessible(page: Page, selector: string): Promise<void> {
  expect(await seriousViolations(page, selector)).toEqual([]);
}

async function signIn(email: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 950 } });
  await page.goto(`${server.url}/console`);
  await page.locator('#login-email').fill(email);
  await page.locator('#login-password').fill(testPassword);
  await page.locator('#login-submit').click();
  await page.locator('#agent-name').waitFor();
  return page;
}

const group = (page: Page, question: string) =>
  page.locator('li.review-group').filter({ has: page.locator('h3.group-question', { hasText: question }) });

describe('the review loop (Chromium: widget and console)', () => {
  it('files an unanswered question under an article; a new visitor asking it gets that article', async () => {
    expect(await visitorAsks('my sofa smells weird')).toMatch(/noted it so our team can add an answer/);
    const page = await signIn(adminEmail);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.locator('#view-review').click();
    expect(await page.locator('#view-review').getAttribute('aria-current')).toBe('page');
    const item = group(page, 'my sofa smells weird');
    await item.waitFor();
    expect(await item.locator('.group-facts').textContent()).toMatch(
      /^EN · asked 1× \(1 none of the offered articles picked\)/,
    );
    expect(await item.locator('.group-top li').count()).toBe(3);
    await accessible(page, '.review-view');

    // The link to the conversation opens its transcript, read-only; closing gives focus back to the link.
    const link = item.locator('.group-conversations button.conversation-link');
    expect(await link.count()).toBe(1);
    await link.click();
    const dialog = page.getByRole('dialog', { name: /^Conversation / });
    await dialog.waitFor();
    await eventually(async () =>
      expect(await dialog.locator('.conversation-facts').textContent()).toMatch(/^Web chat · EN · started /),
    );
    expect(await dialog.locator('.msg-visitor .msg-text', { hasText: 'my sofa smells weird' }).count()).toBe(
      1,
    );
    expect(await dialog.locator('.msg-bot', { hasText: 'These articles may help' }).count()).toBe(1);
    expect(await dialog.locator('textarea, input, form').count()).toBe(0);
    await accessible(page, '.conversation-dialog');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await eventually(async () => expect(await page.locator('.conversation-dialog').count()).toBe(0));
    expect(await link.evaluate((node) => node === node.ownerDocument.activeElement)).toBe(true);

    await item.getByLabel('Question to add').fill('my sofa smells weird');
    await item.getByLabel('Article', { exact: true }).selectOption('product-warranty');
    await item.getByRole('button', { name: 'Add to article' }).click();
    await eventually(async () => expect(await group(page, 'my sofa smells weird').count()).toBe(0), 20_000);
    expect(await visitorAsks('my sofa smells weird')).toMatch(/warranty/i);
    expect(server.app.kb.article('product-warranty', 'en')?.questions).toContain('my sofa smells weird');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('writes a new article in the editor: saving waits for a clean lint, then the bot answers with it', async () => {
    expect(await visitorAsks('do you sell furniture for kids')).toMatch(
      /noted it so our team can add an answer/,
    );
    const page = await signIn(adminEmail);
    await page.locator('#view-review').click();
    const item = group(page, 'do you sell furniture for kids');
    await item.waitFor();
    await item.getByRole('button', { name: 'New article' }).click();
    const editor = page.locator('.article-editor');
    await editor.waitFor();
    const save = editor.getByRole('button', { name: 'Save article' });
    // no answer text yet: lint reports an error and Save stays disabled
    await eventually(async () => expect(await editor.locator('.lint-error').count()).toBeGreaterThan(0));
    expect(await save.isDisabled()).toBe(true);
    await accessible(page, '.review-view');
    const text = editor.getByLabel('Article (YAML front matter, then the Markdown answer)');
    await text.fill(
      '---\nid: kids-furniture\ntitle: Do you sell furniture for children?\nquestions:\n  - do you sell furniture for kids\n  - furniture for children\n---\nYes: our **Kids** range has beds, desks and storage.\n',
    );
    await eventually(async () => expect(await editor.locator('.lint-ok').count()).toBe(1));
    expect(await editor.locator('.article-preview strong').textContent()).toBe('Kids');
    expect(await save.isDisabled()).toBe(false);
    await accessible(page, '.article-editor');
    await save.click();
    await eventually(async () => expect(await page.locator('.article-editor').count()).toBe(0), 20_000);
    expect(await visitorAsks('do you sell furniture for kids')).toMatch(/Kids range has beds/);
    await page.close();
  }, 60_000);

  it('translates a missing article from the pre-filled editor; a Finnish visitor then gets it in Finnish', async () => {
    rmSync(path.join(server.contentDir, 'kb', 'fi', 'gift-cards.md'));
    await server.app.kb.reload();
    await server.app.store.missingTranslations.record('gift-cards', 'fi');
    const page = await signIn(adminEmail);
    await page.locator('#view-review').click();
    await page.getByRole('button', { name: 'Translate gift-cards into fi' }).click();
    const editor = page.locator('.article-editor');
    await editor.waitFor();
    expect(await editor.getByLabel('Language', { exact: true }).inputValue()).toBe('fi');
    expect(await editor.getByLabel('File name (content/kb/<language>/<name>.md)').inputValue()).toBe(
      'gift-cards',
    );
    const text = editor.getByLabel('Article (YAML front matter, then the Markdown answer)');
    expect(await text.inputValue()).toContain('title: How do gift cards work?');
    await accessible(page, '.review-view');
    await text.fill(
      '---\nid: gift-cards\ntitle: Miten lahjakortit toimivat?\nquestions:\n  - voinko maksaa lahjakortilla\n  - mistä ostan lahjakortin\n---\nLahjakortti on voimassa **kaksi vuotta**.\n',
    );
    await eventually(async () => expect(await editor.locator('.lint-ok').count()).toBe(1));
    await editor.getByRole('button', { name: 'Save article' }).click();
    await eventually(async () => expect(await page.locator('.article-editor').count()).toBe(0), 20_000);
    expect(await readFile(path.join(server.contentDir, 'kb', 'fi', 'gift-cards.md'), 'utf8')).toContain(
      'Miten lahjakortit toimivat?',
    );
    expect(await visitorAsks('mistä ostan lahjakortin', 'fi-FI')).toMatch(/voimassa kaksi vuotta/);
    await page.close();
  }, 60_000);

  it("proposes an agent's answer after a handoff; filed as a new article from it, the bot answers with it", async () => {
    const question = 'can I rent a van to carry my furniture';
    const answer = 'Yes: our stores rent vans by the hour. Book one at the customer service desk.';
    const cy = await AgentClient.signIn(server, await addAgent(server, { name: 'Cy', languages: ['en'] }));
    const context = await browser.newContext({ viewport: { width: 1200, height: 800 }, locale: 'en-US' });
    try {
      // The visitor, in the widget, asks and then asks for a person; the agent (a socket client) answers.
      const visitor = await context.newPage();
      const { input, bot } = await openWidget(visitor, server.url);
      const before = await bot.count();
      await input.fill(question);
      await input.press('Enter');
      await eventually(async () => expect(await bot.count()).toBeGreaterThan(before));
      expect(await bot.last().textContent()).not.toMatch(/rent vans/);
      await input.fill('I want to talk to a person');
      await input.press('Enter');
      await eventually(async () => expect(cy.offers.length).toBeGreaterThan(0));
      const detail = (await cy.call('claim', { handoffId: cy.offers[0]?.handoffId ?? '' })) as ChatDetail;
      await cy.call('note', { conversationId: detail.conversationId, text: 'regular customer' });
      await cy.call('send', { conversationId: detail.conversationId, id: 'van-1', text: answer });
      await eventually(async () =>
        expect(await visitor.locator('#frontdesk-widget .fd-msg.fd-agent').textContent()).toContain(
          'rent vans',
        ),
      );
      await cy.call('resolve', { conversationId: detail.conversationId });
    } finally {
      await context.close();
      cy.close();
    }

    // The admin sees the suggestion in Review and starts a new article from the agent's answer.
    const page = await signIn(adminEmail);
    await page.locator('#view-review').click();
    const item = group(page, question);
    await eventually(async () => {
      await page.locator('#review-refresh').click();
      expect(await item.count()).toBe(1);
    }, 20_000);
    expect(await item.locator('.group-facts').textContent()).toMatch(/asked 1× \(1 answered by an agent\)/);
    expect(await item.locator('.group-answer').textContent()).toBe(answer);
    expect(await item.textContent()).not.toContain('regular customer');
    await accessible(page, '.review-view');
    await item.getByRole('button', { name: 'New article' }).click();
    const editor = page.locator('.article-editor');
    await editor.waitFor();
    const text = editor.getByLabel('Article (YAML front matter, then the Markdown answer)');
    expect(await text.inputValue()).toBe(
      `---\nid: can-i-rent-a-van-to-carry-my-furniture\ntitle: "${question}"\nquestions:\n  - "${question}"\n---\n${answer}\n`,
    );
    const save = editor.getByRole('button', { name: 'Save article' });
    await eventually(async () => expect(await save.isDisabled()).toBe(false));
    await accessible(page, '.article-editor');
    await save.click();
    await eventually(async () => expect(await page.locator('.article-editor').count()).toBe(0), 20_000);
    expect(server.app.kb.article('can-i-rent-a-van-to-carry-my-furniture', 'en')?.title).toBe(question);

    // The same question in a new conversation is answered with that article.
    expect(await visitorAsks(question)).toMatch(/rent vans by the hour/);
    await page.close();
  }, 90_000);

  it('shows agents no Review view', async () => {
    const page = await signIn(agentEmail);
    expect(await page.locator('#view-tickets').count()).toBe(1);
    expect(await page.locator('#view-review').count()).toBe(0);
    await page.close();
  });
});
