import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ChatDetail } from '../../channels/web/agent-events.js';
import { AgentClient, addAgent, login } from '../helpers/agent-client.js';
import { ChatClient, waitFor } from '../helpers/chat-client.js';
import { consoleCall, reviewGroups } from '../helpers/review.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/**
 * The learning loop over HTTP: a question the bot could not answer shows up in the admin's review queue,
 * grouped with its near-duplicates; filed under an article (the Markdown file gains the question), the
 * same question in a new conversation is answered with that article. Also: new articles, translations,
 * dismiss and undo, conflicts, and agents refused everywhere.
 */
describe('review queue (HTTP)', () => {
  let server: TestServer;
  let admin: string;
  let adminEmail: string;
  let agent: string;
  /**
   * A new visitor asks once; when the bot offers articles ("These articles may help:"), the visitor picks
   * "None of these", which logs the question for review like an unanswered one. The bot's last reply.
   */
  const ask = async (text: string, locales = ['en']) => {
    const chat = new ChatClient(server.url, { locales });
    try {
      await chat.session();
      const reply = (await chat.ask(text))[0];
      if (reply?.event !== 'offer') return reply;
      const before = chat.botMessages().length;
      await chat.pick('None of these', 'offer:none');
      await waitFor(() => chat.botMessages().length > before, 'the reply to "None of these"');
      return chat.botMessages().at(-1);
    } finally {
      chat.close();
    }
  };

  beforeAll(async () => {
    server = await startTestServer();
    const a = await addAgent(server, { name: 'Ada', languages: ['en'], role: 'admin' });
    const b = await addAgent(server, { name: 'Bo', languages: ['en'] });
    admin = await login(server.url, a.email);
    adminEmail = a.email;
    agent = await login(server.url, b.email);
  });
  afterAll(() => server.stop());

  it('groups near-duplicates, then files the question under an article so it is answered next time', async () => {
    const first = await ask('my sofa smells weird');
    expect(first?.event).toBe('unresolved');
    await ask('My sofa smells weird!');
    const groups = await reviewGroups(server, admin, '?lang=en');
    const group = groups.find((g) => g.examples.includes('my sofa smells weird'));
    expect(group).toMatchObject({ lang: 'en', count: 2, question: 'my sofa smells weird' });
    expect(group?.conversations).toHaveLength(2);
    expect(group?.top).toHaveLength(3);
    expect(group?.sources).toEqual({ 'none-of-these': 2 });

    const file = path.join(server.contentDir, 'kb', 'en', 'product-warranty.md');
    const before = readFileSync(file, 'utf8');
    const added = await consoleCall(
      server,
      admin,
      'POST',
      `/console/api/admin/review/groups/${group?.id}/add`,
      {
        articleId: 'product-warranty',
        question: 'my sofa smells weird',
      },
    );
    expect(added).toMatchObject({ status: 200, body: { articleId: 'product-warranty', commit: null } });
    const after = readFileSync(file, 'utf8');
    expect(after).toBe(before.replace(/(questions:\n(?: {2}- .*\n)+)/, '$1  - my sofa smells weird\n'));

    const again = await ask('my sofa smells weird');
    expect(again?.articleId).toBe('product-warranty');
    expect((await reviewGroups(server, admin)).map((g) => g.id)).not.toContain(group?.id);
    const resolved = await reviewGroups(server, admin, '?status=resolved');
    expect(resolved.find((g) => g.id === group?.id)?.mark).toMatchObject({
      status: 'resolved',
      articleId: 'product-warranty',
    });
  });

  it('answers a conflict, not an overwrite, when the file changed on disk since it was read', async () => {
    await ask('do you sell furniture for kids');
    const group = (await reviewGroups(server, admin)).find(
      (g) => g.question === 'do you sell furniture for kids',
    );
    const source = await consoleCall(
      server,
      admin,
      'GET',
      '/console/api/admin/review/source?lang=en&articleId=return-an-item',
    );
    expect(source.status).toBe(200);
    const file = path.join(server.contentDir, 'kb', source.body['file'] as string);
    const edited = `${readFileSync(file, 'utf8')}\nEdited by a writer meanwhile.\n`;
    writeFileSync(file, edited);
    const add = await consoleCall(
      server,
      admin,
      'POST',
      `/console/api/admin/review/groups/${group?.id}/add`,
      {
        articleId: 'return-an-item',
        version: source.body['version'],
      },
    );
    expect(add).toMatchObject({ status: 409, body: { error: { code: 'REVIEW_CONFLICT' } } });
    expect(readFileSync(file, 'utf8')).toBe(edited);
    expect((await reviewGroups(server, admin)).map((g) => g.id)).toContain(group?.id);
  });

  it('dismisses a group and brings it back', async () => {
    await ask('asdf qwerty zxcv');
    const group = (await reviewGroups(server, admin)).find((g) => g.question === 'asdf qwerty zxcv');
    const dismiss = await consoleCall(
      server,
      admin,
      'POST',
      `/console/api/admin/review/groups/${group?.id}/dismiss`,
    );
    expect(dismiss).toMatchObject({ status: 200, body: { dismissed: 1 } });
    expect((await reviewGroups(server, admin)).map((g) => g.id)).not.toContain(group?.id);
    expect((await reviewGroups(server, admin, '?status=dismissed')).map((g) => g.id)).toContain(group?.id);
    const undo = await consoleCall(
      server,
      admin,
      'POST',
      `/console/api/admin/review/groups/${group?.id}/undo`,
    );
    expect(undo).toMatchObject({ status: 200, body: { restored: 1 } });
    expect((await reviewGroups(server, admin)).map((g) => g.id)).toContain(group?.id);
  });

  it('creates a new article from a group: lint first, refused while lint has an error, then answered', async () => {
    await ask('is there a loyalty program');
    const group = (await reviewGroups(server, admin)).find(
      (g) => g.question === 'is there a loyalty program',
    );
    const broken = '---\nid: loyalty\nquestions:\n  - do you have a loyalty card\n---\nYes.\n';
    const lint = await consoleCall(server, admin, 'POST', '/console/api/admin/review/lint', {
      lang: 'en',
      slug: 'loyalty',
      text: broken,
    });
    expect(lint.status).toBe(200);
    expect(lint.body['problems']).toEqual(
      expect.arrayContaining([expect.objectContaining({ severity: 'error', code: 'front-matter-invalid' })]),
    );
    const refused = await consoleCall(server, admin, 'POST', '/console/api/admin/review/articles', {
      lang: 'en',
      slug: 'loyalty',
      text: broken,
      groupId: group?.id,
    });
    expect(refused).toMatchObject({ status: 422, body: { error: { code: 'REVIEW_LINT' } } });
    const text =
      '---\nid: loyalty-program\ntitle: Do you have a loyalty program?\nquestions:\n  - is there a loyalty program\n  - do you have a loyalty card\n  - can I collect points on purchases\n---\nYes: **Club** members collect points on every order.\n';
    const preview = await consoleCall(server, admin, 'POST', '/console/api/admin/review/lint', {
      lang: 'en',
      slug: 'loyalty',
      text,
    });
    expect(preview.body['problems']).toEqual([]);
    expect(preview.body['html']).toContain('<strong>Club</strong>');
    const created = await consoleCall(server, admin, 'POST', '/console/api/admin/review/articles', {
      lang: 'en',
      slug: 'loyalty',
      text,
      groupId: group?.id,
    });
    expect(created).toMatchObject({
      status: 201,
      body: { articleId: 'loyalty-program', file: 'en/loyalty.md' },
    });
    expect(readFileSync(path.join(server.contentDir, 'kb', 'en', 'loyalty.md'), 'utf8')).toBe(text);
    expect((await ask('is there a loyalty program'))?.articleId).toBe('loyalty-program');
    const again = await consoleCall(server, admin, 'POST', '/console/api/admin/review/articles', {
      lang: 'en',
      slug: 'loyalty',
      text: text.replace('loyalty-program', 'loyalty-2'),
    });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'ARTICLE_EXISTS' } } });
    const escape = await consoleCall(server, admin, 'POST', '/console/api/admin/review/articles', {
      lang: 'en',
      slug: '../../evil',
      text,
    });
    expect(escape.status).toBe(400);
  });

  it('translates a missing article from its source language', async () => {
    rmSync(path.join(server.contentDir, 'kb', 'fi', 'gift-cards.md'));
    await server.app.kb.reload();
    await server.app.store.missingTranslations.record('gift-cards', 'fi');
    const list = await consoleCall(server, admin, 'GET', '/console/api/admin/review/translations?lang=fi');
    expect(list.body['translations']).toEqual([
      expect.objectContaining({ articleId: 'gift-cards', lang: 'fi', from: 'en', requests: 1 }),
    ]);
    const template = await consoleCall(
      server,
      admin,
      'GET',
      '/console/api/admin/review/translations/template?lang=fi&articleId=gift-cards',
    );
    expect(template.body).toMatchObject({ from: 'en', slug: 'gift-cards' });
    expect(template.body['text']).toContain('id: gift-cards');
    const fi =
      '---\nid: gift-cards\ntitle: Miten lahjakortit toimivat?\nquestions:\n  - voinko maksaa lahjakortilla\n  - lahjakortin saldo\n  - mistä ostan lahjakortin\n---\nLahjakortti on voimassa kaksi vuotta.\n';
    const saved = await consoleCall(server, admin, 'POST', '/console/api/admin/review/articles', {
      lang: 'fi',
      slug: template.body['slug'],
      text: fi,
    });
    expect(saved).toMatchObject({ status: 201, body: { articleId: 'gift-cards', lang: 'fi' } });
    expect(server.app.kb.article('gift-cards', 'fi')?.title).toBe('Miten lahjakortit toimivat?');
    const after = await consoleCall(server, admin, 'GET', '/console/api/admin/review/translations?lang=fi');
    expect(after.body['translations']).toEqual([]);
  });

  it("proposes an agent's answer after a handoff; filed as a new article from it, the bot answers next time", async () => {
    const desk = await addAgent(server, { name: 'Cy', languages: ['en'] });
    const cy = await AgentClient.signIn(server, desk);
    const v = new ChatClient(server.url, { locales: ['en'] });
    const answer = 'Yes: our stores rent vans by the hour. Book one at the customer service desk.';
    try {
      await v.session();
      await v.ask('can I rent a van to carry my furniture');
      await v.ask('I want to talk to a person');
      await waitFor(() => cy.offers.length > 0, 'offer');
      const detail = (await cy.call('claim', { handoffId: cy.offers[0]?.handoffId ?? '' })) as ChatDetail;
      await cy.call('note', { conversationId: detail.conversationId, text: 'regular customer' });
      await cy.call('send', { conversationId: detail.conversationId, id: 'a1', text: answer });
      await cy.call('resolve', { conversationId: detail.conversationId });
    } finally {
      v.close();
      cy.close();
    }
    let group: Awaited<ReturnType<typeof reviewGroups>>[number] | undefined;
    for (let i = 0; i < 50 && !group; i++) {
      group = (await reviewGroups(server, admin)).find((g) => g.sources['agent-answer'] === 1);
      if (!group) await new Promise((r) => setTimeout(r, 100));
    }
    expect(group).toMatchObject({ question: 'can I rent a van to carry my furniture', answers: [answer] });
    const text = `---\nid: van-rental\ntitle: Can I rent a van?\nquestions:\n  - ${group?.question}\n  - do you rent out vans\n---\n${group?.answers[0]}\n`;
    const created = await consoleCall(server, admin, 'POST', '/console/api/admin/review/articles', {
      lang: 'en',
      slug: 'van-rental',
      text,
      groupId: group?.id,
    });
    expect(created).toMatchObject({ status: 201, body: { articleId: 'van-rental' } });
    expect((await ask('can I rent a van to carry my furniture'))?.articleId).toBe('van-rental');
  });

  it("opens a group's conversations for admins, read-only: the transcript as the console shows it", async () => {
    expect((await ask('purple elephants dancing on mars'))?.event).toBe('unresolved');
    const group = (await reviewGroups(server, admin)).find(
      (g) => g.question === 'purple elephants dancing on mars',
    );
    expect(group?.conversations).toHaveLength(1);
    const id = group?.conversations[0] ?? '';
    const r = await consoleCall(server, admin, 'GET', `/console/api/admin/conversations/${id}`);
    expect(r.status).toBe(200);
    expect(r.body['conversation']).toEqual({
      id,
      channel: 'web',
      lang: 'en',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(r.body['truncated']).toBe(false);
    const messages = r.body['messages'] as Array<{ role: string; text: string; html: string | null }>;
    expect(messages.map((m) => m.role)).toEqual(expect.arrayContaining(['bot', 'visitor']));
    const question = messages.find((m) => m.role === 'visitor');
    expect(question).toMatchObject({ text: 'purple elephants dancing on mars', html: null });
    expect(messages.at(-1)).toMatchObject({ role: 'bot', html: expect.stringContaining('<p>') });
    expect(JSON.stringify(r.body)).not.toMatch(/visitorKey/);

    const bad = await consoleCall(server, admin, 'GET', '/console/api/admin/conversations/not-a-uuid');
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'PAYLOAD_INVALID' } } });
    const missing = await consoleCall(
      server,
      admin,
      'GET',
      '/console/api/admin/conversations/00000000-0000-4000-8000-000000000000',
    );
    expect(missing).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    const denied = await consoleCall(server, agent, 'GET', `/console/api/admin/conversations/${id}`);
    expect(denied).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    expect((await consoleCall(server, '', 'GET', `/console/api/admin/conversations/${id}`)).status).toBe(401);
  });

  it('records every change made in the review queue in the admin audit log', async () => {
    const r = await consoleCall(server, admin, 'GET', '/console/api/admin/audit?limit=100');
    expect(r.status).toBe(200);
    const entries = r.body['entries'] as Array<{
      actor: { email: string };
      action: string;
      target: string | null;
      details: Record<string, unknown>;
    }>;
    const review = entries.filter((e) => e.action.startsWith('review.'));
    expect(new Set(review.map((e) => e.actor.email))).toEqual(new Set([adminEmail]));
    expect(review).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'review.add',
          target: 'product-warranty',
          details: expect.objectContaining({
            lang: 'en',
            file: 'en/product-warranty.md',
            question: 'my sofa smells weird',
          }),
        }),
        expect.objectContaining({ action: 'review.dismiss', details: { questions: 1 } }),
        expect.objectContaining({ action: 'review.undo', details: { questions: 1 } }),
        expect.objectContaining({
          action: 'review.article',
          target: 'loyalty-program',
          details: expect.objectContaining({ lang: 'en', file: 'en/loyalty.md', group: expect.any(String) }),
        }),
        expect.objectContaining({
          action: 'review.article',
          target: 'gift-cards',
          details: { lang: 'fi', file: 'fi/gift-cards.md' },
        }),
      ]),
    );
  });

  it('refuses agents on every review route (403) and anyone signed out (401)', async () => {
    const routes: Array<['GET' | 'POST', string, unknown?]> = [
      ['GET', '/console/api/admin/review/groups'],
      ['POST', '/console/api/admin/review/groups/g-x/add', { articleId: 'gift-cards' }],
      ['POST', '/console/api/admin/review/groups/g-x/dismiss'],
      ['POST', '/console/api/admin/review/groups/g-x/undo'],
      ['GET', '/console/api/admin/review/articles?lang=en'],
      ['GET', '/console/api/admin/review/source?lang=en&articleId=gift-cards'],
      ['POST', '/console/api/admin/review/lint', { lang: 'en', slug: 'a', text: 'x' }],
      ['POST', '/console/api/admin/review/articles', { lang: 'en', slug: 'a', text: 'x' }],
      ['GET', '/console/api/admin/review/translations'],
      ['GET', '/console/api/admin/review/translations/template?lang=fi&articleId=gift-cards'],
      ['GET', '/console/api/admin/conversations/00000000-0000-4000-8000-000000000000'],
    ];
    for (const [method, route, body] of routes) {
      const r = await consoleCall(server, agent, method, route, body);
      expect([route, r.status, r.body['error']]).toEqual([
        route,
        403,
        expect.objectContaining({ code: 'FORBIDDEN' }),
      ]);
      expect((await consoleCall(server, '', method, route, body)).status).toBe(401);
    }
  });
});
