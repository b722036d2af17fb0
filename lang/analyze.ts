import lunr from 'lunr';
import snowball from 'snowball-stemmers';

/**
 * Per-language text analysis for matching: normalisation, word segmentation and stemming.
 * - Arabic: diacritics and tatweel removed; alef, yeh, teh marbuta, waw/yeh hamza forms unified.
 * - Thai (no spaces between words): segmented with ICU's dictionary through Intl.Segmenter.
 * - Thai sara am, which NFKC splits in two, is put back together so ICU's dictionary knows the words.
 * - Stemming: Snowball for Finnish, Turkish and Arabic; Estonian has no Snowball stemmer, so its words are
 *   cut to their first 5 letters (a suffix stripper and 4, 6 and 7 letters measured worse); English uses
 *   lunr's Porter stemmer. Other languages keep the word; character n-grams carry the rest.
 * - Matching keys (`matchKey`): Finnish and Estonian stems cut to 5 letters, for BM25.
 */
const snowballFor: Readonly<Record<string, string>> = { fi: 'finnish', tr: 'turkish', ar: 'arabic' };
const stemmers = new Map<string, snowball.Stemmer>();
const cache = new Map<string, string>();
const thaiSegmenter = new Intl.Segmenter('th', { granularity: 'word' });

const turkishFold: Readonly<Record<string, string>> = { ş: 's', ç: 'c', ğ: 'g', ı: 'i', ö: 'o', ü: 'u' };

export function normalizeText(text: string, lang: string): string {
  let t = text.normalize('NFKC').toLocaleLowerCase(lang === 'tr' ? 'tr' : 'en');
  if (lang === 'ar') {
    t = t
      .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
      .replace(/[أإآٱ]/g, 'ا')
      .replace(/ى/g, 'ي')
      .replace(/ة/g, 'ه')
      .replace(/ؤ/g, 'و')
      .replace(/ئ/g, 'ي')
      .replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x660));
  }
  if (lang === 'th') t = t.replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0xe50));
  // Turkish visitors often type without Turkish letters ("siparisim nerde"): fold them on both sides.
  if (lang === 'tr') t = t.replace(/[şçğıöü]/g, (c) => turkishFold[c] ?? c);
  // NFKC decomposes Thai sara am (ำ) into nikhahit + sara aa, which ICU's word dictionary does not know.
  t = t.replace(/\u0E4D\u0E32/g, '\u0E33');
  return t.replace(/['’]/g, '');
}

/** The words of a text (letters, marks, digits), normalised; Thai is segmented into words. */
export function words(text: string, lang: string): string[] {
  const t = normalizeText(text, lang);
  if (lang === 'th' || /\p{Script=Thai}/u.test(t)) {
    const out: string[] = [];
    for (const s of thaiSegmenter.segment(t)) {
      if (s.isWordLike) out.push(...(s.segment.match(/[\p{L}\p{M}\p{N}]+/gu) ?? []));
    }
    return out;
  }
  return t.match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
}

/** The stem of a normalised word in `lang` (the word itself where no stemmer applies). */
export function stem(word: string, lang: string): string {
  const key = `${lang}\u0000${word}`;
  let s = cache.get(key);
  if (s !== undefined) return s;
  if (lang === 'en') s = lunr.stemmer(new lunr.Token(word, {})).toString();
  else if (lang === 'et') s = [...word].slice(0, 5).join('');
  else {
    const algorithm = snowballFor[lang];
    if (algorithm) {
      let stemmer = stemmers.get(lang);
      if (!stemmer) {
        stemmer = snowball.newStemmer(algorithm);
        stemmers.set(lang, stemmer);
      }
      s = stemmer.stem(word);
    } else s = word;
  }
  if (cache.size > 200_000) cache.clear();
  cache.set(key, s);
  return s;
}

/** Letters of a matching key in the languages whose stems still vary too much for matching. */
const keyLength: Readonly<Record<string, number>> = { fi: 5, et: 5 };

/**
 * The key a word is matched on in BM25 (and an extra classifier feature): its stem, cut to 5 letters in
 * Finnish and Estonian. Snowball's Finnish stems keep inflected and derived forms apart ("palautetu" /
 * "palautus", "toimitat" / "toimitus", "kokoamisohj" / "kokoamin"); their first letters mostly agree.
 * Measured against the bare stem and 4–7 letters on the paraphrase sets and the KB's cross-validated
 * questions (4 letters conflate too much, 6–7 too little).
 */
export function matchKey(word: string, lang: string): string {
  const s = stem(word, lang);
  const n = keyLength[lang];
  return n === undefined ? s : [...s].slice(0, n).join('');
}
