import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Bot } from '../../bot/bot.js';
import type { KnowledgeBase } from '../../bot/ports.js';
import type { KbCandidate } from '../../kb/types.js';
import type { Store } from '../../store/ports.js';
import type { Translator } from '../../common/translator.js';
import { articlePostback as botPostback } from '../../bot/steps/answer.js';
import { articlePostback as widgetPostback } from '../../channels/web/events.js';
import { openEmbeddedStore } from '../../store/embedded/sqlite-store.js';

const settings = { answerThreshold: 0.35, clarifyMargin: 0.05, defaultLang: 'en', maxMessageLength: 2000 };
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const translator: Translator = { t: (key) => key };

/** A two-language KB whose matcher returns fixed candidates and records what it was asked. */
const calls: Array<{ text: string; lang: string; limit: number | undefined }> = [];
const c = (id: string, confidence: number): KbCandidate => ({
  articleId: id,
  title: `Article ${id}`,
  confidence,
});
const candidates: KbCandidate[] = [c('a', 0.9), c('b', 0.4), c('c', 0.21), c('d', 0.2)];
const kb: KnowledgeBase = {
  languages: () => ['en', 'de'],
  article: () => undefined,
  match: async () => {
    throw new Error('suggestions come from kb.suggest, not kb.match');
  },
  suggest: async (text, lang, limit) => {
    calls.push({ text, lang, limit });
    return candidates.slice(0, limit ?? 5);
  },
};

let store: Store;
let bot: Bot;
beforeAll(() => {
  store = openEmbeddedStore(':memory:');
  bot = new Bot({ store, kb, translator, settings, log: silent });
});
afterAll(() => store.close());

const lastCall = () => calls[calls.length - 1];

describe('Bot.suggest', () => {
  it("returns the KB's first three suggestions as {articleId, title}", async () => {
    expect(await bot.suggest('web', 'v-top', 'how do I ret', null)).toEqual([
      { articleId: 'a', title: 'Article a' },
      { articleId: 'b', title: 'Article b' },
      { articleId: 'c', title: 'Article c' },
    ]);
    expect(lastCall()).toEqual({ text: 'how do I ret', lang: 'en', limit: 3 });
  });

  it('trims the text, keeps its first 200 characters, and does not ask the KB about an empty text', async () => {
    const before = calls.length;
    expect(await bot.suggest('web', 'v-text', '  \n\t ', null)).toEqual([]);
    expect(await bot.suggest('web', 'v-text', '', null)).toEqual([]);
    expect(calls.length).toBe(before);
    await bot.suggest('web', 'v-text', `  ${'é'.repeat(199)}🙂🙂🙂  `, null);
    expect(lastCall()?.text).toBe(`${'é'.repeat(199)}🙂`);
  });

  it('uses the start-language rule for a new visitor and the stored language for an existing conversation', async () => {
    await bot.suggest('web', 'v-new', 'wo ist mein Paket', 'de-DE');
    expect(lastCall()?.lang).toBe('de');
    await bot.suggest('web', 'v-new', 'où est mon colis', 'fr-FR');
    expect(lastCall()?.lang).toBe('en');

    const c = await store.conversations.open({ channel: 'web', visitorKey: 'v-existing', lang: null });
    await store.conversations.update(c.id, { lang: 'en' });
    await bot.suggest('web', 'v-existing', 'wo ist mein Paket', 'de-DE');
    expect(lastCall()?.lang).toBe('en');
  });

  it('stores nothing: no conversation, no message, nothing unresolved', async () => {
    await bot.suggest('web', 'v-readonly', 'where is my parcel', 'en');
    await bot.suggest('web', 'v-readonly', 'zzzz', 'en');
    expect(await store.conversations.find('web', 'v-readonly')).toBeNull();
    expect(await store.unresolved.list()).toEqual([]);
  });

  it('uses the same article postback as the bot, so a picked suggestion is answered directly', () => {
    expect(widgetPostback('return-an-item')).toBe(botPostback('return-an-item'));
  });
});
