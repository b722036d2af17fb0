import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Bot } from '../../bot/bot.js';
import type { Store } from '../../store/ports.js';
import { LiveKnowledgeBase } from '../../kb/live-kb.js';
import { openEmbeddedStore } from '../../store/embedded/sqlite-store.js';
import { repoRoot } from '../helpers/server.js';
import { TestAdapter } from '../helpers/test-adapter.js';
import { testBot } from '../helpers/bot.js';

let store: Store;
let bot: Bot;
let kb: LiveKnowledgeBase;

/** The demo's English and Finnish KB and forms, plus two Arabic articles (test/fixtures/kb-ar). */
beforeAll(async () => {
  const demo = path.join(repoRoot, 'content');
  const content = mkdtempSync(path.join(tmpdir(), 'fd-forms-i18n-'));
  for (const dir of ['kb/en', 'kb/fi', 'forms', 'locales'])
    cpSync(path.join(demo, dir), path.join(content, dir), { recursive: true });
  mkdirSync(path.join(content, 'kb', 'ar'));
  cpSync(path.join(repoRoot, 'test', 'fixtures', 'kb-ar'), path.join(content, 'kb', 'ar'), {
    recursive: true,
  });
  kb = await LiveKnowledgeBase.open(content);
  expect(kb.problems.filter((p) => p.severity === 'error')).toEqual([]);
  store = openEmbeddedStore(':memory:');
  bot = await testBot(kb, store, { contentDir: content });
});
afterAll(async () => {
  await kb.close();
  await store.close();
});

describe('the order-problem form in Finnish', () => {
  it('pre-fills, parses Finnish dates and phone numbers, understands Finnish commands, answers in Finnish', async () => {
    await new TestAdapter(bot, 'fi-form')
      .send('lähetitte mulle väärän tuotteen, tilaus 48213')
      .assertReply((r) => {
        expect(r.meta).toMatchObject({ lang: 'fi', event: 'form' });
        expect(r.text).toMatch(/^Tarvitsen ensin muutaman tiedon\./);
        expect(r.text).toMatch(/Mikä meni pieleen\?$/);
        expect(r.meta.choices?.map((c) => c.label)).toEqual([
          'Vaurioitunut tuote',
          'Väärä tuote',
          'Puuttuva tuote',
        ]);
      })
      .send('väärä tuote')
      .assertReply(/^Minä päivänä paketti saapui\?/)
      .send('31.2.2026')
      .assertReply(/^Hmm, tämä ei näytä oikealta\. Anna päivämäärä, esimerkiksi 12\.3\.2026/)
      .send('12.11.2026')
      .assertReply(/^Mihin sähköpostiosoitteeseen vastaamme\?$/)
      .send('takaisin')
      .assertReply(/^Minä päivänä paketti saapui\?/)
      .send('eilen')
      .assertReply(/^Mihin sähköpostiosoitteeseen/)
      .send('matti@example.fi')
      .assertReply(/^Entä puhelinnumero/)
      .send('040 123 4567')
      .assertReply((r) => {
        expect(r.text).toMatch(/^Nämä tiedot sain:/);
        expect(r.text).toContain('- **Tilausnumero:** 48213 _(viestistäsi)_');
        expect(r.text).toContain('- **Ongelma:** Väärä tuote');
        expect(r.text).toContain('- **Puhelin:** ••••4567');
        expect(r.meta.choices?.map((c) => c.label)).toContain('Muuta: Sähköposti');
      })
      .send('joo')
      .assertReply((r) => {
        expect(r.meta).toMatchObject({ event: 'form-done', lang: 'fi', articleId: 'damaged-or-wrong-item' });
        expect(r.text).toMatch(/^Kiitos, kirjasin ongelman tilaukseen \*\*48213\*\*: Väärä tuote\./);
      });
    const details = (await store.conversations.find('test', 'fi-form'))?.state.details;
    expect(details).toMatchObject({ phone: '+358401234567', email: 'matti@example.fi' });
  });

  it('cancels with "peruuta" and answers a Finnish question in the middle', async () => {
    await new TestAdapter(bot, 'fi-cancel')
      .send('paketti oli vaurioitunut kuljetuksessa')
      .assertReply(/Mikä on tilausnumerosi\?/)
      .send('kuinka kauan rahojen palautus kestää?')
      .assertReply((r) => expect(r.meta).toMatchObject({ lang: 'fi', articleId: 'refund-timing' }))
      .assertReply(/^Jatketaan sitten tietojesi kanssa:\n\nMikä on tilausnumerosi\?/)
      .send('peruuta')
      .assertReply('Selvä, peruin sen. Voinko auttaa jossain muussa?');
  });
});

describe('the order-problem form in Arabic', () => {
  it('collects with Arabic-Indic digits, Arabic dates and Arabic commands, then answers in Arabic', async () => {
    await new TestAdapter(bot, 'ar-form')
      .send('وصلني المصباح مكسورًا')
      .assertReply((r) => {
        expect(r.meta).toMatchObject({ lang: 'ar', event: 'form' });
        expect(r.text).toMatch(/^أحتاج إلى بعض التفاصيل أولًا\./);
        expect(r.text).toMatch(/ما رقم طلبك؟/);
      })
      .send('١٢٣')
      .assertReply(/^يبدو أن هذا غير صحيح\. يتكون رقم الطلب من 5 إلى 8 أرقام/)
      .send('رقم الطلب ٤٨٢١٣')
      .assertReply(/^ما المشكلة التي حدثت؟$/)
      .send('١')
      .assertReply(/^متى وصلت الشحنة؟/)
      .send('١٢ نوفمبر ٢٠٢٦')
      .assertReply(/^على أي بريد إلكتروني نرد عليك؟$/)
      .send('ahmed@example.com')
      .assertReply(/رقم هاتف/)
      .send('٠٥٠١٢٣٤٥٦٧')
      .assertReply(/^يُرجى إضافة رمز الدولة/)
      .send('تخطي')
      .assertReply((r) => {
        expect(r.text).toMatch(/^هذه هي البيانات التي لدي:/);
        expect(r.text).toContain('- **رقم الطلب:** 48213');
        expect(r.text).toContain('- **المشكلة:** منتج تالف');
        expect(r.text).toContain('- **الهاتف:** _(تم التخطي)_');
      })
      .send('نعم')
      .assertReply((r) => {
        expect(r.meta).toMatchObject({ event: 'form-done', lang: 'ar' });
        expect(r.text).toMatch(/^شكرًا، سجّلت المشكلة في الطلب \*\*48213\*\*: منتج تالف\./);
      });
    expect((await store.conversations.find('test', 'ar-form'))?.state.details?.['deliveredOn']).toBe(
      '2026-11-12',
    );
  });

  it('goes back with "رجوع" and cancels with "إلغاء"', async () => {
    await new TestAdapter(bot, 'ar-nav')
      .send('أرسلتم لي منتجًا خاطئًا، الطلب 48213')
      .assertReply(/ما المشكلة التي حدثت؟$/)
      .send('رجوع')
      .assertReply(/^ما رقم طلبك؟/)
      .send('48214')
      .assertReply(/ما المشكلة التي حدثت؟$/)
      .send('إلغاء')
      .assertReply('حسنًا، ألغيت ذلك. هل يمكنني مساعدتك في شيء آخر؟');
  });
});
