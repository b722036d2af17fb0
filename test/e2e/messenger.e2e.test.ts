import { GraphApiPeer, pageEvent, postWebhook } from '../helpers/graph-api.js';
import { writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { copyDemoContent, startTestServer, type TestServer } from '../helpers/server.js';
import { AgentClient, addAgent } from '../helpers/agent-client.js';
import { eventually } from '../helpers/eventually.js';
import { markdownToPlainText } from '../../channels/messenger/plain-text.js';
import type { ChatDetail } from '../../channels/web/agent-events.js';

const token = 'EAAG-test-page-token-0123456789';
const appSecret = 'test-app-secret-0123456789';
const verifyToken = 'verify-token-42';

let graph: GraphApiPeer;
let server: TestServer;
let psidCounter = 0;
const psid = () => `${Date.now()}${++psidCounter}`;
const messengerEnv = () => ({
  MESSENGER_PAGE_ACCESS_TOKEN: token,
  MESSENGER_APP_SECRET: appSecret,
  MESSENGER_VERIFY_TOKEN: verifyToken,
  MESSENGER_GRAPH_URL: graph.url,
  MESSENGER_GRAPH_VERSION: 'v25.0',
});

beforeAll(async () => {
  graph = await new GraphApiPeer(token, appSecret).start();
  server = await startTestServer(messengerEnv());
});
afterAll(async () => {
  await server.stop();
  await graph.stop();
});

const say = (to: TestServer, from: string, mid: string, text: string, extra: Record<string, unknown> = {}) =>
  postWebhook(to.url, appSecret, pageEvent(from, { message: { mid, text, ...extra } }));

async function conversationOf(from: string) {
  const conversation = await server.app.store.conversations.find('messenger', from);
  return conversation ? server.app.store.conversations.messages(conversation.id) : [];
}

describe('Facebook Messenger, end to end (signed webhooks in, a local Graph API out)', () => {
  it('answers the verification challenge only with the right verify token', async () => {
    const ok = await fetch(
      `${server.url}/channels/messenger/webhook?hub.mode=subscribe&hub.verify_token=${verifyToken}&hub.challenge=1158201444`,
    );
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    const wrong = await fetch(
      `${server.url}/channels/messenger/webhook?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1`,
    );
    expect(wrong.status).toBe(403);
  });

  it('refuses a missing or bad signature with 403 and stores nothing', async () => {
    const from = psid();
    const body = pageEvent(from, { message: { mid: 'bad-1', text: 'how do I reset my password' } });
    expect((await postWebhook(server.url, appSecret, body, 'sha256=' + '0'.repeat(64))).status).toBe(403);
    expect((await postWebhook(server.url, 'another-secret-123456', body)).status).toBe(403);
    const unsigned = await fetch(`${server.url}/channels/messenger/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(unsigned.status).toBe(403);
    await new Promise((r) => setTimeout(r, 150));
    expect(await server.app.store.conversations.find('messenger', from)).toBeNull();
    expect(graph.calls.some((c) => c.body.recipient?.id === from)).toBe(false);
  });

  it('answers an FAQ in Finnish and in Arabic in that language, with typing_on first', async () => {
    const fi = psid();
    const ar = psid();
    expect((await say(server, fi, 'fi-1', 'Miten voin seurata tilaustani?')).status).toBe(200);
    expect((await say(server, ar, 'ar-1', 'كيف أتتبع طلبي؟')).status).toBe(200);
    const [fiAnswer] = await eventually(() => {
      const m = graph.messagesTo(fi);
      expect(m.length).toBeGreaterThan(0);
      return m;
    });
    const [arAnswer] = await eventually(() => {
      const m = graph.messagesTo(ar);
      expect(m.length).toBeGreaterThan(0);
      return m;
    });
    expect(graph.calls.find((c) => c.body.recipient?.id === fi)?.body.sender_action).toBe('typing_on');
    expect(fiAnswer).toMatchObject({ messaging_type: 'RESPONSE' });
    expect((await conversationOf(fi)).at(-1)?.meta).toMatchObject({ lang: 'fi', articleId: 'track-order' });
    expect((await conversationOf(ar)).at(-1)?.meta).toMatchObject({ lang: 'ar', articleId: 'track-order' });
    expect(fiAnswer?.text).toBe((await conversationOf(fi)).at(-1)?.text.replace(/\*\*/g, ''));
    expect(arAnswer?.text).toMatch(/[\u0600-\u06ff]/);
    expect(fiAnswer?.text).not.toMatch(/\*\*|\]\(/);
  });

  it('offers articles as numbered text (long titles) and a typed number picks that choice', async () => {
    const contentDir = copyDemoContent();
    writeFileSync(path.join(contentDir, 'kb', 'config.yml'), 'clarifyMargin: 1\n');
    const own = await startTestServer(messengerEnv(), { contentDir });
    try {
      const from = psid();
      await say(own, from, 'cl-1', 'refund return');
      const [clarify] = await eventually(() => {
        const m = graph.messagesTo(from);
        expect(m.length).toBe(1);
        return m;
      });
      // Both titles are over 20 characters: numbered text instead of quick replies.
      expect(clarify).toEqual({
        text: 'These articles may help:\n\n1. When will I get my refund?\n2. How do I return an item?\n3. None of these',
        messaging_type: 'RESPONSE',
      });
      await say(own, from, 'cl-2', '2');
      await eventually(() => expect(graph.messagesTo(from).length).toBe(2));
      const conversation = await own.app.store.conversations.find('messenger', from);
      const stored = await own.app.store.conversations.messages(conversation?.id ?? '');
      expect(stored.find((m) => m.clientId === 'cl-2')?.meta.postback).toBe('article:return-an-item');
      expect(stored.at(-1)?.meta).toMatchObject({ articleId: 'return-an-item', event: null });
    } finally {
      await own.stop();
      rmSync(contentDir, { recursive: true, force: true });
    }
  });

  it('handles one sender’s events in order, one at a time, however many arrive in one body', async () => {
    const from = psid();
    const questions = [
      ['how do I reset my password', 'reset-password'],
      ['what payment methods do you accept', 'payment-methods'],
      ['How can I track my parcel?', 'track-order'],
    ] as const;
    const body = {
      object: 'page',
      entry: [
        {
          id: 'PAGE',
          time: Date.now(),
          messaging: questions.map(([text], i) => ({
            sender: { id: from },
            recipient: { id: 'PAGE' },
            timestamp: Date.now() + i,
            message: { mid: `ord-${i}`, text },
          })),
        },
      ],
    };
    expect((await postWebhook(server.url, appSecret, body)).status).toBe(200);
    await eventually(() => expect(graph.messagesTo(from).length).toBe(3));
    const stored = await conversationOf(from);
    expect(stored.map((m) => [m.role, m.role === 'visitor' ? m.clientId : m.meta.articleId])).toEqual(
      questions.flatMap(([, article], i) => [
        ['visitor', `ord-${i}`],
        ['bot', article],
      ]),
    );
    const texts = graph.messagesTo(from).map((m) => m.text);
    const answers = stored
      .filter((m) => m.role === 'bot')
      .map((m) => texts.indexOf(markdownToPlainText(m.text)));
    expect(answers).toEqual([0, 1, 2]);
  });

  it('answers the same mid once, also when redelivered after a restart', async () => {
    const own = await startTestServer(messengerEnv());
    const from = psid();
    await say(own, from, 'dup-1', 'how do I reset my password');
    await say(own, from, 'dup-1', 'how do I reset my password');
    await eventually(() => expect(graph.messagesTo(from).length).toBe(1));
    const dataDir = own.dataDir;
    await own.app.close();
    const again = await startTestServer(messengerEnv(), { dataDir, contentDir: own.contentDir });
    try {
      await say(again, from, 'dup-1', 'how do I reset my password');
      await say(again, from, 'dup-2', 'what payment methods do you accept');
      await eventually(() => expect(graph.messagesTo(from).length).toBe(2));
      const conversation = await again.app.store.conversations.find('messenger', from);
      const stored = await again.app.store.conversations.messages(conversation?.id ?? '');
      expect(stored.filter((m) => m.role === 'visitor').map((m) => m.clientId)).toEqual(['dup-1', 'dup-2']);
    } finally {
      await again.stop();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(own.contentDir, { recursive: true, force: true });
    }
  });

  it('answers an attachment with the text-only notice and a quick reply that hands off to a person', async () => {
    const from = psid();
    await postWebhook(
      server.url,
      appSecret,
      pageEvent(from, { message: { mid: 'att-1', attachments: [{ type: 'image', payload: { url: 'x' } }] } }),
    );
    const [notice] = await eventually(() => {
      const m = graph.messagesTo(from);
      expect(m.length).toBe(1);
      return m;
    });
    expect(notice?.text).toMatch(/I can only read text messages for now/);
    expect(notice?.quick_replies).toEqual([
      { content_type: 'text', title: 'Talk to a person', payload: 'handoff:request' },
    ]);
    await say(server, from, 'att-2', 'Talk to a person', { quick_reply: { payload: 'handoff:request' } });
    await eventually(async () => {
      const tapped = (await conversationOf(from)).find((m) => m.clientId === 'att-2');
      expect(tapped?.meta.postback).toBe('handoff:request');
    });
    // No agent is online: the bot offers the contact form (a ticket) instead, and says so on Messenger.
    await eventually(() => expect(graph.messagesTo(from).length).toBeGreaterThan(1));
  });

  it('answers a text over MAX_MESSAGE_LENGTH with the localised limit notice, once, storing nothing', async () => {
    const from = psid();
    const long = 'Hei '.repeat(700).trim();
    await say(server, from, 'long-1', long);
    await say(server, from, 'long-1', long);
    const [notice] = await eventually(() => {
      const m = graph.messagesTo(from);
      expect(m.length).toBe(1);
      return m;
    });
    expect(notice?.text).toBe('Your message is too long (2799 characters; the limit is 2000).');
    expect(notice?.quick_replies?.[0]?.payload).toBe('handoff:request');
    await new Promise((r) => setTimeout(r, 150));
    expect(graph.messagesTo(from).length).toBe(1);
    expect(await server.app.store.conversations.find('messenger', from)).toBeNull();
  });

  it('leaves a message of invisible characters unanswered, storing and logging nothing', async () => {
    const from = psid();
    const logsBefore = server.logs.length;
    await say(server, from, 'blank-1', '\u200b\u2066');
    await say(server, from, 'then-1', 'What are your opening hours?');
    // Events of one sender are handled in order: once the second is answered, the first was handled.
    await eventually(() => expect(graph.messagesTo(from).filter((m) => m.text).length).toBe(1));
    const stored = await conversationOf(from);
    expect(stored.filter((m) => m.role === 'visitor').map((m) => m.text)).toEqual([
      'What are your opening hours?',
    ]);
    expect(server.logs.slice(logsBefore).filter((l) => Number(l['level']) >= 50)).toEqual([]);
  });

  it('hands off to an agent whose reply reaches Messenger; a failing Send API is a failed delivery', async () => {
    const agent = await addAgent(server, { name: 'Mira', languages: ['en'] });
    const mira = await AgentClient.signIn(server, agent);
    try {
      const from = psid();
      await say(server, from, 'ho-1', 'I want to talk to a person');
      await eventually(() => expect(mira.offers.length).toBeGreaterThan(0));
      const offer = mira.offers.at(-1);
      const detail = (await mira.call('claim', { handoffId: offer?.handoffId ?? '' })) as ChatDetail;
      expect(detail.channel).toBe('messenger');
      await mira.call('send', {
        conversationId: detail.conversationId,
        id: 'r1',
        text: 'Hi, **Mira** here.',
      });
      await eventually(() => expect(graph.messagesTo(from).map((m) => m.text)).toContain('Hi, Mira here.'));

      const before = graph.calls.length;
      graph.fail(500, 429, 500);
      await mira.call('send', { conversationId: detail.conversationId, id: 'r2', text: 'Still there?' });
      await eventually(() => expect(graph.calls.length).toBe(before + 3), 10_000);
      expect(graph.messagesTo(from).map((m) => m.text)).not.toContain('Still there?');
      await eventually(() =>
        expect(server.logs).toContainEqual(
          expect.objectContaining({
            msg: 'Messenger delivery failed',
            conversation: detail.conversationId,
            reason: 'Send API 500 (code 2): An unexpected error has occurred.',
          }),
        ),
      );
      graph.fail('window');
      await mira.call('send', { conversationId: detail.conversationId, id: 'r3', text: 'Hello?' });
      await eventually(() => expect(graph.calls.length).toBe(before + 4));
      await eventually(() =>
        expect(server.logs).toContainEqual(
          expect.objectContaining({
            msg: 'Messenger delivery failed',
            reason: expect.stringMatching(/subcode 2018278/),
          }),
        ),
      );
      // Each failure is recorded on the message itself and reaches the agent's console as that message
      // again, with its failed delivery; no extra note is added, and the visitor never gets one.
      const failures = {
        r2: 'Send API 500 (code 2): An unexpected error has occurred.',
        r3: 'Send API 400 (code 10, subcode 2018278): This message is sent outside of allowed window.',
      };
      const stored = await eventually(async () => {
        const all = await conversationOf(from);
        for (const [clientId, reason] of Object.entries(failures))
          expect(all.find((m) => m.clientId === clientId)?.delivery).toMatchObject({
            status: 'failed',
            reason,
          });
        return all;
      });
      expect(stored.find((m) => m.clientId === 'r1')?.delivery).toMatchObject({ status: 'sent' });
      expect(stored.some((m) => m.text.startsWith('Not delivered'))).toBe(false);
      const ids = Object.keys(failures).map((k) => stored.find((m) => m.clientId === k)?.id);
      await eventually(() =>
        expect(
          mira.messages
            .filter((m) => ids.includes(m.id) && m.delivery?.status === 'failed')
            .map((m) => m.delivery?.reason),
        ).toEqual(expect.arrayContaining(Object.values(failures))),
      );
      const reopened = (await mira.call('open', { conversationId: detail.conversationId })) as ChatDetail;
      expect(reopened.messages.filter((m) => m.delivery?.status === 'failed').map((m) => m.text)).toEqual([
        'Still there?',
        'Hello?',
      ]);
      expect(graph.calls.some((c) => c.body.message?.text?.startsWith('Not delivered'))).toBe(false);
      expect(JSON.stringify(server.logs)).not.toMatch(new RegExp(`${token}|${appSecret}|${verifyToken}`));

      // Resolved: the CSAT survey arrives as quick replies, and tapping one records the rating.
      await mira.call('resolve', { conversationId: detail.conversationId });
      const survey = await eventually(() => {
        const found = graph.messagesTo(from).find((m) => m.quick_replies?.length === 5);
        expect(found).toBeDefined();
        return found;
      });
      expect(survey?.quick_replies?.map((q) => q.payload)).toEqual([
        'csat:1',
        'csat:2',
        'csat:3',
        'csat:4',
        'csat:5',
      ]);
      const five = survey?.quick_replies?.[4];
      await say(server, from, 'ho-2', five?.title ?? '', { quick_reply: { payload: five?.payload } });
      await eventually(async () =>
        expect(await server.app.store.handoffs.latest(detail.conversationId)).toMatchObject({
          status: 'resolved',
          csat: { rating: 5 },
        }),
      );
    } finally {
      mira.close();
    }
  });
});
