import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Store } from '../../store/ports.js';
import { TicketService } from '../../tickets/service.js';
import { defaultTicketRules, priorityFor, teamFor, ticketRulesSchema } from '../../tickets/rules.js';
import { openEmbeddedStore } from '../../store/embedded/sqlite-store.js';
import { ticketBounds } from '../../tickets/bounds.js';
import { helsinkiOffice } from '../helpers/hours.js';

const hours = helsinkiOffice;
const rules = ticketRulesSchema.parse({
  priority: [
    { keywords: ['urgent', 'kiireellinen', 'ด่วน'], priority: 'urgent' },
    { categories: ['payments'], priority: 'high' },
  ],
  teams: [
    { categories: ['payments'], team: 'billing' },
    { langs: ['fi', 'et'], team: 'nordic' },
  ],
});

let store: Store;
beforeEach(() => {
  store = openEmbeddedStore(':memory:');
});
afterEach(() => store.close());

const file = async (now: string, lang: string | null, values: Record<string, string>) => {
  const conversation = await store.conversations.open({
    channel: 'web',
    visitorKey: `v${Math.random()}`,
    lang,
  });
  await store.conversations.append(conversation.id, { role: 'visitor', text: 'hello' });
  await store.conversations.append(conversation.id, {
    role: 'agent',
    text: 'secret',
    meta: { internal: true },
  });
  const service = new TicketService({
    tickets: store.tickets,
    conversations: store.conversations,
    hours,
    defaultLang: 'fi',
    rules: () => rules,
    now: () => new Date(now),
  });
  return service.fileFromConversation(conversation, values);
};

describe('filing tickets', () => {
  it("copies what was said since the conversation's previous ticket, at most the latest lines a ticket keeps", async () => {
    const conversation = await store.conversations.open({
      channel: 'web',
      visitorKey: 'v-transcript',
      lang: 'en',
    });
    const say = (text: string, meta = {}) =>
      store.conversations.append(conversation.id, { role: 'visitor', text, meta });
    await say('first problem');
    await store.conversations.append(conversation.id, {
      role: 'bot',
      text: 'Ticket FD-10001 filed',
      meta: { event: 'ticket' },
    });
    await say('second problem');
    await say('more about it');
    const service = new TicketService({
      tickets: store.tickets,
      conversations: store.conversations,
      hours,
      defaultLang: 'en',
      rules: () => rules,
    });
    const second = await service.fileFromConversation(conversation, { description: 'again' });
    expect(second.transcript.map((l) => l.text)).toEqual(['second problem', 'more about it']);
    expect(second.transcriptTruncated).toBeUndefined();
    expect(second.conversationId).toBe(conversation.id);

    await store.conversations.append(conversation.id, {
      role: 'bot',
      text: 'filed',
      meta: { event: 'ticket' },
    });
    for (let i = 0; i < ticketBounds.transcriptLines + 30; i++) await say(`line ${i}`);
    const third = await service.fileFromConversation(conversation, { description: 'long' });
    expect(third.transcript).toHaveLength(ticketBounds.transcriptLines);
    expect(third.transcript[0]?.text).toBe('line 30');
    expect(third.transcriptTruncated).toBe(true);
  });

  it('sets priority, team and SLA dues in business time (Friday afternoon → Monday)', async () => {
    // Friday 2026-11-20 15:00 Helsinki (13:00Z); normal: first reply 480 business minutes.
    const t = await file('2026-11-20T13:00:00Z', 'fi', {
      email: 'a@example.com',
      category: 'shipping',
      description: 'Paketti jumissa tullissa',
    });
    expect(t).toMatchObject({
      number: 'FD-10001',
      priority: 'normal',
      team: 'nordic',
      status: 'new',
      subject: 'Paketti jumissa tullissa',
    });
    // 2 h on Friday + 6 h on Monday → Monday 15:00 Helsinki = 13:00Z.
    expect(t.firstReplyDue).toBe('2026-11-23T13:00:00.000Z');
    expect(t.transcript.map((l) => l.text)).toEqual(['hello']);
    expect(t.requester.email).toBe('a@example.com');
  });

  it('skips Christmas holidays and the weekend; an urgent keyword in any language raises the priority', async () => {
    // Wednesday 23 Dec 16:30 Helsinki; urgent: first reply 60 business minutes → 30 min that day, 30 on Monday 28th.
    const t = await file('2026-12-23T14:30:00Z', 'fi', {
      email: 'a@example.com',
      category: 'orders',
      description: 'Tosi kiireellinen asia!',
    });
    expect(t.priority).toBe('urgent');
    expect(t.firstReplyDue).toBe('2026-12-28T07:30:00.000Z');
  });

  it('a conversation without a language yet files the ticket in DEFAULT_LANG (here fi), not in English', async () => {
    const t = await file('2026-11-20T13:00:00Z', null, { email: 'a@example.com', description: 'Apua' });
    expect(t.lang).toBe('fi');
    expect(t.team).toBe('nordic');
  });

  it('rules: categories set priority and team; defaults without a file', () => {
    expect(priorityFor(rules, 'card declined', 'payments')).toBe('high');
    expect(priorityFor(rules, 'ขอด่วนเลยค่ะ', null)).toBe('urgent');
    expect(priorityFor(rules, 'an urgently needed lamp', null)).toBe('normal');
    expect(teamFor(rules, 'payments', 'fi')).toBe('billing');
    expect(teamFor(rules, 'orders', 'th')).toBe('support');
    expect(defaultTicketRules.sla.normal).toEqual({ firstReply: 480, resolution: 2400 });
  });
});
