import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { HandoffDesk, KnowledgeBase } from '../../bot/ports.js';
import { alwaysOpen, BusinessHours } from '../../common/business-hours.js';
import { acceptingOutbox } from '../helpers/outbox.js';
import { ConversationWriter } from '../../conversation/writer.js';
import { HandoffService } from '../../handoff/service.js';
import { openEmbeddedStore } from '../../store/embedded/sqlite-store.js';
import type { Store } from '../../store/ports.js';
import { testBot } from '../helpers/bot.js';

/** A knowledge base that knows nothing: every message here is for the person who owns the chat. */
const emptyKb: KnowledgeBase & { texts(): Record<string, string[]> } = {
  languages: () => ['en'],
  match: async () => [],
  suggest: async () => [],
  article: () => undefined,
  texts: () => ({ en: [] }),
};

let store: Store;
let desk: HandoffService;
beforeEach(() => {
  store = openEmbeddedStore(':memory:');
});
afterEach(async () => {
  desk.close();
  await store.close();
});

describe('one writer of conversation state', () => {
  it("an agent resolving the chat while the visitor's turn runs keeps the CSAT survey the resolve started", async () => {
    const writer = new ConversationWriter(store.conversations);
    desk = new HandoffService({
      conversations: store.conversations,
      handoffs: store.handoffs,
      agents: store.agents,
      translator: { t: (key) => key },
      bus: { emit: () => undefined },
      outbox: acceptingOutbox(),
      amender: writer,
      defaultLang: 'en',
      hours: new BusinessHours(alwaysOpen),
      graceMs: 60_000,
    });
    // The desk the bot sees holds the visitor's message at a gate: the turn is running until the test opens it.
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let turnWaiting = false;
    const gated: HandoffDesk = {
      isActive: desk.isActive,
      request: desk.request,
      cancel: desk.cancel,
      recordCsat: desk.recordCsat,
      pendingContact: desk.pendingContact,
      visitorMessage: async (conversation, message) => {
        turnWaiting = true;
        await gate;
        await desk.visitorMessage(conversation, message);
      },
    };
    const bot = await testBot(emptyKb, store, {
      detect: false,
      extra: { writer, handoff: { desk: gated, afterFailures: 0 } },
    });
    const agent = await store.agents.add({
      email: 'aino@example.com',
      name: 'Aino',
      languages: ['en'],
      skills: [],
      capacity: 2,
      role: 'agent',
      passwordHash: 'x',
    });
    desk.connected(agent.id);
    desk.setAvailable(agent.id, true);
    const visitor = { channel: 'web', visitorKey: 'v1', localeHint: 'en' };

    const first = await bot.handleTurn({ ...visitor, clientId: 'm1', text: 'I want to talk to a person' });
    expect(first.replies[0]?.meta.event).toBe('handoff');
    const handoff = await store.handoffs.active(first.conversation.id);
    await desk.claim(agent, handoff?.id ?? '');

    const turn = bot.handleTurn({ ...visitor, clientId: 'm2', text: 'are you still there?' });
    while (!turnWaiting) await new Promise((r) => setTimeout(r, 5));
    let resolved = false;
    const resolving = desk.resolve(agent, first.conversation.id).then(() => (resolved = true));
    await new Promise((r) => setTimeout(r, 50));
    // The resolve waits for the turn: the survey is written after the turn saved its state, not before.
    expect(resolved).toBe(false);
    open();
    await Promise.all([turn, resolving]);

    const after = await store.conversations.get(first.conversation.id);
    expect(after?.state.csat).toEqual({ handoffId: handoff?.id, stage: 'rating' });
    expect((await store.handoffs.get(handoff?.id ?? ''))?.status).toBe('resolved');
    const last = (await store.conversations.messages(first.conversation.id)).at(-1);
    expect(last?.meta.choices?.length).toBe(5);
  });
});
