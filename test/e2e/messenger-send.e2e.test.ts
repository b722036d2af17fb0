import { GraphApiPeer } from '../helpers/graph-api.js';
import { GraphClient } from '../../channels/messenger/graph-client.js';
import { messengerAdapter } from '../../channels/messenger/adapter.js';
import { attachMessenger } from '../../channels/messenger/messenger.js';
import type { Conversation, Role, StoredMessage } from '../../conversation/types.js';

const token = 'EAAG-test-page-token-0123456789';
const appSecret = 'test-app-secret-0123456789';
const hour = 3600 * 1000;
const now = Date.parse('2026-12-03T12:00:00Z');

let graph: GraphApiPeer;
beforeAll(async () => {
  graph = await new GraphApiPeer(token, appSecret).start();
});
afterAll(() => graph.stop());

const conversation: Conversation = {
  id: 'c1',
  channel: 'messenger',
  visitorKey: 'PSID-1',
  lang: 'en',
  state: { failures: 0 },
  createdAt: new Date(now).toISOString(),
  updatedAt: new Date(now).toISOString(),
};
const msg = (role: Role, text: string): StoredMessage => ({
  id: `m-${text}`,
  conversationId: 'c1',
  seq: 2,
  role,
  text,
  clientId: null,
  meta: {},
  createdAt: new Date(now).toISOString(),
});

function adapter(lastVisitorHoursAgo: number | null, secret = appSecret) {
  const client = new GraphClient({
    graphUrl: graph.url,
    graphVersion: 'v25.0',
    pageAccessToken: token,
    appSecret: secret,
    baseDelayMs: 5,
  });
  return messengerAdapter({
    client,
    now: () => now,
    lastVisitorMessageAt: async () =>
      lastVisitorHoursAgo === null ? null : new Date(now - lastVisitorHoursAgo * hour).toISOString(),
  });
}

describe('Messenger Send API delivery (against the local Graph API)', () => {
  it('replies as RESPONSE within 24 h, tags agent replies HUMAN_AGENT up to 7 days, refuses the rest', async () => {
    const before = graph.calls.length;
    expect(await adapter(1).deliver(conversation, [msg('bot', 'within a day')])).toEqual({ ok: true });
    expect(await adapter(48).deliver(conversation, [msg('agent', 'two days later')])).toEqual({ ok: true });
    const late = await adapter(48).deliver(conversation, [msg('system', 'ticket update')]);
    expect(late).toMatchObject({ ok: false, error: expect.stringMatching(/24-hour window/) });
    const tooLate = await adapter(8 * 24).deliver(conversation, [msg('agent', 'eight days later')]);
    expect(tooLate).toMatchObject({ ok: false, error: expect.stringMatching(/7 days/) });
    expect(
      graph.calls.slice(before).map((c) => [c.body.messaging_type, c.body.tag, c.body.message?.text]),
    ).toEqual([
      ['RESPONSE', undefined, 'within a day'],
      ['MESSAGE_TAG', 'HUMAN_AGENT', 'two days later'],
    ]);
  });

  it('retries 5xx and 429 (bounded) and returns Meta’s reason, never the token', async () => {
    const before = graph.calls.length;
    graph.fail(500, 429);
    expect(await adapter(1).deliver(conversation, [msg('agent', 'third time lucky')])).toEqual({ ok: true });
    expect(graph.calls.length).toBe(before + 3);
    graph.fail(500, 500, 500);
    const down = await adapter(1).deliver(conversation, [msg('agent', 'never arrives')]);
    expect(down).toEqual({ ok: false, error: 'Send API 500 (code 2): An unexpected error has occurred.' });
    expect(graph.calls.length).toBe(before + 6);
    graph.fail('window');
    const window = await adapter(1).deliver(conversation, [msg('agent', 'refused')]);
    expect(window).toEqual({
      ok: false,
      error: 'Send API 400 (code 10, subcode 2018278): This message is sent outside of allowed window.',
    });
    expect(graph.calls.length).toBe(before + 7);
    const wrongProof = await adapter(1, 'not-the-app-secret-000').deliver(conversation, [msg('bot', 'x')]);
    expect(wrongProof).toMatchObject({ ok: false, error: expect.stringMatching(/code 190/) });
    expect(JSON.stringify([down, window, wrongProof])).not.toContain(token);
  });

  it('finds the visitor’s last message behind a long run of agent messages (the window is still open)', async () => {
    const at = new Date().toISOString();
    const history: StoredMessage[] = [
      { ...msg('visitor', 'hello'), createdAt: at, seq: 1 },
      ...Array.from({ length: 60 }, (_, i) => ({ ...msg('agent', `line ${i}`), seq: i + 2 })),
    ];
    const { adapter: wired } = attachMessenger({
      settings: {
        graphUrl: graph.url,
        graphVersion: 'v25.0',
        pageAccessToken: token,
        appSecret,
        verifyToken: 'verify-token-42',
      },
      bot: { handleTurn: async () => Promise.reject(new Error('not used')) },
      conversations: {
        find: async () => conversation,
        messages: async (_id, options) => (options?.limit ? history.slice(-options.limit) : history),
      },
      translator: { t: (key) => key },
      defaultLang: 'en',
      maxMessageLength: 2000,
      log: { info: () => undefined, warn: () => undefined, error: () => undefined },
      personPostback: 'handoff:request',
    });
    expect(await wired.deliver(conversation, [msg('agent', 'after sixty lines')])).toEqual({ ok: true });
    expect(graph.calls.at(-1)?.body).toMatchObject({
      messaging_type: 'RESPONSE',
      message: { text: 'after sixty lines' },
    });
  });
});
