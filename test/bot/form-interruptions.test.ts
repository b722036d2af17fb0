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

/** Issue #19 item 5: inside a form, a typed request for a person and a Thai question are recognised. */

let store: Store;
let kb: KnowledgeBaseIndex;
const requests: Array<{ reason: string; lang: string }> = [];

/** A desk that queues every request as number 1 and records why it was asked. */
const desk: HandoffDesk = {
  isActive: async () => false,
  request: async (_conversation, input) => {
    requests.push({ reason: input.reason, lang: input.lang });
    return {
      kind: 'queued',
      view: { state: 'queued', position: 1, etaMinutes: 2, agentName: null },
    };
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

describe('inside a form', () => {
  it.each([
    ['en', 'my lamp arrived broken', 'human'],
    ['fi', 'lamppu tuli rikki', 'ihminen'],
  ])(
    'typed handoff words in %s leave the form and ask for a person, like the header button',
    async (lang, start, words) => {
      const bot = await testBot(kb, store, { detect: false, extra: { handoff: { desk, afterFailures: 2 } } });
      const key = `typed-handoff-${lang}`;
      requests.length = 0;
      await new TestAdapter(bot, key)
        .send(start, { localeHint: lang })
        .assertReply((r) => expect(r.meta.event).toBe('form'))
        .send(words)
        .assertReply((r) => expect(r.meta.event).toBe('handoff'));
      expect(requests).toEqual([{ reason: 'asked', lang }]);
      expect((await store.conversations.find('test', key))?.state.form).toBeNull();
    },
  );

  it('matches a question asked inside a form once, and still answers it in the form language', async () => {
    const matched: string[] = [];
    const counting: KnowledgeBaseIndex = Object.create(kb) as KnowledgeBaseIndex;
    counting.match = (text, lang, limit) => {
      matched.push(`${lang}:${text}`);
      return kb.match(text, lang, limit);
    };
    const bot = await testBot(counting, store);
    await new TestAdapter(bot, 'question-in-form-matched-once')
      .send('my lamp arrived broken', { localeHint: 'en' })
      .assertReply((r) => expect(r.meta.event).toBe('form'))
      .send('can I get an invoice with VAT?')
      .assertReply((r) => expect(r.meta.articleId).toBe('invoices-vat'))
      // …then asks for the order number again.
      .assertReply((r) => expect(r.text).toMatch(/order number/i));
    expect(matched.filter((m) => m.endsWith('invoice with VAT?'))).toEqual([
      'en:can I get an invoice with VAT?',
    ]);
  });

  it('answers a Thai question without "?" instead of taking it as the order number', async () => {
    const bot = await testBot(kb, store, { detect: false });
    await new TestAdapter(bot, 'th-question-in-form')
      .send('โคมไฟมาถึงแตก', { localeHint: 'th' })
      .assertReply((r) => expect(r.meta.event).toBe('form'))
      .send('ขอใบกำกับภาษีได้ไหม')
      .assertReply((r) => expect(r.meta.articleId).toBe('invoices-vat'))
      // …then asks for the order number again.
      .assertReply((r) => expect(r.text).toMatch(/หมายเลขคำสั่งซื้อของคุณคืออะไรคะ/));
  });
});
