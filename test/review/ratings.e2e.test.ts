import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addAgent, login } from '../helpers/agent-client.js';
import { ChatClient } from '../helpers/chat-client.js';
import { reviewGroups } from '../helpers/review.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/**
 * Every bot answer carries "Helpful" / "Not helpful" (localised, channel-neutral choices); the rating is
 * stored with the answer, and "Not helpful" offers a person and puts the question into the review queue.
 */
describe('rating answers', () => {
  let server: TestServer;
  let admin: string;
  beforeAll(async () => {
    server = await startTestServer();
    admin = await login(
      server.url,
      (await addAgent(server, { name: 'Ada', languages: ['en'], role: 'admin' })).email,
    );
  });
  afterAll(() => server.stop());
  /** The conversation of a visitor token (its session once the first message opened it). */
  const conversationOf = async (visitorToken: string): Promise<string> => {
    const again = new ChatClient(server.url, { visitorToken });
    try {
      return (await again.session()).conversationId ?? '';
    } finally {
      again.close();
    }
  };

  it('stores "helpful" with the answer and thanks the visitor', async () => {
    const v = new ChatClient(server.url, { locales: ['en'] });
    try {
      const { visitorToken } = await v.session();
      const [answer] = await v.ask('where is my parcel?');
      expect(answer?.articleId).toBe('track-order');
      expect(answer?.choices.map((c) => [c.label, c.value])).toEqual([
        ['Helpful', 'rate:up:track-order'],
        ['Not helpful', 'rate:down:track-order'],
      ]);
      await v.pick('Helpful', 'rate:up:track-order');
      await new Promise((r) => setTimeout(r, 200));
      const reply = v.botMessages().at(-1);
      expect(reply).toMatchObject({ event: 'rating', text: 'Thanks for letting us know!' });
      expect(await server.app.store.ratings.forConversation(await conversationOf(visitorToken))).toEqual([
        expect.objectContaining({
          messageId: answer?.id,
          articleId: 'track-order',
          lang: 'en',
          helpful: true,
        }),
      ]);
    } finally {
      v.close();
    }
  });

  it('on "not helpful" offers a person, and the question shows up for review with the article', async () => {
    const v = new ChatClient(server.url, { locales: ['fi'] });
    try {
      const { visitorToken } = await v.session();
      const [answer] = await v.ask('missä pakettini on?');
      expect(answer?.choices.map((c) => c.label)).toEqual(['Hyödyllinen', 'Ei hyödyllinen']);
      const down = answer?.choices[1];
      await v.pick(down?.label ?? '', down?.value ?? '');
      await new Promise((r) => setTimeout(r, 200));
      const reply = v.botMessages().at(-1);
      expect(reply?.event).toBe('rating');
      expect(reply?.choices.map((c) => [c.label, c.value])).toEqual([
        ['Puhu ihmisen kanssa', 'handoff:request'],
      ]);
      const [rating] = await server.app.store.ratings.forConversation(await conversationOf(visitorToken));
      expect(rating).toMatchObject({ messageId: answer?.id, helpful: false, lang: 'fi' });
      const group = (await reviewGroups(server, admin, '?lang=fi')).find(
        (g) => g.question === 'missä pakettini on?',
      );
      expect(group?.sources).toEqual({ 'not-helpful': 1 });
    } finally {
      v.close();
    }
  });
});
