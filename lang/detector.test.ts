import { describe, expect, it } from '@jest/globals';
import { LanguageDetector } from './detector.js';
import { requestedLanguage } from './switch.js';
import { dominantScript } from './script.js';

const all = ['en', 'fi', 'et', 'tr', 'ar', 'th'];
const detector = LanguageDetector.build(all, {}, 'en');

describe('LanguageDetector (UDHR-trained n-grams, restricted to the KB languages)', () => {
  it.each([
    ['where is my order?', 'en'],
    ['missä mun paketti on', 'fi'],
    ['tellisin eelmisel nädalal', 'et'],
    ['siparişim nerede', 'tr'],
    ['أين طلبي؟', 'ar'],
    ['พัสดุของฉันอยู่ที่ไหน', 'th'],
  ])('detects %j as %s', (text, lang) => {
    expect(detector.detect(text).lang).toBe(lang);
  });

  it('decides Thai and Arabic by script', () => {
    expect(detector.detect('ขอบคุณ').source).toBe('script');
    expect(dominantScript('hello مرحبا مرحبا')).toBe('Arabic');
    expect(dominantScript('123 😀')).toBeNull();
  });

  it('keeps the conversation language on emoji, digits and "ok"', () => {
    for (const text of ['👍', '12345', 'ok', '?!'])
      expect(detector.detect(text, { current: 'fi' }).lang).toBe('fi');
  });

  it('switches on a whole sentence in another language even mid-conversation', () => {
    expect(detector.detect('where can I find my invoice', { current: 'fi' }).lang).toBe('en');
  });

  it('with switchOnly (inside a form) hears an explicit request and models nothing else', () => {
    const text = 'where can I find my invoice';
    expect(detector.detect(text, { current: 'fi', switchOnly: true })).toEqual({
      lang: 'fi',
      confidence: 0,
      source: 'prior',
      unsupported: null,
    });
    expect(detector.detect('in English please', { current: 'fi', switchOnly: true })).toMatchObject({
      lang: 'en',
      source: 'switch',
    });
  });

  it('uses a browser hint for a new conversation when the text says little', () => {
    expect(detector.detect('ok', { hints: ['tr-TR'] }).lang).toBe('tr');
  });

  it('flags a language the KB does not have and answers in the current one', () => {
    const d = detector.detect('wo ist meine Bestellung, ich warte schon seit einer Woche', { current: 'fi' });
    expect(d).toMatchObject({ lang: 'fi', unsupported: 'de' });
  });

  it('never returns a language outside the supported set', () => {
    const small = LanguageDetector.build(['en', 'fi'], {}, 'en');
    for (const t of ['siparişim nerede', 'أين طلبي', 'ขอบคุณ'])
      expect(['en', 'fi']).toContain(small.detect(t).lang);
  });
});

describe('explicit language requests', () => {
  it.each([
    ['in English please', 'en'],
    ['English?', 'en'],
    ['suomeksi kiitos', 'fi'],
    ['palun eesti keeles', 'et'],
    ['Türkçe lütfen', 'tr'],
    ['بالعربية من فضلك', 'ar'],
    ['ขอเป็นภาษาไทยครับ', 'th'],
  ])('%j asks for %s', (text, lang) => {
    expect(requestedLanguage(text, all)).toBe(lang);
  });

  it('does not switch on a question that merely mentions a language', () => {
    expect(requestedLanguage('do you ship English books to Finland', all)).toBeNull();
    expect(requestedLanguage('in English please', ['fi', 'tr'])).toBeNull();
  });
});
