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

beforeAll(async () => {
  const content = path.join(repoRoot, 'content');
  const loaded = await loadKb(content);
  const articles = loaded.articles.filter((a) => a.lang === 'en' || a.lang === 'fi');
  const kb = await KnowledgeBaseIndex.build({ articles });
  store = openEmbeddedStore(':memory:');
  bot = await testBot(kb, store);
});
afterAll(() => store.close());

describe('multilingual transcripts (English and Finnish demo content)', () => {
  it('answers in the language of the question, and keeps it on "ok"', async () => {
    const adapter = new TestAdapter(bot, 'fi-visitor');
    await adapter
      .send('missä mun paketti on?')
      .assertReply((r) => {
        expect(r.meta.lang).toBe('fi');
        expect(r.meta.articleId).toBe('track-order');
        expect(r.text).toMatch(/seurantalin/);
      })
      .send('ok')
      .assertReply((r) => expect(r.meta.lang).toBe('fi'));
  });

  it('switches on an explicit request, confirms it in the new language, then answers in it', async () => {
    await new TestAdapter(bot, 'switcher')
      .send('miten vaihdan salasanan')
      .assertReply((r) => expect(r.meta).toMatchObject({ lang: 'fi', articleId: 'reset-password' }))
      .send('in English please')
      .assertReply((r) =>
        expect(r).toMatchObject({
          text: "Sure, let's continue in English.",
          meta: { lang: 'en', event: 'lang' },
        }),
      )
      .send('suomeksi kiitos')
      .assertReply((r) =>
        expect(r).toMatchObject({ text: 'Selvä, jatketaan suomeksi.', meta: { lang: 'fi', event: 'lang' } }),
      );
  });

  it('says which languages it speaks when the visitor writes in another one', async () => {
    await new TestAdapter(bot, 'german')
      .send('Wo ist meine Bestellung? Ich warte schon seit einer Woche.')
      .assertReply((r) => {
        expect(r.meta.event).toBe('lang');
        expect(r.text).toBe(
          'Sorry, I can only answer in these languages: English, suomi. Could you ask again in one of them?',
        );
      });
    const logged = await store.unresolved.list({ limit: 50 });
    expect(logged.filter((q) => q.text.startsWith('Wo ist'))).toEqual([]);
  });
});
