import { describe, expect, it } from '@jest/globals';
import { matchKey, normalizeText, stem, words } from './analyze.js';
import { isStopWord } from './stopwords.js';

describe('per-language analysis', () => {
  it('normalises Arabic: diacritics, tatweel, alef/yeh/teh marbuta forms, Arabic-Indic digits', () => {
    expect(normalizeText('أَيْنَ طلبــي رقم ٤٨٢١٣', 'ar')).toBe('اين طلبي رقم 48213');
    expect(normalizeText('إلى مستشفى المدينة', 'ar')).toBe('الي مستشفي المدينه');
  });

  it('segments Thai into words', () => {
    const ws = words('พัสดุของฉันอยู่ที่ไหน', 'th');
    expect(ws.length).toBeGreaterThanOrEqual(4);
    expect(ws.join('')).toBe('พัสดุของฉันอยู่ที่ไหน');
  });

  it('lower-cases Turkish dotted and dotless i correctly, and folds Turkish letters as visitors often type', () => {
    expect(normalizeText('İADE SİPARİŞ', 'tr')).toBe('iade siparis');
    expect(normalizeText('IŞIK ÇOK GÜZEL', 'tr')).toBe('isik cok guzel');
    expect(normalizeText('siparisim nerde', 'tr')).toBe(normalizeText('siparişim nerde', 'tr'));
  });

  it('stems Finnish, Turkish and Arabic with Snowball, English with Porter, Estonian by prefix', () => {
    expect(stem('paketistani', 'fi')).toBe(stem('paketti', 'fi'));
    expect(stem('siparişimi', 'tr')).toBe('sipariş');
    expect(stem('payments', 'en')).toBe('payment');
    expect(stem('tellimusega', 'et')).toBe(stem('tellimuse', 'et'));
    expect(stem('ภาษา', 'th')).toBe('ภาษา');
  });
});

describe('matching aids', () => {
  it('keeps Thai sara am whole after NFKC, so ICU segments the words it knows', () => {
    expect(normalizeText('ทำไม', 'th')).toBe('ทำไม');
    expect(words('อยากเป็นตัวแทนจำหน่าย', 'th')).toContain('จำหน่าย');
  });

  it('cuts Finnish and Estonian stems to 5-letter matching keys, other languages keep the stem', () => {
    expect(matchKey('palautettua', 'fi')).toBe(matchKey('palautus', 'fi'));
    expect(matchKey('toimitatteko', 'fi')).toBe(matchKey('toimitus', 'fi'));
    expect(matchKey('kokoamisohje', 'fi')).toBe(matchKey('kokoaminen', 'fi'));
    expect(matchKey('tellimusega', 'et')).toBe('telli');
    expect(matchKey('payments', 'en')).toBe('payment');
  });

  it('knows each language’s function words, not its content words', () => {
    expect(isStopWord('onko', 'fi')).toBe(true);
    expect(isStopWord('tilaus', 'fi')).toBe(false);
    expect(isStopWord('kas', 'et')).toBe(true);
    expect(isStopWord('ครับ', 'th')).toBe(true);
    expect(isStopWord('ทำไม', 'th')).toBe(true);
    expect(isStopWord('ve', 'tr')).toBe(true);
    expect(isStopWord(normalizeText('إلى', 'ar'), 'ar')).toBe(true);
    expect(isStopWord('the', 'en')).toBe(false);
  });
});
