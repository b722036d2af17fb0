/**
 * What an agent sees (issue 19, agent items): the articles the bot tried, with their confidence, also when
 * it answered nothing; the form values under their forms' labels; the other agents for transfers, kept
 * live as they sign in and out.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ChatDetail } from '../../channels/web/agent-events.js';
import { AgentClient, addAgent } from '../helpers/agent-client.js';
import { ChatClient, waitFor } from '../helpers/chat-client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
const open: Array<{ close(): void }> = [];
beforeAll(async () => {
  server = await startTestServer({ HANDOFF_AFTER_FAILURES: '0' });
});
afterAll(async () => {
  for (const c of open) c.close();
  await server.stop();
});

describe('the chat an agent opens', () => {
  it('lists the articles the bot tried with their confidence, also for questions it could not answer', async () => {
    const agent = await addAgent(server, { name: 'Aino', languages: ['en'] });
    const aino = await AgentClient.signIn(server, agent);
    open.push(aino);
    const v = new ChatClient(server.url, {});
    open.push(v);
    await v.session();
    const [answer] = await v.ask('how do I reset my password');
    expect(answer?.articleId).toBe('reset-password');
    const [unresolved] = await v.ask('blorp zxqv wibble');
    expect(unresolved?.event).toBe('unresolved');
    await v.ask('I want to talk to a person');
    await waitFor(() => aino.offers.length > 0, 'offer');
    const detail = (await aino.call('claim', { handoffId: aino.offers[0]?.handoffId ?? '' })) as ChatDetail;

    const stored = await server.app.store.conversations.messages(detail.conversationId);
    const weighed = stored.find((m) => m.meta.event === 'unresolved')?.meta.tried ?? [];
    expect(weighed.length).toBeGreaterThan(0);
    expect(weighed.length).toBeLessThanOrEqual(3);
    const confidences = weighed.map((t) => t.confidence);
    expect([...confidences].sort((a, b) => b - a)).toEqual(confidences);
    // Newest first: the unresolved question's candidates (best first), then the answered article.
    expect(detail.articlesTried).toEqual([
      ...weighed.map((t) => ({ articleId: t.articleId, confidence: t.confidence })),
      { articleId: 'reset-password', confidence: answer?.confidence },
    ]);
    for (const t of detail.articlesTried) {
      expect(typeof t.confidence).toBe('number');
      expect(t.articleId).toMatch(/^[a-z0-9-]+$/);
    }
  });

  it('keeps every console’s list of agents live as agents sign in and out', async () => {
    const cleoAgent = await addAgent(server, { name: 'Cleo', languages: ['en'] });
    const cleo = await AgentClient.signIn(server, cleoAgent, false);
    open.push(cleo);
    const dana = await addAgent(server, { name: 'Dana', languages: ['fi'] });
    const danaOf = (list: readonly { id: string; online: boolean }[] | undefined) =>
      list?.find((a) => a.id === dana.id);
    const danaClient = await AgentClient.signIn(server, dana, false);
    open.push(danaClient);
    // Dana was added after Cleo's console said hello: she appears, online, without a reload.
    expect(danaOf(cleo.hellos[0]?.agents)).toBeUndefined();
    await waitFor(() => danaOf(cleo.agentLists.at(-1))?.online === true, 'Dana online in Cleo’s list');
    expect(danaOf(cleo.agentLists.at(-1))).toEqual({ id: dana.id, name: 'Dana', online: true });
    expect(danaClient.hellos[0]?.agents.find((a) => a.id === cleoAgent.id)?.online).toBe(true);
    danaClient.close();
    await waitFor(() => danaOf(cleo.agentLists.at(-1))?.online === false, 'Dana offline in Cleo’s list');
    // Nobody is offered themselves.
    expect(cleo.agentLists.every((list) => list.every((a) => a.id !== cleoAgent.id))).toBe(true);
  });

  it('shows the form values under their forms’ labels in the chat’s language, sensitive ones masked', async () => {
    const agent = await addAgent(server, { name: 'Eero', languages: ['fi'] });
    const eero = await AgentClient.signIn(server, agent);
    open.push(eero);
    const v = new ChatClient(server.url, { locales: ['fi'] });
    open.push(v);
    await v.session();
    await v.ask('Haluan puhua ihmisen kanssa');
    await waitFor(() => eero.offers.length > 0, 'offer');
    const offer = eero.offers[0];
    const conversation = await server.app.store.conversations.get(offer?.conversationId ?? '');
    if (!conversation) throw new Error('no conversation');
    // What completed forms leave on the conversation (the form dialog merges them into state.details).
    await server.app.store.conversations.update(conversation.id, {
      state: {
        ...conversation.state,
        details: { orderNumber: '48213', problem: 'damaged', phone: '+358401234567', nickname: 'Jo' },
      },
    });
    const detail = (await eero.call('claim', { handoffId: offer?.handoffId ?? '' })) as ChatDetail;
    expect(detail.lang).toBe('fi');
    expect(detail.fields.map((f) => [f.label, f.value])).toEqual([
      ['Tilausnumero', '48213'],
      ['Ongelma', 'Vaurioitunut tuote'],
      ['Puhelin', expect.not.stringContaining('1234567')],
      ['nickname', 'Jo'],
    ]);
    expect(detail.details).toMatchObject({ orderNumber: '48213', problem: 'damaged', nickname: 'Jo' });
  });
});
