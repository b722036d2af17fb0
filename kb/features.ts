import { matchKey, stem, words } from '../lang/analyze.js';

/**
 * Text → sparse features for the classifier: stemmed words ("w:"; outside English also the word as
 * written and its coarser matching key, lang/analyze.ts), word bigrams ("b:") and character 3–4-grams of
 * each word with boundary marks ("c:"), which carry morphology and typos. In the agglutinative languages
 * (`prefixLengths`) also each word's first 4 and 6 letters ("p:"): a coarse and a finer stem that survive
 * suffixes the stemmer misses. Feature names are grouped by their first letter so each group can be
 * normalised and weighted on its own.
 */
export type FeatureCounts = Map<string, number>;

/** A word's stem in `lang` (lang/analyze.ts: lunr's Porter stemmer for English, Snowball, …). */
export const stemWord = stem;

/**
 * Lower-cased words (letters, marks and digits), normalised per language; apostrophes inside words are
 * dropped ("don't" → "dont"); Thai is segmented into words.
 */
export function tokenize(text: string, lang = 'en'): string[] {
  return words(text, lang);
}

/**
 * Word prefix lengths per language, for the "p:" group. Chosen on the sparse KB's development paraphrases
 * (test/fixtures/paraphrases-*.jsonl): 4 and 6 against 5 and 7, 3/5/7, 4–7, 3 and 6, 4 and 7 (README #17).
 */
export const prefixLengths: Readonly<Record<string, readonly number[]>> = {
  fi: [4, 6],
  et: [4, 6],
  tr: [4, 6],
};

export function featurize(text: string, lang: string): FeatureCounts {
  const ws = tokenize(text, lang);
  const features: FeatureCounts = new Map();
  const add = (key: string) => features.set(key, (features.get(key) ?? 0) + 1);
  const stems = ws.map((w) => stemWord(w, lang));
  for (const s of stems) add(`w:${s}`);
  if (lang !== 'en')
    ws.forEach((w, i) => {
      if (w !== stems[i]) add(`w:${w}`);
      const key = matchKey(w, lang);
      if (key !== stems[i] && key !== w) add(`w:${key}`);
    });
  for (const n of prefixLengths[lang] ?? [])
    for (const w of ws) {
      const letters = [...w];
      if (letters.length > n) add(`p:${letters.slice(0, n).join('')}`);
    }
  for (let i = 0; i + 1 < stems.length; i++) add(`b:${stems[i]}_${stems[i + 1]}`);
  for (const w of ws) {
    const padded = `<${w}>`;
    for (let n = 3; n <= 4; n++)
      for (let i = 0; i + n <= padded.length; i++) add(`c:${padded.slice(i, i + n)}`);
  }
  return features;
}
