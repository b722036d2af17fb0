import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { AgentClient, addAgent } from '../helpers/agent-client.js';
import { ChatClient, waitFor } from '../helpers/chat-client.js';
import { cancelOpenHandoffs } from '../helpers/desk.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/** One server per set of settings, shared by the tests that use the same; each test has its own agent and visitor. */
const servers = new Map<string, TestServer>();
const open: Array<{ close(): void }> = [];
afterEach(async () => {
  for (const c of open.splice(0)) c.close();
  for (const s of servers.values()) await cancelOpenHandoffs(s);
});
afterAll(async () => {
  for (const s of servers.values()) await s.stop();
});

const setUp = async (env: Record<string, string>) => {
  const key = JSON.stringify(env);
  const server = servers.get(key) ?? (await startTestServer(env));
  servers.set(key, server);
  const agent = await AgentClient.signIn(server, await addAgent(server, { name: 'Aino', languages: ['en'] }));
  const visitor = new ChatClient(server.url);
  open.push(agent, visitor);
  await visitor.session();
  return { agent, visitor };
};

describe('what hands a chat to a person, besides asking', () => {
  it('two unanswered questions in a row (HANDOFF_AFTER_FAILURES=2) offer a person; picking it hands off', async () => {
    const { agent, visitor } = await setUp({});
    const [first] = await visitor.ask('blorp zxqv');
    expect(first?.event).toBe('unresolved');
    const replies = await visitor.ask('qwerty asdf zxcv', 'f2', 2);
    expect(replies.map((r) => r.event)).toEqual(['unresolved', 'handoff']);
    expect(agent.offers.some((o) => o.reason === 'failures')).toBe(false);
    const person = replies[1]?.choices?.[0];
    expect(person?.value).toBe('handoff:failures');
    await visitor.pick(person?.label ?? '', person?.value ?? '');
    await waitFor(() => agent.offers.some((o) => o.reason === 'failures'), 'offer');
  });

  it('an article marked handoff: true (the demo "How can I talk to a person?")', async () => {
    const { agent, visitor } = await setUp({});
    const replies = await visitor.ask('how can I reach your support team', 'a1', 2);
    expect(replies.map((r) => [r.articleId, r.event])).toEqual([
      ['contact-us', null],
      [null, 'handoff'],
    ]);
    await waitFor(() => agent.offers.some((o) => o.reason === 'article'), 'offer');
  });

  it('strongly negative sentiment, when switched on (HANDOFF_NEGATIVE_SENTIMENT=-0.3)', async () => {
    const { agent, visitor } = await setUp({
      HANDOFF_NEGATIVE_SENTIMENT: '-0.3',
      HANDOFF_AFTER_FAILURES: '0',
    });
    await visitor.ask('where is my parcel');
    const replies = await visitor.ask('this is terrible, the worst service ever, I am furious', 's1', 2);
    expect(replies.at(-1)?.event).toBe('handoff');
    await waitFor(() => agent.offers.some((o) => o.reason === 'sentiment'), 'offer');
  });

  it('the same message does not hand off when sentiment is off (the default)', async () => {
    const { agent, visitor } = await setUp({ HANDOFF_AFTER_FAILURES: '0' });
    const [reply] = await visitor.ask('this is terrible, the worst service ever, I am furious');
    expect(reply?.event).not.toBe('handoff');
    await new Promise((r) => setTimeout(r, 200));
    expect(agent.offers).toEqual([]);
  });
});
