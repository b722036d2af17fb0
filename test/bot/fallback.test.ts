import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import type { Bot } from '../../bot/bot.js';
import type { Store } from '../../store/ports.js';
import { KnowledgeBaseIndex } from '../../kb/knowledge-base.js';
import { loadKb } from '../../kb/load.js';
import { openEmbeddedStore } from '../../store/embedded/sqlite-store.js';
import { repoRoot } from '../helpers/server.js';
import { TestAdapter } from '../helpers/test-adapter.js';
import { testBot } from '../helpers/bot.js';

let store: Store;
let bot: Bot;
const englishGiftCards = /gift card/i;

/** The demo content in English and Finnish, with the Finnish gift-card article taken out. */
beforeAll(async () => {
  const content = path.join(repoRoot, 'content');
  const loaded = await loadKb(content);
  const articles = loaded.articles.filter(
    (a) => a.lang === 'en' || (a.lang === 'fi' && a.id !== 'gift-cards'),
  );
  const kb = await KnowledgeBaseIndex.build({ articles });
  store = openEmbeddedStore(':memory:');
  bot = await testBot(kb, store);
});
afterAll(() => store.close());

describe('an article missing in the visitor language', () => {
  it('is answered in English after a note in Finnish, and counted for the admin view', async () => {
    const adapter = new TestAdapter(bot, 'fi-fallback');
    await adapter
      .send('missä mun paketti on?')
      .assertReply((r) => expect(r.meta).toMatchObject({ lang: 'fi', articleId: 'track-order' }))
      .send('Lahjakortit', { postback: 'article:gift-cards' })
      .assertReply((r) => {
        expect(r.text).toBe(
          'Tätä ohjetta ei ole vielä suomeksi, joten tässä se on toisella kielellä (English).',
        );
        expect(r.meta).toMatchObject({ lang: 'fi', event: 'fallback' });
      })
      .assertReply((r) => {
        expect(r.meta).toMatchObject({ lang: 'en', articleId: 'gift-cards', fallback: true });
        expect(r.text).toMatch(englishGiftCards);
      })
      .send('kiitos')
      .assertReply((r) => expect(r.meta.lang).toBe('fi'));
    const missing = await store.missingTranslations.list({ lang: 'fi' });
    expect(missing).toEqual([expect.objectContaining({ articleId: 'gift-cards', lang: 'fi', requests: 1 })]);
  });

  it('keeps the conversation in Finnish after the fallback answer', async () => {
    const adapter = new TestAdapter(bot, 'fi-fallback-2');
    await adapter
      .send('miten vaihdan salasanan')
      .assertReply((r) => expect(r.meta.lang).toBe('fi'))
      .send('gift cards', { postback: 'article:gift-cards' })
      .assertReply((r) => expect(r.meta.event).toBe('fallback'))
      .assertReply((r) => expect(r.meta.lang).toBe('en'));
    const conversation = await store.conversations.find('test', 'fi-fallback-2');
    expect(conversation?.lang).toBe('fi');
    expect((await store.missingTranslations.list({ lang: 'fi' }))[0]?.requests).toBe(2);
  });

  it('an article that exists in neither language is not invented', async () => {
    await new TestAdapter(bot, 'fi-unknown')
      .send('miten vaihdan salasanan')
      .assertReply((r) => expect(r.meta.lang).toBe('fi'))
      .send('x', { postback: 'article:no-such-article' })
      .assertReply((r) => expect(r.meta.event).toBe('unresolved'));
  });
});
