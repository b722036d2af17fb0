import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  BotFrameworkPeer,
  channelMessage,
  personalMessage,
  postActivity,
  teamsUser,
  type TeamsUser,
} from '../helpers/bot-framework.js';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { copyDemoContent, startTestServer, type TestServer } from '../helpers/server.js';
import { eventually } from '../helpers/eventually.js';

let peer: BotFrameworkPeer;
let server: TestServer;
let teamsUrl: string;

beforeAll(async () => {
  // A fresh peer (port, app id) per suite: botbuilder caches OpenID metadata per URL and tokens per app id.
  peer = await new BotFrameworkPeer().start();
  server = await startTestServer(
    { MICROSOFT_APP_ID: peer.appId, MICROSOFT_APP_PASSWORD: peer.appPassword, TEAMS_PORT: '0' },
    { overrides: { teamsEndpoints: peer.endpoints() } },
  );
  teamsUrl = server.app.teamsUrl ?? '';
});
afterAll(async () => {
  await server.stop();
  await peer.stop();
});

const send = async (activity: unknown) =>
  postActivity(teamsUrl, activity, `Bearer ${await peer.channelToken()}`);
const keyOf = (user: TeamsUser) => `${user.tenantId}/user/${user.aadObjectId}`;
const storedOf = async (visitorKey: string) => {
  const conversation = await server.app.store.conversations.find('teams', visitorKey);
  return conversation ? server.app.store.conversations.messages(conversation.id) : [];
};

describe('Microsoft Teams, end to end (signed activities in, a local Bot Connector out)', () => {
  it('answers an FAQ in English and in Turkish, typing first, as Teams Markdown replies to the activity', async () => {
    const en = teamsUser('Alex');
    const tr = teamsUser('Ayşe');
    const enActivity = personalMessage(peer, en, 'how do I reset my password');
    const trActivity = personalMessage(peer, tr, 'Siparişimi nasıl takip edebilirim?', { locale: 'tr-TR' });
    expect((await send(enActivity)).status).toBe(200);
    expect((await send(trActivity)).status).toBe(200);
    // The turn runs inside the request: the replies are at the connector before the 200.
    const enCalls = peer.calls.filter((c) => c.conversationId === enActivity.conversation.id);
    expect(enCalls.map((c) => c.body.type)).toEqual(['typing', 'message']);
    expect(enCalls.every((c) => c.replyToId === enActivity.id)).toBe(true);
    const [enAnswer] = peer.messagesTo(enActivity.conversation.id);
    const enStored = await storedOf(keyOf(en));
    expect(enStored.at(-1)?.meta).toMatchObject({ lang: 'en', articleId: 'reset-password' });
    expect(enAnswer).toMatchObject({ textFormat: 'markdown', text: enStored.at(-1)?.text });
    const trStored = await storedOf(keyOf(tr));
    expect(trStored.at(-1)?.meta).toMatchObject({ lang: 'tr', articleId: 'track-order' });
    expect(peer.messagesTo(trActivity.conversation.id)[0]?.text).toBe(trStored.at(-1)?.text);
  });

  it('answers in a channel only when mentioned, with the mention stripped, and keys the thread', async () => {
    const user = teamsUser('Kim');
    const thread = `${Date.now()}`;
    const quiet = channelMessage(peer, user, thread, 'how do I reset my password', false);
    expect((await send(quiet)).status).toBe(200);
    expect(peer.calls.filter((c) => c.conversationId === quiet.conversation.id)).toEqual([]);
    const asked = channelMessage(peer, user, thread, 'how do I reset my password');
    expect((await send(asked)).status).toBe(200);
    const stored = await storedOf(`${user.tenantId}/thread/${asked.conversation.id}`);
    expect(stored.map((m) => [m.role, m.role === 'visitor' ? m.text : m.meta.articleId])).toEqual([
      ['visitor', 'how do I reset my password'],
      ['bot', 'reset-password'],
    ]);
    expect(peer.messagesTo(asked.conversation.id)).toHaveLength(1);
  });

  it('answers a redelivered activity once', async () => {
    const user = teamsUser();
    const activity = personalMessage(peer, user, 'what payment methods do you accept');
    expect((await send(activity)).status).toBe(200);
    expect((await send(activity)).status).toBe(200);
    expect(peer.messagesTo(activity.conversation.id)).toHaveLength(1);
    expect((await storedOf(keyOf(user))).filter((m) => m.role === 'visitor')).toHaveLength(1);
  });

  it('sends the replies again when the connector refused them and redelivers the activity; only those', async () => {
    const user = teamsUser();
    const activity = personalMessage(peer, user, 'what payment methods do you accept');
    const id = activity.conversation.id;
    // The typing indicator goes; every reply is refused (botbuilder retries some itself).
    peer.fail(id, 200, ...Array.from({ length: 20 }, () => 503 as const));
    const first = await send(activity);
    expect(first.status).toBe(500);
    expect(peer.messagesTo(id)).toHaveLength(0);
    const stored = await storedOf(keyOf(user));
    expect(stored.map((m) => [m.role, m.delivery?.status ?? null])).toEqual([
      ['visitor', null],
      ['bot', 'failed'],
    ]);
    peer.clearFailures(id);
    // The connector's redelivery: stored once, and the reply goes now.
    expect((await send(activity)).status).toBe(200);
    const sent = peer.messagesTo(id);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.text).toBe(stored[1]?.text);
    expect((await storedOf(keyOf(user))).map((m) => [m.role, m.delivery?.status ?? null])).toEqual([
      ['visitor', null],
      ['bot', 'sent'],
    ]);
    // A third delivery of the same activity sends nothing again.
    expect((await send(activity)).status).toBe(200);
    expect(peer.messagesTo(id)).toHaveLength(1);
  });

  it('answers a redelivered activity once also after a restart (the activity id is stored)', async () => {
    const env = { MICROSOFT_APP_ID: peer.appId, MICROSOFT_APP_PASSWORD: peer.appPassword, TEAMS_PORT: '0' };
    const own = await startTestServer(env, { overrides: { teamsEndpoints: peer.endpoints() } });
    const user = teamsUser();
    const activity = personalMessage(peer, user, 'how do I reset my password');
    expect(
      (await postActivity(own.app.teamsUrl ?? '', activity, `Bearer ${await peer.channelToken()}`)).status,
    ).toBe(200);
    await own.app.close();
    const again = await startTestServer(env, {
      dataDir: own.dataDir,
      contentDir: own.contentDir,
      overrides: { teamsEndpoints: peer.endpoints() },
    });
    try {
      const retried = await postActivity(
        again.app.teamsUrl ?? '',
        activity,
        `Bearer ${await peer.channelToken()}`,
      );
      expect(retried.status).toBe(200);
      expect(peer.messagesTo(activity.conversation.id)).toHaveLength(1);
      const conversation = await again.app.store.conversations.find('teams', keyOf(user));
      const stored = await again.app.store.conversations.messages(conversation?.id ?? '');
      expect(stored.filter((m) => m.role === 'visitor').map((m) => m.clientId)).toEqual([activity.id]);
    } finally {
      await again.stop();
      rmSync(own.dataDir, { recursive: true, force: true });
      rmSync(own.contentDir, { recursive: true, force: true });
    }
  });

  it('refuses every bad token with 401 and stores nothing', async () => {
    const user = teamsUser();
    const activity = personalMessage(peer, user, 'how do I reset my password');
    const bad: Array<[string, string | null]> = [
      ['missing header', null],
      ['garbage', 'Bearer not-a-jwt'],
      ['bad signature', `Bearer ${await peer.channelToken({ forged: true })}`],
      ['expired over 6 minutes ago', `Bearer ${await peer.channelToken({ expiresIn: -6 * 60 - 30 })}`],
      ['wrong audience', `Bearer ${await peer.channelToken({ audience: 'another-app' })}`],
      ['wrong issuer', `Bearer ${await peer.channelToken({ issuer: 'https://sts.windows.net/evil/' })}`],
      [
        'serviceurl mismatch',
        `Bearer ${await peer.channelToken({ serviceUrl: 'https://elsewhere.example/' })}`,
      ],
      ['lowercase bearer', `bearer ${await peer.channelToken()}`],
    ];
    for (const [why, header] of bad) {
      const res = await postActivity(teamsUrl, activity, header);
      expect([why, res.status]).toEqual([why, 401]);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('BOT_TOKEN_INVALID');
    }
    expect(await server.app.store.conversations.find('teams', keyOf(user))).toBeNull();
    expect(await server.app.store.channelAddresses.get('teams', keyOf(user))).toBeNull();
    expect(peer.calls.some((c) => c.conversationId === activity.conversation.id)).toBe(false);
    // The same activity with a good token goes through.
    expect((await send(activity)).status).toBe(200);
    await eventually(() => expect(peer.messagesTo(activity.conversation.id)).toHaveLength(1));
  });

  it('offers a clarify as buttons; pressing one (messageBack with the postback) answers it', async () => {
    const contentDir = copyDemoContent();
    writeFileSync(path.join(contentDir, 'kb', 'config.yml'), 'clarifyMargin: 1\n');
    const own = await startTestServer(
      { MICROSOFT_APP_ID: peer.appId, MICROSOFT_APP_PASSWORD: peer.appPassword, TEAMS_PORT: '0' },
      { contentDir, overrides: { teamsEndpoints: peer.endpoints() } },
    );
    try {
      const user = teamsUser();
      const asked = personalMessage(peer, user, 'refund return');
      const token = `Bearer ${await peer.channelToken()}`;
      expect((await postActivity(own.app.teamsUrl ?? '', asked, token)).status).toBe(200);
      const [clarify] = peer.messagesTo(asked.conversation.id);
      expect(clarify?.text).toBe('These articles may help:');
      const buttons = clarify?.attachments?.[0]?.content.buttons ?? [];
      expect(clarify?.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.hero');
      expect(buttons.map((b) => [b.type, b.title, b.value.postback])).toEqual([
        ['messageBack', 'When will I get my refund?', 'article:refund-timing'],
        ['messageBack', 'How do I return an item?', 'article:return-an-item'],
        ['messageBack', 'None of these', 'offer:none'],
      ]);
      // Teams sends a pressed messageBack button as a message with the button's text and value.
      const pressed = personalMessage(peer, user, buttons[1]?.title, { value: buttons[1]?.value });
      expect((await postActivity(own.app.teamsUrl ?? '', pressed, token)).status).toBe(200);
      const conversation = await own.app.store.conversations.find('teams', keyOf(user));
      const stored = await own.app.store.conversations.messages(conversation?.id ?? '');
      expect(stored.find((m) => m.clientId === pressed.id)?.meta.postback).toBe('article:return-an-item');
      expect(stored.at(-1)?.meta).toMatchObject({ articleId: 'return-an-item' });
      expect(peer.messagesTo(asked.conversation.id).at(-1)?.text).toBe(stored.at(-1)?.text);
    } finally {
      await own.stop();
      rmSync(contentDir, { recursive: true, force: true });
    }
  });

  it('welcomes a user who adds the bot to a personal chat, in their language, once; not in channels', async () => {
    const user = teamsUser();
    const base = personalMessage(peer, user, undefined, { locale: 'tr-TR' });
    const added = { ...base, type: 'conversationUpdate', membersAdded: [base.recipient, { id: user.id }] };
    expect((await send(added)).status).toBe(200);
    expect((await send(added)).status).toBe(200);
    const welcome = peer.messagesTo(base.conversation.id);
    expect(welcome).toHaveLength(1);
    expect(welcome[0]?.text).toMatch(/^Merhaba! Ben Lumen & Oak asistanıyım/);
    const inChannel = {
      ...channelMessage(peer, user, `w${Date.now()}`, 'x'),
      type: 'conversationUpdate',
      membersAdded: [{ id: `28:${peer.appId}` }],
    };
    expect((await send(inChannel)).status).toBe(200);
    expect(peer.calls.some((c) => c.conversationId === inChannel.conversation.id)).toBe(false);
  });

  it('acknowledges unknown activity types and invokes with 200; refuses a body that is not an activity with 400', async () => {
    const user = teamsUser();
    const reaction = {
      ...personalMessage(peer, user, undefined),
      type: 'messageReaction',
      reactionsAdded: [{ type: 'like' }],
    };
    expect((await send(reaction)).status).toBe(200);
    const invoke = {
      ...personalMessage(peer, user, undefined),
      type: 'invoke',
      name: 'task/fetch',
      value: {},
    };
    expect((await send(invoke)).status).toBe(200);
    expect(await server.app.store.conversations.find('teams', keyOf(user))).toBeNull();
    const garbage = await postActivity(teamsUrl, { hello: 'world' }, `Bearer ${await peer.channelToken()}`);
    expect(garbage.status).toBe(400);
    expect(((await garbage.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_INVALID');
    const notJson = await fetch(`${teamsUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await peer.channelToken()}` },
      body: '{"type":',
    });
    expect(notJson.status).toBe(400);
  });

  it('refuses with 400, storing nothing and logging no error, an activity whose fields have the wrong types', async () => {
    const user = teamsUser();
    const logsBefore = server.logs.length;
    const base = personalMessage(peer, user, 'What are your opening hours?') as Record<string, unknown>;
    const welcome = { ...personalMessage(peer, user, undefined), type: 'conversationUpdate' };
    const malformed: Array<Record<string, unknown>> = [
      { ...base, text: 5 },
      { ...base, text: { a: 1 } },
      { ...base, text: '', attachments: [{}] },
      { ...base, text: '', attachments: [null] },
      { ...base, text: '', attachments: 'x' },
      { ...base, text: '', attachments: [{ contentType: 5 }] },
      { ...base, entities: [null] },
      { ...base, entities: 'x' },
      { ...base, entities: [{ type: 'mention' }] },
      { ...base, entities: [{ type: 'Mention' }] },
      { ...base, entities: null },
      {
        ...base,
        text: null,
        entities: [{ type: 'mention', mentioned: base['recipient'], text: '<at>Bot</at>' }],
      },
      { ...welcome, membersAdded: 'x' },
      { ...welcome, membersAdded: [null] },
      { ...base, from: { ...(base['from'] as object), name: 5 } },
      { ...base, recipient: { ...(base['recipient'] as object), name: [] } },
      { ...base, conversation: { ...(base['conversation'] as object), isGroup: 'x' } },
    ];
    for (const activity of malformed) {
      const res = await send(activity);
      expect({ activity, status: res.status }).toEqual({ activity, status: 400 });
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_INVALID');
    }
    expect(await server.app.store.conversations.find('teams', keyOf(user))).toBeNull();
    expect(server.logs.slice(logsBefore).filter((l) => Number(l['level']) >= 50)).toEqual([]);
    // The same activity with its fields right is answered, null names included.
    const named = {
      ...base,
      from: { ...(base['from'] as object), name: null },
      recipient: { ...(base['recipient'] as object), name: null },
    };
    expect((await send(named)).status).toBe(200);
    expect((await storedOf(keyOf(user))).map((m) => m.role)).toEqual(['visitor', 'bot']);
  });

  it('answers a file without text, and a text over MAX_MESSAGE_LENGTH, with a notice and the person button, storing nothing', async () => {
    const user = teamsUser();
    const file = personalMessage(peer, user, undefined, {
      attachments: [{ contentType: 'application/vnd.microsoft.teams.file.download.info', name: 'a.pdf' }],
    });
    expect((await send(file)).status).toBe(200);
    const long = personalMessage(peer, user, 'Hei '.repeat(700).trim());
    expect((await send(long)).status).toBe(200);
    expect((await send(long)).status).toBe(200);
    const notices = peer.messagesTo(file.conversation.id);
    expect(notices.map((n) => n.text)).toEqual([
      'I can only read text messages for now. Please type your question, or talk to a person.',
      'Your message is too long (2799 characters; the limit is 2000).',
    ]);
    expect(notices.map((n) => n.attachments?.[0]?.content.buttons?.[0]?.value.postback)).toEqual([
      'handoff:request',
      'handoff:request',
    ]);
    expect(await server.app.store.conversations.find('teams', keyOf(user))).toBeNull();
    expect(await server.app.store.channelAddresses.get('teams', keyOf(user))).toBeNull();
  });
});
