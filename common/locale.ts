/** Longest tag read; browsers send short ones ("en-GB"), anything longer is not a visitor's locale. */
const maxTagLength = 35;

/**
 * A BCP 47 language tag in canonical form without extensions ("EN-gb" → "en-GB",
 * "th-TH-u-nu-thai" → "th-TH"), or null when it is not a well-formed tag ("en_GB", "x", "").
 */
export function canonicalLocale(tag: string): string | null {
  if (tag.length === 0 || tag.length > maxTagLength) return null;
  try {
    return new Intl.Locale(tag).baseName;
  } catch {
    return null;
  }
}

/** The tag's language ("en" of "en-GB"). */
const languageOf = (tag: string): string => tag.split('-')[0]?.toLowerCase() ?? tag;

/**
 * The locale to write dates, times and numbers in for a visitor reading `lang`: their first own locale that
 * is a variant of `lang` ("en-GB" for an English conversation of a British browser, so "3 December"; "en-US"
 * gives "December 3"), else `lang` itself. A locale of another language never wins: a visitor who switched
 * to Finnish reads Finnish dates. Malformed tags are skipped.
 */
export function formattingLocale(lang: string, locales: ReadonlyArray<string | null | undefined>): string {
  const wanted = languageOf(lang);
  for (const raw of locales) {
    const tag = raw ? canonicalLocale(raw) : null;
    if (tag && languageOf(tag) === wanted) return tag;
  }
  return lang;
}
