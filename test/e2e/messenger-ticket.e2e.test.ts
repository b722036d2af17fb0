import type { Ticket } from '../../tickets/types.js';
import type { StoredMessage } from '../../conversation/types.js';
import { GraphApiPeer, pageEvent, postWebhook } from '../helpers/graph-api.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { addAgent, login } from '../helpers/agent-client.js';
import { eventually } from '../helpers/eventually.js';

const token = 'EAAG-test-page-token-0123456789';
const appSecret = 'test-app-secret-0123456789';

let graph: GraphApiPeer;
let server: TestServer;
beforeAll(async () => {
  graph = await new GraphApiPeer(token, appSecret).start();
  server = await startTestServer({
    MESSENGER_PAGE_ACCESS_TOKEN: token,
    MESSENGER_APP_SECRET: appSecret,
    MESSENGER_VERIFY_TOKEN: 'verify-token-42',
    MESSENGER_GRAPH_URL: graph.url,
  });
});
afterAll(async () => {
  await server.stop();
  await graph.stop();
});

const from = 'PSID-TICKET-1';
let turns = 0;

/** One visitor message over the webhook; resolves with the bot's stored replies to it. */
async function turn(text: string, payload?: string, count = 1): Promise<StoredMessage[]> {
  const mid = `t-${++turns}`;
  const message = { mid, text, ...(payload ? { quick_reply: { payload } } : {}) };
  expect((await postWebhook(server.url, appSecret, pageEvent(from, { message }))).status).toBe(200);
  return eventually(async () => {
    const c = await server.app.store.conversations.find('messenger', from);
    const all = await server.app.store.conversations.messages(c?.id ?? '');
    const mine = all.find((m) => m.clientId === mid);
    expect(mine).toBeDefined();
    const replies = all.filter((m) => m.meta.replyTo !== undefined && m.meta.replyTo === mine?.id);
    expect(replies.length).toBeGreaterThanOrEqual(count);
    return replies;
  });
}

describe('Messenger: the ticket form, a console reply and the rating', () => {
  it('fills the form (a bad email re-asked), files a ticket, delivers the agent’s reply and the CSAT', async () => {
    await turn('blorp zxqv wibble');
    const missed = await turn('qwerty asdf zxcv', undefined, 2);
    // Two misses: the bot offers a person (nobody is online, so the ticket form) as a quick reply.
    const person = missed.at(-1)?.meta.choices?.find((c) => c.postback === 'handoff:failures');
    expect(person).toBeDefined();
    const offer = await turn(person?.label ?? '', person?.postback);
    expect(offer.at(-1)?.text).toMatch(/Which email address/);
    const [again] = await turn('jane@example');
    expect(again?.text).toMatch(/name@example\.com/);
    await turn('jane@example.com');
    await turn('2');
    await turn('My parcel is stuck in customs since last week.');
    const [filed] = await turn("Yes, that's right");
    expect(filed?.meta.event).toBe('ticket');
    const number = /ticket (FD-\d+)/.exec(filed?.text ?? '')?.[1] ?? '';
    await eventually(() =>
      expect(graph.messagesTo(from).some((m) => m.text?.includes(`ticket ${number}`))).toBe(true),
    );
    const sent = graph.messagesTo(from);
    expect(sent.some((m) => /name@example\.com/.test(m.text ?? ''))).toBe(true);
    const confirm = sent.find((m) => /Is this right\?$/.test(m.text ?? ''));
    expect(confirm?.text).toContain('• Email: jane@example.com');
    expect(confirm?.quick_replies?.length).toBeGreaterThan(1);

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
    await eventually(() =>
      expect(
        graph.messagesTo(from).some((m) => m.text?.includes('Good news: the parcel cleared customs today.')),
      ).toBe(true),
    );
    await eventually(async () => {
      const t = (await call('GET', `/tickets/${number}`)).json as unknown as Ticket;
      expect(t.comments[0]?.delivery).toMatchObject({ chat: true });
      expect(t).toMatchObject({
        channel: 'messenger',
        requester: { email: 'jane@example.com', channelId: from },
      });
    });

    // Meta refuses the next reply: the comment's delivery and the message in the chat both say why.
    graph.fail('window');
    const refused = 'A second update that Meta refuses.';
    expect(
      (await call('POST', `/tickets/${number}/comments`, { body: refused, internal: false })).status,
    ).toBe(201);
    const reason = 'Send API 400 (code 10, subcode 2018278): This message is sent outside of allowed window.';
    await eventually(async () => {
      const t = (await call('GET', `/tickets/${number}`)).json as unknown as Ticket;
      expect(t.comments[1]?.delivery).toMatchObject({ chat: false, chatError: reason });
    });
    const conversation = await server.app.store.conversations.find('messenger', from);
    const chat = await server.app.store.conversations.messages(conversation?.id ?? '');
    expect(chat.find((m) => m.text.includes(refused))?.delivery).toMatchObject({ status: 'failed', reason });
    expect(chat.find((m) => m.text.includes('cleared customs'))?.delivery).toMatchObject({ status: 'sent' });

    expect((await call('PATCH', `/tickets/${number}`, { status: 'solved' })).status).toBe(200);
    const survey = await eventually(() => {
      const found = graph
        .messagesTo(from)
        .find((m) => m.quick_replies?.length === 5 && m.quick_replies[0]?.payload.startsWith('csat:'));
      expect(found).toBeDefined();
      return found;
    });
    expect(survey?.text).toMatch(/has been marked as solved/);
    const four = survey?.quick_replies?.[3];
    expect(four?.payload).toMatch(/^csat:4:/);
    await turn(four?.title ?? '', four?.payload);
    await eventually(async () => {
      const t = (await call('GET', `/tickets/${number}`)).json as unknown as Ticket & {
        csat?: { rating: number };
      };
      expect(t.csat).toMatchObject({ rating: 4 });
    });
  });
});
