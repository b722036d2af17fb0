/**
 * What an agent sees when opening a chat (issue 19, agent items): the articles the bot tried, with their
 * confidence, also when it answered nothing.
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
});
