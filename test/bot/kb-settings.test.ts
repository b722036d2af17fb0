import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Bot } from '../../bot/bot.js';
import { I18nTranslator } from '../../bot/i18n.js';
import type { KnowledgeBase } from '../../bot/ports.js';
import type { Store } from '../../store/ports.js';
import type { PolicySettings } from '../../kb/policy.js';
import { LiveKnowledgeBase } from '../../kb/live-kb.js';
import { openEmbeddedStore } from '../../store/embedded/sqlite-store.js';
import { loadLocales } from '../../server/locales.js';
import { repoRoot } from '../helpers/server.js';
import { TestAdapter } from '../helpers/test-adapter.js';

const settings = { answerThreshold: 0.25, clarifyMargin: 0.05, defaultLang: 'en', maxMessageLength: 2000 };
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

let store: Store;
let translator: I18nTranslator;

beforeAll(async () => {
  translator = await I18nTranslator.create(loadLocales(path.join(repoRoot, 'content')), 'en');
  store = openEmbeddedStore(':memory:');
});
afterAll(() => store.close());

describe('the bot reads the KB settings on every turn', () => {
  it('a KB threshold above the candidate turns an answer into "rephrase", and back', async () => {
    let overrides: Partial<PolicySettings> = {};
    const kb: KnowledgeBase = {
      languages: () => ['en'],
      article: (id) => (id === 'a' ? { id: 'a', title: 'A', body: 'The answer.' } : undefined),
      match: async () => [{ articleId: 'a', title: 'A', confidence: 0.5 }],
      suggest: async () => [],
      settings: () => overrides,
    };
    const bot = new Bot({ store, kb, translator, settings, log: silent });
    const adapter = new TestAdapter(bot);
    const answered = (r: { meta: { articleId?: string | null; event?: string | null } }) => {
      expect(r.meta.articleId).toBe('a');
      expect(r.meta.event).toBeNull();
    };
    await adapter.send('question').assertReply(answered); // 0.5 ≥ 0.25 (process setting)

    overrides = { answerThreshold: 0.6 }; // below it, but likely enough to offer (0.5 ≥ 0.33)
    await adapter.send('question').assertReply((r) => expect(r.meta.event).toBe('offer'));

    overrides = { answerThreshold: 0.6, offerThreshold: 0.55 };
    await adapter.send('question').assertReply((r) => expect(r.meta.event).toBe('unresolved'));

    overrides = { clarifyMargin: 0.2 }; // no threshold of its own: 0.25 applies again
    await adapter.send('question').assertReply(answered);
  });
});

describe('thresholds the KB chose for a language', () => {
  it("apply in that language only, and config.yml's answerThreshold overrides them", async () => {
    let overrides: Partial<PolicySettings> = {};
    const kb: KnowledgeBase = {
      languages: () => ['en', 'fi'],
      article: (id) => (id === 'a' ? { id: 'a', title: 'A', body: 'The answer.' } : undefined),
      // The Finnish question matches in Finnish only (no second chance in English).
      match: async (text, lang) =>
        (lang === 'fi') === (text === 'kysymys') ? [{ articleId: 'a', title: 'A', confidence: 0.5 }] : [],
      suggest: async () => [],
      settings: () => overrides,
      chosenSettings: (lang) => (lang === 'fi' ? { answerThreshold: 0.6 } : undefined),
    };
    const bot = new Bot({ store, kb, translator, settings, log: silent });
    const event = (r: { meta: { event?: string | null } }) => r.meta.event;
    await new TestAdapter(bot)
      .send('question', { localeHint: 'en' })
      .assertReply((r) => expect(event(r)).toBeNull());
    const fi = new TestAdapter(bot);
    await fi.send('kysymys', { localeHint: 'fi' }).assertReply((r) => expect(event(r)).toBe('offer'));
    overrides = { answerThreshold: 0.4 };
    await fi.send('kysymys').assertReply((r) => expect(event(r)).toBeNull());
  });
});

describe('Bot over a LiveKnowledgeBase: a reloaded config.yml applies to the next turn', () => {
  let dir = '';
  let live: LiveKnowledgeBase | null = null;
  afterEach(async () => {
    await live?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('follows config.yml across reloads and keeps the last good one when it breaks', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'fd-kb-settings-'));
    const kbDir = path.join(dir, 'kb');
    mkdirSync(path.join(kbDir, 'en'), { recursive: true });
    const write = (rel: string, text: string) => writeFileSync(path.join(kbDir, rel), text);
    const article = (id: string, title: string, question: string) =>
      write(
        `en/${id}.md`,
        ['---', `id: ${id}`, `title: ${title}`, `questions: [${question}]`, '---', `About ${id}.`].join('\n'),
      );
    article('reset-password', 'How do I reset my password?', 'I forgot my password');
    article('track-order', 'How do I track my order?', 'where is my parcel');
    article('gift-cards', 'How do gift cards work?', 'can I buy a voucher');
    write('config.yml', 'answerThreshold: 0\nclarifyMargin: 0\n');

    live = await LiveKnowledgeBase.open(dir);
    const kb = live;
    expect(kb.settings()).toEqual({ answerThreshold: 0, clarifyMargin: 0 });
    const bot = new Bot({ store, kb, translator, settings, log: silent });
    const adapter = new TestAdapter(bot);
    // Two topics in one question: answered only because the KB's threshold is 0.
    const question = 'I forgot my password and where is my parcel';
    let top = 0;
    await adapter.send(question).assertReply((r) => {
      expect(r.meta.event).toBeNull();
      top = r.meta.confidence ?? 1;
    });
    expect(top).toBeLessThan(0.999);

    write('config.yml', `answerThreshold: ${Math.min(1, top + 0.001)}\nclarifyMargin: 0\n`);
    await kb.reload();
    await adapter.send(question).assertReply((r) => expect(r.meta.event).toBe('offer'));

    write('config.yml', 'answerThreshold: 2\n'); // invalid: the last good settings stay
    await kb.reload();
    expect(kb.problems).toEqual([expect.objectContaining({ code: 'config-invalid', line: 1 })]);
    expect(kb.settings().answerThreshold).toBeCloseTo(Math.min(1, top + 0.001), 10);
    await adapter.send(question).assertReply((r) => expect(r.meta.event).toBe('offer'));

    rmSync(path.join(kbDir, 'config.yml')); // no file: the process settings apply
    await kb.reload();
    expect(kb.settings()).toEqual({});
  });
});
