import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { Bot } from '../../bot/bot.js';
import { I18nTranslator } from '../../bot/i18n.js';
import type { KnowledgeBase } from '../../bot/ports.js';
import type { Store } from '../../store/ports.js';
import { AppError } from '../../common/errors.js';
import { KnowledgeBaseIndex } from '../../kb/knowledge-base.js';
import { loadKb } from '../../kb/load.js';
import { openEmbeddedStore } from '../../store/embedded/sqlite-store.js';
import { loadLocales } from '../../server/locales.js';
import { repoRoot } from '../helpers/server.js';
import { TestAdapter } from '../helpers/test-adapter.js';
import { tieKb } from '../helpers/tie-kb.js';

const settings = { answerThreshold: 0.25, clarifyMargin: 0.05, defaultLang: 'en', maxMessageLength: 2000 };
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

let store: Store;
let kb: KnowledgeBaseIndex;
let translator: I18nTranslator;
let bot: Bot;

beforeAll(async () => {
  const content = path.join(repoRoot, 'content');
  kb = await KnowledgeBaseIndex.build(await loadKb(content));
  translator = await I18nTranslator.create(loadLocales(content), 'en');
  store = openEmbeddedStore(':memory:');
  bot = new Bot({ store, kb, translator, settings, log: silent });
});
afterAll(() => store.close());

describe('Bot (real KB, real embedded store)', () => {
  it('answers a demo question with the article body and its confidence', async () => {
    await new TestAdapter(bot).send('where is my parcel?').assertReply((r) => {
      expect(r.meta.articleId).toBe('track-order');
      expect(r.text).toMatch(/tracking link/);
      expect(r.meta.confidence).toBeGreaterThanOrEqual(settings.answerThreshold);
      expect(r.meta.event).toBeNull();
    });
  });

  it('admits it does not know, offers to rephrase, and records the question as unresolved', async () => {
    await new TestAdapter(bot).send('what is the weather like in Paris tomorrow').assertReply((r) => {
      expect(r.text).toBe(translator.t('unresolved.rephrase', 'en'));
      expect(r.meta.event).toBe('unresolved');
      expect(r.meta.articleId).toBeNull();
    });
    const logged = await store.unresolved.list({ limit: 5 });
    expect(logged[0]?.text).toBe('what is the weather like in Paris tomorrow');
    expect(logged[0]?.lang).toBe('en');
  });

  it('counts failures in a row in the conversation state and resets them on an answer', async () => {
    const adapter = new TestAdapter(bot, 'failures');
    await adapter
      .send('zxqv blorp')
      .send('qwerty uiop')
      .assertReply(/rephrase/)
      .assertReply(/rephrase/);
    expect((await store.conversations.find('test', 'failures'))?.state.failures).toBe(2);
    await adapter
      .send('how do I reset my password')
      .assertReply((r) => expect(r.meta.articleId).toBe('reset-password'));
    expect((await store.conversations.find('test', 'failures'))?.state.failures).toBe(0);
  });

  it('offers both candidates and "None of these" when two are close, and answers the pick', async () => {
    const clarifying = new Bot({ store, kb: tieKb(kb), translator, settings, log: silent });
    const adapter = new TestAdapter(clarifying);
    await adapter.send('money back').assertReply((r) => {
      expect(r.text).toBe('These articles may help:');
      expect(r.meta.event).toBe('offer');
      expect(r.meta.choices).toEqual([
        {
          id: 'article:refund-timing',
          label: 'When will I get my refund?',
          postback: 'article:refund-timing',
        },
        {
          id: 'article:return-an-item',
          label: 'How do I return an item?',
          postback: 'article:return-an-item',
        },
        { id: 'offer:none', label: 'None of these', postback: 'offer:none' },
      ]);
    });
    await adapter
      .send('How do I return an item?', { postback: 'article:return-an-item' })
      .assertReply((r) => expect(r.meta.articleId).toBe('return-an-item'));
  });

  it('persists the conversation: visitor messages and replies in order, with the language', async () => {
    const adapter = new TestAdapter(bot, 'persist');
    await adapter.send('can I pay with PayPal?').send('how long does delivery take');
    const conv = await store.conversations.find('test', 'persist');
    expect(conv?.lang).toBe('en');
    const messages = await store.conversations.messages(conv?.id ?? '');
    expect(messages.map((m) => m.role)).toEqual(['visitor', 'bot', 'visitor', 'bot']);
    expect(messages[1]?.meta.replyTo).toBe(messages[0]?.id);
    expect(messages.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
  });

  it('stores a resent client id once and does not answer it twice', async () => {
    const adapter = new TestAdapter(bot, 'resend');
    await adapter
      .send('where is my parcel', { clientId: 'c-1' })
      .send('where is my parcel', { clientId: 'c-1' });
    expect(adapter.transcript.filter((m) => m.role === 'bot')).toHaveLength(1);
    const conv = await store.conversations.find('test', 'resend');
    expect(await store.conversations.messages(conv?.id ?? '')).toHaveLength(2);
  });

  it('rejects empty and over-long messages before storing anything', async () => {
    await expect(
      bot.handleTurn({ channel: 'test', visitorKey: 'empty', clientId: null, text: '   ' }),
    ).rejects.toEqual(new AppError('MESSAGE_EMPTY'));
    await expect(
      bot.handleTurn({ channel: 'test', visitorKey: 'empty', clientId: null, text: 'a'.repeat(2001) }),
    ).rejects.toMatchObject({ id: 'MESSAGE_TOO_LONG' });
    expect(await store.conversations.find('test', 'empty')).toBeNull();
  });

  it('turns a failure inside the pipeline into one apology (onTurnError), and stores it', async () => {
    const broken: KnowledgeBase = {
      languages: () => ['en'],
      article: () => undefined,
      match: async () => {
        throw new Error('index exploded');
      },
      suggest: async () => [],
    };
    const errors: unknown[] = [];
    const failing = new Bot({
      store,
      kb: broken,
      translator,
      settings,
      log: { ...silent, error: (o) => void errors.push(o) },
    });
    await new TestAdapter(failing, 'broken').send('hello?').assertReply((r) => {
      expect(r.text).toBe(translator.t('error.generic', 'en'));
      expect(r.meta.event).toBe('error');
    });
    expect(errors).toHaveLength(1);
  });

  it('runs the turns of one conversation one after another', async () => {
    const adapterKey = 'serial';
    const turns = ['where is my parcel', 'can I pay with PayPal', 'how do I reset my password'].map((text) =>
      bot.handleTurn({ channel: 'test', visitorKey: adapterKey, clientId: null, text }),
    );
    await Promise.all(turns);
    const conv = await store.conversations.find('test', adapterKey);
    const messages = await store.conversations.messages(conv?.id ?? '');
    expect(messages.map((m) => m.role)).toEqual(['visitor', 'bot', 'visitor', 'bot', 'visitor', 'bot']);
    expect(messages[3]?.meta.articleId).toBe('payment-methods');
  });
});
