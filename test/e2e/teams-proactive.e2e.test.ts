import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Ticket } from '../../tickets/types.js';
import type { StoredMessage } from '../../conversation/types.js';
import type { ChatDetail } from '../../channels/web/agent-events.js';
import {
  BotFrameworkPeer,
  channelMessage,
  personalMessage,
  postActivity,
  teamsUser,
  type ConnectorCall,
} from '../helpers/bot-framework.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { AgentClient, addAgent, login } from '../helpers/agent-client.js';
import { eventually } from '../helpers/eventually.js';

let peer: BotFrameworkPeer;
let server: TestServer;

beforeAll(async () => {
  peer = await new BotFrameworkPeer().start();
  server = await startTestServer(
    { MICROSOFT_APP_ID: peer.appId, MICROSOFT_APP_PASSWORD: peer.appPassword, TEAMS_PORT: '0' },
    { overrides: { teamsEndpoints: peer.endpoints() } },
  );
});
afterAll(async () => {
  await server.stop();
  await peer.stop();
});

type Button = NonNullable<
  NonNullable<ConnectorCall['body']['attachments']>[number]['content']['buttons']
>[number];

/** A Teams user's side of a personal chat: what they type or press, and what the connector got for them. */
function chat(name: string) {
  const user = teamsUser(name);
  const conversationId = personalMessage(peer, user, '').conversation.id;
  const visitorKey = `${user.tenantId}/user/${user.aadObjectId}`;
  return {
    user,
    visitorKey,
    conversationId,
    received: () => peer.messagesTo(conversationId),
    buttons: (message: ConnectorCall['body'] | undefined): Button[] =>
      message?.attachments?.[0]?.content.buttons ?? [],
    /** Sends text (or presses a button) and resolves with the bot's stored replies to it. */
    async say(text: string, button?: Button, count = 1): Promise<StoredMessage[]> {
      const activity = button
        ? personalMessage(peer, user, button.title, { value: button.value })
        : personalMessage(peer, user, text);
      const res = await postActivity(
        server.app.teamsUrl ?? '',
        activity,
        `Bearer ${await peer.channelToken()}`,
      );
      expect(res.status).toBe(200);
      const conversation = await server.app.store.conversations.find('teams', visitorKey);
      const all = await server.app.store.conversations.messages(conversation?.id ?? '');
      const mine = all.find((m) => m.clientId === activity.id);
      const replies = all.filter((m) => m.meta.replyTo !== undefined && m.meta.replyTo === mine?.id);
      expect(replies.length).toBeGreaterThanOrEqual(count);
      return replies;
    },
  };
}

describe('Teams: proactive messages (handoff, ticket updates, CSAT) through the stored conversation reference', () => {
  it('hands off; the agent’s reply arrives proactively; a removed bot (403) and a gone chat (404) are failed deliveries the agent sees', async () => {
    const agent = await addAgent(server, { name: 'Mira', languages: ['en'] });
    const mira = await AgentClient.signIn(server, agent);
    try {
      const visitor = chat('Jon');
      await visitor.say('I want to talk to a person');
      await eventually(() => expect(mira.offers.length).toBeGreaterThan(0));
      const offer = mira.offers.at(-1);
      const detail = (await mira.call('claim', { handoffId: offer?.handoffId ?? '' })) as ChatDetail;
      expect(detail.channel).toBe('teams');
      await mira.call('send', {
        conversationId: detail.conversationId,
        id: 'r1',
        text: 'Hi, **Mira** here.',
      });
      await eventually(() =>
        expect(visitor.received().map((m) => m.text)).toContain('**Mira:** Hi, **Mira** here.'),
      );
      // Proactive: a new activity in the conversation, not a reply to one of the user's.
      const proactive = peer.calls.find((c) => c.body.text === '**Mira:** Hi, **Mira** here.');
      expect(proactive?.conversationId).toBe(visitor.conversationId);

      peer.fail(visitor.conversationId, 403);
      await mira.call('send', { conversationId: detail.conversationId, id: 'r2', text: 'Still there?' });
      peer.fail(visitor.conversationId, 404);
      await mira.call('send', { conversationId: detail.conversationId, id: 'r3', text: 'Hello?' });
      // Each failure is recorded on the agent's message, with Teams' reason, and reaches the console.
      const deliveryOf = (text: string) =>
        mira.messages.filter((m) => m.text === text && m.delivery).at(-1)?.delivery;
      await eventually(() => {
        expect(deliveryOf('Still there?')).toMatchObject({
          status: 'failed',
          reason: 'Teams refused the message (403): the bot was removed from the chat or blocked',
        });
        expect(deliveryOf('Hello?')).toMatchObject({
          status: 'failed',
          reason: 'Teams has no such conversation (404): the chat or thread is gone',
        });
      });
      expect(visitor.received().map((m) => m.text)).not.toContain('**Mira:** Still there?');
      expect(JSON.stringify(server.logs)).not.toContain(peer.appPassword);

      // Resolved: the CSAT survey arrives as five buttons; pressing one records the rating.
      await mira.call('resolve', { conversationId: detail.conversationId });
      const survey = await eventually(() => {
        const found = visitor.received().find((m) => visitor.buttons(m).length === 5);
        expect(found).toBeDefined();
        return found;
      });
      const buttons = visitor.buttons(survey);
      expect(buttons.map((b) => b.value.postback)).toEqual([
        'csat:1',
        'csat:2',
        'csat:3',
        'csat:4',
        'csat:5',
      ]);
      await visitor.say('', buttons[4]);
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

  it('fills the ticket form with buttons, files a ticket, and delivers the console’s reply and the solved survey proactively', async () => {
    const visitor = chat('Jane');
    await visitor.say('blorp zxqv wibble');
    await visitor.say('qwerty asdf zxcv', undefined, 2);
    // Two misses: the bot offers a person (nobody is online, so the ticket form) as a button.
    const person = visitor
      .buttons(visitor.received().at(-1))
      .find((b) => b.value.postback === 'handoff:failures');
    expect(person).toBeDefined();
    const offer = await visitor.say(person?.title ?? '', person);
    expect(offer.at(-1)?.text).toMatch(/Which email address/);
    const [again] = await visitor.say('jane@example');
    expect(again?.text).toMatch(/name@example\.com/);
    const [category] = await visitor.say('jane@example.com');
    const categoryButtons = visitor.buttons(visitor.received().at(-1));
    expect(categoryButtons.map((b) => b.value.postback)).toEqual(
      (category?.meta.choices ?? []).map((c) => c.postback),
    );
    await visitor.say('', categoryButtons[1]);
    await visitor.say('My parcel is stuck in customs since last week.');
    const confirm = visitor
      .buttons(visitor.received().at(-1))
      .find((b) => b.value.postback === 'form:confirm');
    expect(confirm).toBeDefined();
    const [filed] = await visitor.say('', confirm);
    expect(filed?.meta.event).toBe('ticket');
    const number = /ticket (FD-\d+)/.exec(filed?.text ?? '')?.[1] ?? '';
    expect(visitor.received().at(-1)?.text).toContain(`ticket ${number}`);

    const agent = await addAgent(server, { name: 'Aino', languages: ['en'] });
    const cookie = await login(server.url, agent.email);
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${server.url}/console/api${path}`, {
        method,
        headers: { cookie, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    };
    const reply = 'Good news: the parcel **cleared customs** today.';
    expect((await call('POST', `/tickets/${number}/comments`, { body: reply, internal: false })).status).toBe(
      201,
    );
    await eventually(() => expect(visitor.received().some((m) => m.text?.includes(reply))).toBe(true));
    await eventually(async () => {
      const t = (await call('GET', `/tickets/${number}`)).json as unknown as Ticket;
      expect(t.comments[0]?.delivery).toMatchObject({ chat: true });
      expect(t).toMatchObject({ channel: 'teams' });
    });

    expect((await call('PATCH', `/tickets/${number}`, { status: 'solved' })).status).toBe(200);
    const survey = await eventually(() => {
      const found = visitor.received().find((m) => /has been marked as solved/.test(m.text ?? ''));
      expect(found).toBeDefined();
      return found;
    });
    const four = visitor.buttons(survey)[3];
    expect(four?.value.postback).toMatch(/^csat:4:/);
    await visitor.say('', four);
    await eventually(async () => {
      const t = (await call('GET', `/tickets/${number}`)).json as unknown as Ticket & {
        csat?: { rating: number };
      };
      expect(t.csat).toMatchObject({ rating: 4 });
    });
  });

  it('in a channel, the thread is the conversation: an agent’s reply goes to that thread', async () => {
    const agent = await addAgent(server, { name: 'Oskar', languages: ['en'] });
    const oskar = await AgentClient.signIn(server, agent);
    try {
      const user = teamsUser('Lee');
      const asked = channelMessage(peer, user, `t${Date.now()}`, 'I want to talk to a person');
      const res = await postActivity(server.app.teamsUrl ?? '', asked, `Bearer ${await peer.channelToken()}`);
      expect(res.status).toBe(200);
      await eventually(() => expect(oskar.offers.length).toBeGreaterThan(0));
      const detail = (await oskar.call('claim', {
        handoffId: oskar.offers.at(-1)?.handoffId ?? '',
      })) as ChatDetail;
      await oskar.call('send', { conversationId: detail.conversationId, id: 'c1', text: 'Looking into it.' });
      await eventually(() =>
        expect(peer.messagesTo(asked.conversation.id).map((m) => m.text)).toContain(
          '**Oskar:** Looking into it.',
        ),
      );
      const conversation = await server.app.store.conversations.get(detail.conversationId);
      expect(conversation?.visitorKey).toBe(`${user.tenantId}/thread/${asked.conversation.id}`);
    } finally {
      oskar.close();
    }
  });
});
