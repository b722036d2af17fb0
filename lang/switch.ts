import { comparableText } from './comparable-text.js';
/**
 * Explicit requests to change language ("in English please", "suomeksi kiitos", "Türkçe lütfen", …): the
 * name of a language, in any of the supported languages, said as a request. Matching is on the whole,
 * normalised message, so a question that merely mentions a language does not switch.
 */
const names: Readonly<Record<string, readonly string[]>> = {
  en: [
    'english',
    'englanti',
    'englanniksi',
    'inglise',
    'inglise keeles',
    'ingliskeelne',
    'ingilizce',
    'الإنجليزية',
    'الانجليزية',
    'انجليزي',
    'إنجليزي',
    'بالإنجليزية',
    'بالانجليزي',
    'ภาษาอังกฤษ',
    'อังกฤษ',
  ],
  fi: ['finnish', 'suomi', 'suomeksi', 'soome', 'soome keeles', 'fince', 'الفنلندية', 'ภาษาฟินแลนด์'],
  et: [
    'estonian',
    'eesti',
    'eesti keeles',
    'eestikeelne',
    'viro',
    'viroksi',
    'estonca',
    'الإستونية',
    'ภาษาเอสโตเนีย',
  ],
  tr: [
    'turkish',
    'turkce',
    'türkçe',
    'turkki',
    'turkiksi',
    'türgi',
    'türgi keeles',
    'التركية',
    'بالتركي',
    'ภาษาตุรกี',
  ],
  ar: [
    'arabic',
    'arabia',
    'arabiaksi',
    'araabia',
    'araabia keeles',
    'arapça',
    'arapca',
    'العربية',
    'بالعربية',
    'بالعربي',
    'عربي',
    'ภาษาอาหรับ',
  ],
  th: ['thai', 'thaiksi', 'tai', 'tai keeles', 'tayca', 'tayland dili', 'التايلاندية', 'ภาษาไทย', 'ไทย'],
};

const fillers = [
  'in',
  'please',
  'pls',
  'plz',
  'speak',
  'can',
  'you',
  'we',
  'talk',
  'write',
  'answer',
  'reply',
  'language',
  'switch',
  'to',
  'change',
  'kiitos',
  'voitko',
  'puhua',
  'puhu',
  'kirjoita',
  'vastaa',
  'palun',
  'kas',
  'saab',
  'räägi',
  'rääkida',
  'kirjuta',
  'lütfen',
  'konuş',
  'konusalim',
  'konuşalım',
  'yaz',
  'olarak',
  'dil',
  'dilinde',
  'من',
  'فضلك',
  'لو',
  'سمحت',
  'تكلم',
  'تحدث',
  'اكتب',
  'باللغة',
  'اللغة',
  'ممكن',
  'بال',
  'ขอ',
  'เป็น',
  'พูด',
  'ได้ไหม',
  'ครับ',
  'ค่ะ',
  'คะ',
  'หน่อย',
  'ภาษา',
];

const normalise = comparableText;

interface LanguageName {
  /** The name normalised, with a space either side (whole words). */
  readonly padded: string;
  readonly name: string;
  /** Thai names are matched anywhere: Thai is written without spaces. */
  readonly thai: boolean;
}

const thaiScript = /\p{Script=Thai}/u;

/** Per language, its names normalised, longest first; and the fillers normalised (Thai ones apart). */
const normalisedNames: Readonly<Record<string, readonly LanguageName[]>> = Object.fromEntries(
  Object.entries(names).map(([lang, list]) => [
    lang,
    [...list]
      .sort((a, b) => b.length - a.length)
      .map(normalise)
      .map((name) => ({ name, padded: ` ${name} `, thai: thaiScript.test(name) })),
  ]),
);
const normalisedFillers = fillers.map(normalise);
const thaiFillers = fillers.filter((x) => thaiScript.test(x));

/** The language a message explicitly asks for, among `supported`, or null. */
export function requestedLanguage(text: string, supported: readonly string[]): string | null {
  let rest = ` ${normalise(text)} `;
  if (rest.trim().length === 0 || rest.length > 60) return null;
  let found: string | null = null;
  for (const lang of supported) {
    for (const n of normalisedNames[lang] ?? []) {
      if (rest.includes(n.padded) || (n.thai && rest.includes(n.name))) {
        if (found && found !== lang) return null;
        found = lang;
        rest = rest.split(n.name).join(' ');
      }
    }
  }
  if (!found) return null;
  for (const f of normalisedFillers) rest = ` ${rest} `.split(` ${f} `).join(' ');
  for (const f of thaiFillers) rest = rest.split(f).join('');
  return rest.trim() === '' ? found : null;
}
