import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import type { Bot } from '../../bot/bot.js';
import { I18nTranslator } from '../../bot/i18n.js';
import type { Store } from '../../store/ports.js';
import { KnowledgeBaseIndex } from '../../kb/knowledge-base.js';
import { loadKb } from '../../kb/load.js';
import { loadLocales } from '../../server/locales.js';
import { openEmbeddedStore } from '../../store/embedded/sqlite-store.js';
import { repoRoot } from '../helpers/server.js';
import { TestAdapter } from '../helpers/test-adapter.js';
import { testBot } from '../helpers/bot.js';

/**
 * Transcripts in each of the six demo languages: detection, the sticky prior on "ok"/emoji/digits, the
 * explicit switch to English and back, and the fallback note for an article the language lacks (the
 * demo's gift-card article is taken out of every language but English for this test).
 */
const cases = [
  {
    lang: 'fi',
    toEnglish: 'englanniksi kiitos',
    back: 'in Finnish please',
    ok: 'ok kiitos',
    note: /^Tätä ohjetta ei ole vielä suomeksi/,
  },
  {
    lang: 'et',
    toEnglish: 'inglise keeles palun',
    back: 'in Estonian please',
    ok: 'okei 👍',
    note: /^Seda artiklit pole veel eesti keeles/,
  },
  {
    lang: 'tr',
    toEnglish: 'İngilizce lütfen',
    back: 'in Turkish please',
    ok: 'tamam',
    note: /^Bu makale henüz Türkçe olarak mevcut değil/,
  },
  {
    lang: 'ar',
    toEnglish: 'بالإنجليزية من فضلك',
    back: 'in Arabic please',
    ok: '👍',
    note: /^هذه المقالة غير متوفرة بالعربية بعد/,
  },
  { lang: 'th', toEnglish: 'ภาษาอังกฤษ', back: 'in Thai please', ok: '555', note: /^บทความนี้ยังไม่มีเป็นภาษาไทย/ },
] as const;

let store: Store;
let bot: Bot;
let titles: Map<string, string>;

beforeAll(async () => {
  const content = path.join(repoRoot, 'content');
  const loaded = await loadKb(content);
  const articles = loaded.articles.filter((a) => a.lang === 'en' || a.id !== 'gift-cards');
  titles = new Map(articles.filter((a) => a.id === 'track-order').map((a) => [a.lang, a.title]));
  const kb = await KnowledgeBaseIndex.build({ articles, forms: loaded.forms });
  store = openEmbeddedStore(':memory:');
  bot = await testBot(kb, store);
});
afterAll(() => store.close());

describe.each(cases)('a conversation in $lang', ({ lang, toEnglish, back, ok, note }) => {
  it('is detected, stays put on weak evidence, switches on request and back, and notes a fallback', async () => {
    const translator = await I18nTranslator.create(loadLocales(path.join(repoRoot, 'content')), 'en');
    await new TestAdapter(bot, `six-${lang}`)
      .send(titles.get(lang) ?? '')
      .assertReply((r) => expect(r.meta).toMatchObject({ lang, articleId: 'track-order' }))
      .send(ok)
      .assertReply((r) => expect(r.meta.lang).toBe(lang))
      .send('48213')
      .assertReply((r) => expect(r.meta.lang).toBe(lang))
      .send(toEnglish)
      .assertReply((r) =>
        expect(r).toMatchObject({
          text: "Sure, let's continue in English.",
          meta: { lang: 'en', event: 'lang' },
        }),
      )
      .send(back)
      .assertReply((r) =>
        expect(r).toMatchObject({ text: translator.t('lang.switched', lang), meta: { lang, event: 'lang' } }),
      )
      .send('gift cards', { postback: 'article:gift-cards' })
      .assertReply((r) => {
        expect(r.meta).toMatchObject({ lang, event: 'fallback' });
        expect(r.text).toMatch(note);
        expect(r.text).toBe(translator.t('fallback.note', lang, { fallback: 'English' }));
      })
      .assertReply((r) =>
        expect(r.meta).toMatchObject({ lang: 'en', articleId: 'gift-cards', fallback: true }),
      );
    expect((await store.missingTranslations.list({ lang }))[0]).toMatchObject({
      articleId: 'gift-cards',
      requests: 1,
    });
  });
});
