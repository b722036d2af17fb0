import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  BotFrameworkPeer,
  channelMessage,
  personalMessage,
  postActivity,
  teamsUser,
  type TeamsUser,
} from '../helpers/bot-framework.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
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
});
