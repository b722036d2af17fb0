import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import type { Bot } from '../../bot/bot.js';
import type { Store } from '../../store/ports.js';
import { alwaysOpen, BusinessHours } from '../../common/business-hours.js';
import { defaultTicketRules } from '../../tickets/rules.js';
import { TicketService } from '../../tickets/service.js';
import { KnowledgeBaseIndex } from '../../kb/knowledge-base.js';
import { loadKb } from '../../kb/load.js';
import { openEmbeddedStore } from '../../store/embedded/sqlite-store.js';
import { testBot } from '../helpers/bot.js';
import { repoRoot } from '../helpers/server.js';
import { TestAdapter } from '../helpers/test-adapter.js';
import { ticketInput } from '../helpers/tickets.js';

let store: Store;
let bot: Bot;

beforeAll(async () => {
  const content = path.join(repoRoot, 'content');
  const loaded = await loadKb(content);
  const kb = await KnowledgeBaseIndex.build({
    articles: loaded.articles.filter((a) => a.lang === 'en'),
    forms: loaded.forms,
  });
  store = openEmbeddedStore(':memory:');
  const hours = new BusinessHours(alwaysOpen);
  const tickets = new TicketService({
    tickets: store.tickets,
    conversations: store.conversations,
    hours,
    defaultLang: 'en',
    rules: () => defaultTicketRules,
  });
  bot = await testBot(kb, store, {
    extra: {
      tickets: {
        fileFromConversation: (c, v, tz) => tickets.fileFromConversation(c, v, tz),
        timeZone: hours.timeZone,
        recordCsat: (id, csat, conversationId) => tickets.recordCsat(id, csat, conversationId),
      },
    },
  });
});
afterAll(() => store.close());

/** A visitor with a conversation and a ticket filed from it, its survey started `ageMs` ago. */
async function solvedTicket(visitor: string, ageMs = 0) {
  const adapter = new TestAdapter(bot, visitor);
  await adapter.send('where is my parcel').assertReply(() => undefined);
  const conversation = await store.conversations.find('test', visitor);
  if (!conversation) throw new Error('no conversation');
  const ticket = await store.tickets.create(ticketInput({ conversationId: conversation.id }), 'test');
  const since = new Date(Date.now() - ageMs).toISOString();
  await bot.amendState(conversation, (s) => ({
    ...s,
    csat: { ticketId: ticket.id, stage: 'rating', since },
  }));
  return { adapter, ticket, conversation };
}

describe('the satisfaction survey of a solved ticket', () => {
  it('records a rating, then a comment', async () => {
    const { adapter, ticket } = await solvedTicket('csat-ok');
    await adapter
      .send('5')
      .assertReply(/Anything you'd like to add/)
      .send('All good')
      .assertReply('Thank you for your feedback!');
    expect((await store.tickets.get(ticket.id))?.csat).toMatchObject({ rating: 5, comment: 'All good' });
  });

  it('lapses after a day: a later "4" is a message for the bot, not a rating', async () => {
    const { adapter, ticket } = await solvedTicket('csat-old', 25 * 3600 * 1000);
    await adapter.send('4').assertReply((r) => expect(r.text).not.toMatch(/Anything you'd like to add/));
    expect((await store.tickets.get(ticket.id))?.csat ?? null).toBeNull();
  });

  it('waits while a form is being filled: the answer goes to the form', async () => {
    const { adapter, ticket, conversation } = await solvedTicket('csat-form');
    await bot.amendState(conversation, (s) => ({ ...s, csat: null }));
    await adapter.send('my sofa arrived damaged').assertReply(/order number/i);
    await bot.amendState(conversation, (s) => ({
      ...s,
      csat: { ticketId: ticket.id, stage: 'rating', since: new Date().toISOString() },
    }));
    await adapter.send('5').assertReply((r) => expect(r.text).not.toMatch(/Anything you'd like to add/));
    expect((await store.tickets.get(ticket.id))?.csat ?? null).toBeNull();
    expect((await store.conversations.get(conversation.id))?.state.csat).toMatchObject({ stage: 'rating' });
  });

  it("ignores a rating button for another conversation's ticket", async () => {
    const other = await solvedTicket('csat-other');
    const mine = new TestAdapter(bot, 'csat-mine');
    await mine.send('5 – Excellent', { postback: `csat:5:${other.ticket.id}` }).assertReply(() => undefined);
    expect((await store.tickets.get(other.ticket.id))?.csat ?? null).toBeNull();
  });
});
