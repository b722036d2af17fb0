import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { Bot } from '../../bot/bot.js';
import { I18nTranslator } from '../../bot/i18n.js';
import type { HandoffDesk, KnowledgeBase } from '../../bot/ports.js';
import type { Store } from '../../store/ports.js';
import type { StoredMessage } from '../../conversation/types.js';
import { KnowledgeBaseIndex } from '../../kb/knowledge-base.js';
import { loadKb } from '../../kb/load.js';
import { openEmbeddedStore } from '../../store/embedded/sqlite-store.js';
import { loadLocales } from '../../server/locales.js';
import { repoRoot } from '../helpers/server.js';
import { TestAdapter } from '../helpers/test-adapter.js';

const settings = { answerThreshold: 0.25, clarifyMargin: 0.05, defaultLang: 'en', maxMessageLength: 2000 };
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** What the matcher returns for each kind of question: clear, spread over three articles, or nothing likely. */
const scripted: Record<string, ReadonlyArray<[string, number]>> = {
  answer: [
    ['track-order', 0.9],
    ['shipping-times-and-costs', 0.05],
  ],
  // 0.22 < 0.25: no answer; 0.22 + 0.15 + 0.08 ≥ 0.33: an offer of all three.
  offer: [
    ['refund-timing', 0.22],
    ['return-an-item', 0.15],
    ['exchange-item', 0.08],
    ['gift-cards', 0.01],
  ],
  admit: [['contact-us', 0.05]],
};
const offered = ['refund-timing', 'return-an-item', 'exchange-item'];

/** The visitor's questions in each language, by the kind of decision they get. */
const questions: Record<string, Record<'answer' | 'offer' | 'admit', string>> = {
  en: { answer: 'where is my parcel', offer: 'money back?', admit: 'do you sell pianos' },
  fi: { answer: 'missä pakettini on', offer: 'rahat takaisin?', admit: 'myyttekö pianoja' },
  ar: { answer: 'أين طردي', offer: 'استرداد المال؟', admit: 'هل تبيعون البيانو' },
};

/** Exact strings the visitor sees, as the locale files give them. */
const seen: Record<string, { prompt: string; none: string }> = {
  en: { prompt: 'These articles may help:', none: 'None of these' },
  fi: { prompt: 'Näistä artikkeleista voi olla apua:', none: 'Ei mikään näistä' },
  ar: { prompt: 'قد تساعدك هذه المقالات:', none: 'لا شيء مما سبق' },
};

let store: Store;
let demo: KnowledgeBaseIndex;
let translator: I18nTranslator;

/** The demo KB's articles, with the matcher replaced by `scripted` (the question's kind by its text). */
function scriptedKb(): KnowledgeBase {
  const kindOf = (text: string, lang: string) =>
    (Object.entries(questions[lang] ?? {}).find(([, q]) => q === text)?.[0] ??
      'admit') as keyof typeof scripted;
  return {
    languages: () => ['ar', 'en', 'fi'],
    article: (id, lang) => demo.article(id, lang),
    match: async (text, lang) =>
      (scripted[kindOf(text, lang)] ?? []).map(([articleId, confidence]) => ({
        articleId,
        confidence,
        title: demo.article(articleId, lang)?.title ?? articleId,
      })),
    suggest: async () => [],
  };
}

/** A desk where nobody is ever online: a handoff ends in "nobody can take it". */
const emptyDesk: HandoffDesk = {
  isActive: async () => false,
  request: async () => ({ kind: 'nobody' }),
  visitorMessage: async () => undefined,
  cancel: async () => false,
  recordCsat: async () => undefined,
  pendingContact: async () => undefined,
};

beforeAll(async () => {
  const content = path.join(repoRoot, 'content');
  demo = await KnowledgeBaseIndex.build(await loadKb(content));
  translator = await I18nTranslator.create(loadLocales(content), 'en');
  store = openEmbeddedStore(':memory:');
});
afterAll(() => store.close());

const newBot = (withDesk = false) =>
  new Bot({
    store,
    kb: scriptedKb(),
    translator,
    settings,
    log: silent,
    ...(withDesk ? { handoff: { desk: emptyDesk, afterFailures: 2 } } : {}),
  });

describe.each(['en', 'fi', 'ar'])('answer, offer or admit, in %s', (lang) => {
  const q = questions[lang] as Record<'answer' | 'offer' | 'admit', string>;
  const s = seen[lang] as { prompt: string; none: string };
  const title = (id: string) => demo.article(id, lang)?.title ?? '';
  const stateOf = async (key: string) => (await store.conversations.find('test', key))?.state;

  it('answers a clear question with the article in the language', async () => {
    await new TestAdapter(newBot(), `${lang}-answer`)
      .send(q.answer, { localeHint: lang })
      .assertReply((r) => {
        expect(r.meta).toMatchObject({ articleId: 'track-order', event: null, lang });
        expect(r.text).toBe(demo.article('track-order', lang)?.body);
      });
  });

  it('offers the likely articles with "None of these", and a pick answers it', async () => {
    const key = `${lang}-pick`;
    const adapter = new TestAdapter(newBot(), key);
    await adapter.send(q.offer, { localeHint: lang }).assertReply((r: StoredMessage) => {
      expect(r.text).toBe(s.prompt);
      expect(r.meta.event).toBe('offer');
      expect(r.meta.choices?.map((c) => [c.label, c.postback])).toEqual([
        ...offered.map((id) => [title(id), `article:${id}`]),
        [s.none, 'offer:none'],
      ]);
    });
    expect((await stateOf(key))?.offer?.articleIds).toEqual(offered);
    await adapter.send(title('return-an-item'), { postback: 'article:return-an-item' }).assertReply((r) => {
      expect(r.meta).toMatchObject({ articleId: 'return-an-item', event: null });
      expect(r.text).toBe(demo.article('return-an-item', lang)?.body);
    });
    expect(await stateOf(key)).toMatchObject({ failures: 0, offer: null });
  });

  it('"None of these" asks to rephrase and logs the question with the articles offered', async () => {
    const key = `${lang}-none`;
    const adapter = new TestAdapter(newBot(), key);
    await adapter.send(q.offer, { localeHint: lang }).assertReply((r) => expect(r.meta.event).toBe('offer'));
    await adapter.send(s.none, { postback: 'offer:none' }).assertReply((r) => {
      expect(r.text).toBe(translator.t('offer.rephrase', lang));
      expect(r.meta.event).toBe('unresolved');
    });
    const [logged] = await store.unresolved.list({ lang, limit: 1 });
    expect(logged).toMatchObject({ text: q.offer, lang, offered });
    expect(logged?.candidates.map((c) => c.articleId)).toEqual([...offered, 'gift-cards']);
    expect(await stateOf(key)).toMatchObject({ failures: 1, offer: null });
  });

  it('admits a question nothing is likely for, and logs it with nothing offered', async () => {
    await new TestAdapter(newBot(), `${lang}-admit`).send(q.admit, { localeHint: lang }).assertReply((r) => {
      expect(r.text).toBe(translator.t('unresolved.rephrase', lang));
      expect(r.meta.event).toBe('unresolved');
    });
    const [logged] = await store.unresolved.list({ lang, limit: 1 });
    expect(logged).toMatchObject({ text: q.admit, offered: [] });
  });

  it('"None of these", then a rephrasing that fails too, offers a person; picking it hands off', async () => {
    const adapter = new TestAdapter(newBot(true), `${lang}-person`);
    await adapter
      .send(q.offer, { localeHint: lang })
      .assertReply((r) => expect(r.meta.event).toBe('offer'))
      .send(s.none, { postback: 'offer:none' })
      .assertReply((r) => expect(r.meta.event).toBe('unresolved'))
      .assertNoReply()
      .send(q.admit)
      .assertReply((r) => expect(r.meta.event).toBe('unresolved'))
      .assertReply((r) => {
        expect(r.text).toBe(translator.t('handoff.failuresOffer', lang));
        expect(r.meta.choices?.[0]?.postback).toBe('handoff:failures');
      })
      .send(translator.t('handoff.failuresPerson', lang), { postback: 'handoff:failures' })
      .assertReply((r) => {
        expect(r.meta.event).toBe('handoff');
        expect(r.text).toBe(translator.t('handoff.nobody', lang));
      });
  });
});
