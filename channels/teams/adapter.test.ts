import { describe, expect, it } from '@jest/globals';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { Conversation } from '../../conversation/types.js';
import { teamsAdapter, typingEveryMs } from './adapter.js';

const conversation: Conversation = {
  id: 'c1',
  channel: 'teams',
  visitorKey: 't/user/a',
  lang: 'en',
  state: { failures: 0 },
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

/** A CloudAdapter stand-in recording what each proactive turn sends, or failing like the connector. */
function fakeCloud(fail?: { statusCode: number }) {
  const sent: unknown[][] = [];
  const cloud: Pick<CloudAdapter, 'continueConversationAsync'> = {
    async continueConversationAsync(_app, _reference, logic) {
      if (fail) throw Object.assign(new Error('Operation returned an invalid status code'), fail);
      const context = {
        sendActivities: async (activities: unknown[]) => {
          sent.push(activities);
          return [];
        },
      } as unknown as TurnContext;
      await (logic as (context: TurnContext) => Promise<void>)(context);
    },
  };
  return { cloud, sent };
}

describe('the Teams outbox adapter', () => {
  it('fails without a stored reference, and reports the connector’s refusals with the reason', async () => {
    const none = teamsAdapter({
      adapter: fakeCloud().cloud,
      appId: 'app',
      addresses: { get: async () => null },
    });
    expect(await none.deliver(conversation, [])).toEqual({
      ok: false,
      error: 'no Teams conversation reference is stored for this chat',
    });
    const stored = { get: async () => ({ serviceUrl: 'https://x/', conversation: { id: 'a:1' } }) };
    const failures: string[] = [];
    const gone = teamsAdapter({
      adapter: fakeCloud({ statusCode: 404 }).cloud,
      appId: 'app',
      addresses: stored,
      onFailure: (_c, e) => failures.push(e),
    });
    expect(await gone.deliver(conversation, [])).toMatchObject({
      ok: false,
      error: expect.stringMatching(/\(404\)/),
    });
    const busy = teamsAdapter({
      adapter: fakeCloud({ statusCode: 502 }).cloud,
      appId: 'app',
      addresses: stored,
    });
    expect(await busy.deliver(conversation, [])).toEqual({
      ok: false,
      error: 'Teams delivery failed (502): Operation returned an invalid status code',
    });
    expect(failures).toHaveLength(1);
  });

  it('sends at most one typing activity per chat every 3 seconds, none for "stopped typing"', async () => {
    let clock = 0;
    const { cloud, sent } = fakeCloud();
    const adapter = teamsAdapter({
      adapter: cloud,
      appId: 'app',
      addresses: { get: async () => ({ conversation: { id: 'a:1' } }) },
      now: () => clock,
    });
    await adapter.typing?.(conversation, true);
    clock += 1000;
    await adapter.typing?.(conversation, true);
    await adapter.typing?.(conversation, false);
    clock += typingEveryMs;
    await adapter.typing?.(conversation, true);
    expect(sent).toEqual([[{ type: 'typing' }], [{ type: 'typing' }]]);
  });
});
