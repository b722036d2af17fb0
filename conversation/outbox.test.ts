import { describe, expect, it } from '@jest/globals';
import { Outbox, type ChannelAdapter } from './outbox.js';
import { choice, readChoices } from './choices.js';
import type { Conversation, StoredMessage } from './types.js';

const conversation = (channel: string): Conversation => ({
  id: 'c1',
  channel,
  visitorKey: 'psid-1',
  lang: 'en',
  state: { failures: 0 },
  createdAt: '2026-12-03T10:00:00Z',
  updatedAt: '2026-12-03T10:00:00Z',
});
const message = (
  role: StoredMessage['role'],
  text: string,
  meta: StoredMessage['meta'] = {},
): StoredMessage => ({
  id: text,
  conversationId: 'c1',
  seq: 1,
  role,
  text,
  clientId: null,
  meta,
  createdAt: '2026-12-03T10:00:00Z',
});

/** A recording adapter for one channel. */
function recorder(id: string): ChannelAdapter & { delivered: string[]; statuses: string[] } {
  const delivered: string[] = [];
  const statuses: string[] = [];
  return {
    id,
    delivered,
    statuses,
    async deliver(_c, messages) {
      delivered.push(...messages.map((m) => m.text));
      return { ok: true };
    },
    async status(_c, s) {
      statuses.push(s.state);
    },
    addressOf: (c) => c.visitorKey,
  };
}

describe('the outbox (outgoing channel port)', () => {
  it("routes by the conversation's channel and never delivers internal notes or the visitor's own messages", async () => {
    const outbox = new Outbox();
    const web = recorder('web');
    const messenger = recorder('messenger');
    outbox.register(web);
    outbox.register(messenger);
    const result = await outbox.deliver(conversation('messenger'), [
      message('visitor', 'echo'),
      message('agent', 'a note', { internal: true }),
      message('agent', 'Hello from Aino'),
      message('system', 'Aino has joined the chat.'),
    ]);
    expect(result).toMatchObject({ ok: true, record: { status: 'sent' } });
    expect(messenger.delivered).toEqual(['Hello from Aino', 'Aino has joined the chat.']);
    expect(web.delivered).toEqual([]);
    await outbox.status(conversation('messenger'), {
      state: 'agent',
      position: null,
      etaMinutes: null,
      agentName: 'Aino',
    });
    expect(messenger.statuses).toEqual(['agent']);
    expect(outbox.addressOf(conversation('messenger'))).toBe('psid-1');
    expect(outbox.addressOf(conversation('terminal'))).toBeNull();
  });

  it('a channel without an adapter, or an adapter that throws, is a failed result, never an exception', async () => {
    const errors: string[] = [];
    const outbox = new Outbox((_err, channel) => errors.push(channel));
    outbox.register({
      id: 'teams',
      deliver: async () => {
        throw new Error('connector said 502');
      },
    });
    expect(await outbox.deliver(conversation('fax'), [message('bot', 'hi')])).toMatchObject({
      ok: false,
      error: 'no adapter for the channel "fax"',
      record: { status: 'failed', reason: 'no adapter for the channel "fax"' },
    });
    expect(await outbox.deliver(conversation('teams'), [message('bot', 'hi')])).toMatchObject({
      ok: false,
      error: 'connector said 502',
    });
    expect(errors).toEqual(['teams']);
    // Nothing to deliver (only a note) is fine even without an adapter.
    expect(await outbox.deliver(conversation('fax'), [message('agent', 'n', { internal: true })])).toEqual({
      ok: true,
      record: null,
    });
    expect(() => outbox.register(recorder('teams'))).toThrow(/registered/);
  });

  it('records every outcome of any adapter on the outgoing messages it delivered', async () => {
    const recorded: Array<{ conversationId: string; ids: readonly string[]; delivery: unknown }> = [];
    const at = new Date('2026-12-03T12:00:00Z');
    const outbox = new Outbox(
      () => undefined,
      {
        recordDelivery: async (conversationId, ids, delivery) => {
          recorded.push({ conversationId, ids, delivery });
        },
      },
      () => at,
    );
    let answer: { ok: true } | { ok: false; error: string } = { ok: true };
    outbox.register({ id: 'teams', deliver: async () => answer });
    await outbox.deliver(conversation('teams'), [message('visitor', 'v'), message('agent', 'a1')]);
    answer = { ok: false, error: 'Bot Connector 403: the bot is not in the conversation' };
    const failed = await outbox.deliver(conversation('teams'), [message('system', 's1')]);
    await outbox.deliver(conversation('fax'), [message('bot', 'b1')]);
    await outbox.deliver(conversation('teams'), [message('agent', 'note', { internal: true })]);
    const iso = at.toISOString();
    expect(recorded).toEqual([
      { conversationId: 'c1', ids: ['a1'], delivery: { status: 'sent', at: iso } },
      {
        conversationId: 'c1',
        ids: ['s1'],
        delivery: {
          status: 'failed',
          reason: 'Bot Connector 403: the bot is not in the conversation',
          at: iso,
        },
      },
      {
        conversationId: 'c1',
        ids: ['b1'],
        delivery: { status: 'failed', reason: 'no adapter for the channel "fax"', at: iso },
      },
    ]);
    expect(failed.record).toEqual(recorded[1]?.delivery);
  });

  it('choices are data {id, label, postback}; messages stored before read as {label, value}', () => {
    expect(choice('Refunds', 'article:refunds')).toEqual({
      id: 'article:refunds',
      label: 'Refunds',
      postback: 'article:refunds',
    });
    expect(
      readChoices([
        { label: 'Old', value: 'csat:5' },
        { label: 'New', postback: 'form:skip', id: 'form:skip' },
        { label: 3 },
        null,
      ]),
    ).toEqual([choice('Old', 'csat:5'), choice('New', 'form:skip')]);
    expect(readChoices('junk')).toEqual([]);
  });
});
