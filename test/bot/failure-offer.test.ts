import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import type { HandoffDesk } from '../../bot/ports.js';
import type { Store } from '../../store/ports.js';
import { KnowledgeBaseIndex } from '../../kb/knowledge-base.js';
import { loadKb } from '../../kb/load.js';
import { openEmbeddedStore } from '../../store/embedded/sqlite-store.js';
import { repoRoot } from '../helpers/server.js';
import { TestAdapter } from '../helpers/test-adapter.js';
import { testBot } from '../helpers/bot.js';

/**
 * Issue #19 item 4: after HANDOFF_AFTER_FAILURES unanswered questions the bot offers a person, rephrasing
 * or going on with the bot; it never goes straight into the handoff (and the ticket form's email question).
 */

let store: Store;
let kb: KnowledgeBaseIndex;
const requests: string[] = [];

/** Nobody is online: a request ends in the ticket form ("Which email address should we reply to?"). */
const desk: HandoffDesk = {
  isActive: async () => false,
  request: async (_conversation, input) => {
    requests.push(input.reason);
    return { kind: 'nobody' };
  },
  visitorMessage: async () => undefined,
  cancel: async () => false,
  recordCsat: async () => undefined,
  pendingContact: async () => undefined,
};

beforeAll(async () => {
  kb = await KnowledgeBaseIndex.build(await loadKb(path.join(repoRoot, 'content')));
  store = openEmbeddedStore(':memory:');
});
afterAll(() => store.close());

const bot = () => testBot(kb, store, { detect: false, extra: { handoff: { desk, afterFailures: 2 } } });

describe('after two unanswered questions', () => {
  it('offers a person, rephrasing or going on, and starts nothing by itself', async () => {
    requests.length = 0;
    const key = 'failures-offer';
    await new TestAdapter(await bot(), key)
      .send('blorp zxqv')
      .assertReply((r) => expect(r.meta.event).toBe('unresolved'))
      .send('qwerty asdf zxcv')
      .assertReply((r) => expect(r.meta.event).toBe('unresolved'))
      .assertReply((r) => {
        expect(r.meta.event).toBe('handoff');
        expect(r.meta.choices?.map((c) => [c.label, c.postback])).toEqual([
          ['Talk to a person or leave a message', 'handoff:failures'],
          ['Rephrase my question', 'handoff:rephrase'],
          ['Keep going with the assistant', 'handoff:keep-going'],
        ]);
      })
      .assertNoReply();
    expect(requests).toEqual([]);
    const state = (await store.conversations.find('test', key))?.state;
    expect(state?.failures).toBe(0);
    expect(state?.form ?? null).toBeNull();
  });

  it('"Talk to a person" asks for one (reason: failures); nobody online leads to the ticket form', async () => {
    requests.length = 0;
    const chat = new TestAdapter(await bot(), 'failures-person');
    await chat
      .send('blorp zxqv')
      .send('qwerty asdf zxcv')
      .send('Talk to a person or leave a message', { postback: 'handoff:failures' });
    await chat.then(() => undefined);
    const last = chat.transcript.at(-1);
    expect(requests).toEqual(['failures']);
    expect(last?.text).toMatch(/Which email address should we reply to\?/);
  });

  it('"Rephrase" and "Keep going" stay with the bot', async () => {
    requests.length = 0;
    await new TestAdapter(await bot(), 'failures-rephrase')
      .send('blorp zxqv')
      .send('qwerty asdf zxcv')
      .send('Rephrase my question', { postback: 'handoff:rephrase' })
      .send('Keep going with the assistant', { postback: 'handoff:keep-going' })
      .send('where is my parcel');
    expect(requests).toEqual([]);
    const conversation = await store.conversations.find('test', 'failures-rephrase');
    const messages = await store.conversations.messages(conversation?.id ?? '');
    const bot3 = messages.filter((m) => m.role === 'bot').slice(-3);
    expect(bot3.map((m) => m.text.slice(0, 30))).toEqual([
      'Sure, ask me again in other wo'.slice(0, 30),
      "OK, I'm here whenever you need".slice(0, 30),
      expect.any(String),
    ]);
    expect(bot3.at(-1)?.meta.articleId).toBe('track-order');
  });
});
