import lunr from 'lunr';

/**
 * Text → sparse features for the classifier: stemmed words ("w:"), word bigrams ("b:") and character
 * 2–4-grams of each word with boundary marks ("c:"), which carry morphology and typos. Feature names are
 * grouped by their first letter so each group can be normalised and weighted on its own.
 */
export type FeatureCounts = Map<string, number>;

const stemCache = new Map<string, string>();

/** Porter stemming for English (lunr's stemmer); other languages keep the word (char n-grams carry them). */
export function stemWord(word: string, lang: string): string {
  if (lang !== 'en') return word;
  let stem = stemCache.get(word);
  if (stem === undefined) {
    stem = lunr.stemmer(new lunr.Token(word, {})).toString();
    if (stemCache.size > 200_000) stemCache.clear();
    stemCache.set(word, stem);
  }
  return stem;
}

/** Lower-cased words (letters, marks and digits); apostrophes inside words are dropped ("don't" → "dont"). */
export function tokenize(text: string): string[] {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .replace(/['’]/g, '')
      .match(/[\p{L}\p{M}\p{N}]+/gu) ?? []
  );
}

export function featurize(text: string, lang: string): FeatureCounts {
  const words = tokenize(text);
  const features: FeatureCounts = new Map();
  const add = (key: string) => features.set(key, (features.get(key) ?? 0) + 1);
  const stems = words.map((w) => stemWord(w, lang));
  for (const s of stems) add(`w:${s}`);
  for (let i = 0; i + 1 < stems.length; i++) add(`b:${stems[i]}_${stems[i + 1]}`);
  for (const w of words) {
    const padded = `<${w}>`;
    for (let n = 3; n <= 4; n++)
      for (let i = 0; i + n <= padded.length; i++) add(`c:${padded.slice(i, i + n)}`);
  }
  return features;
}
