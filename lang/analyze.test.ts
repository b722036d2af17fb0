import { describe, expect, it } from '@jest/globals';
import { normalizeText, stem, words } from './analyze.js';

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

  it('lower-cases Turkish dotted and dotless i correctly', () => {
    expect(normalizeText('İADE SİPARİŞ', 'tr')).toBe('iade sipariş');
  });

  it('stems Finnish, Turkish and Arabic with Snowball, English with Porter, Estonian by prefix', () => {
    expect(stem('paketistani', 'fi')).toBe(stem('paketti', 'fi'));
    expect(stem('siparişimi', 'tr')).toBe('sipariş');
    expect(stem('payments', 'en')).toBe('payment');
    expect(stem('tellimusega', 'et')).toBe(stem('tellimuse', 'et'));
    expect(stem('ภาษา', 'th')).toBe('ภาษา');
  });
});
