import { asciiDigits } from './digits.js';

/** A calendar date as `YYYY-MM-DD`. */
export type IsoDate = string;

const pad = (n: number): string => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number): IsoDate => `${y}-${pad(m)}-${pad(d)}`;

/** A real day of the Gregorian calendar (no 31 February). */
function valid(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || y < 1000 || y > 9999) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Thai writes years in the Buddhist era (2569 = 2026); two-digit years are this century. */
function fullYear(y: number, lang: string): number {
  if (y < 100) return 2000 + y;
  if (lang === 'th' && y > 2400) return y - 543;
  return y;
}

/** Lower case in `lang`'s rules (Turkish dotted i), NFC, single spaces. */
const lower = (text: string, lang: string): string =>
  text.toLocaleLowerCase(lang).normalize('NFC').replace(/\s+/g, ' ').trim();

/** Without dots and commas, for matching month names ("12. maaliskuuta", "มี.ค."). */
const words = (text: string): string => text.replace(/[.,،]/g, ' ').replace(/\s+/g, ' ').trim();

/** Arabic month names differ by region (مارس / آذار): both sets are read. */
const localesOf = (lang: string): string[] => (lang === 'ar' ? ['ar', 'ar-SY', 'en'] : [lang, 'en']);

interface MonthName {
  readonly name: string;
  readonly month: number;
}

const monthCache = new Map<string, MonthName[]>();

/**
 * Month names as `lang` writes them, from the runtime's CLDR data: the stand-alone and the in-date forms
 * ("maaliskuu" and "maaliskuuta"), long and short, longest first so "kesäkuuta" wins over "kesäk".
 */
function monthNames(lang: string): MonthName[] {
  const cached = monthCache.get(lang);
  if (cached) return cached;
  const names = new Map<string, number>();
  const formats: Intl.DateTimeFormatOptions[] = [
    { month: 'long' },
    { month: 'short' },
    { day: 'numeric', month: 'long' },
    { day: 'numeric', month: 'short' },
  ];
  for (let m = 1; m <= 12; m++) {
    const date = new Date(Date.UTC(2026, m - 1, 15));
    for (const options of formats) {
      for (const locale of localesOf(lang)) {
        const parts = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).formatToParts(date);
        const part = parts.find((p) => p.type === 'month')?.value;
        const name = part ? words(lower(part, locale)) : '';
        if (name.length >= 3 && !/^\d+$/.test(name)) names.set(name, m);
      }
    }
  }
  const list = [...names]
    .map(([name, month]) => ({ name, month }))
    .sort((a, b) => b.name.length - a.name.length);
  monthCache.set(lang, list);
  return list;
}

/** "today", "yesterday", "tomorrow" in `lang` (CLDR's relative day names) and in English. */
function relativeDay(text: string, lang: string): number | null {
  for (const locale of [lang, 'en']) {
    const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    for (const offset of [0, -1, 1]) {
      if (text === words(lower(rtf.format(offset, 'day'), locale))) return offset;
    }
  }
  return null;
}

/**
 * Whether numeric dates with slashes are month first for the visitor: only for their own regional locale
 * whose CLDR short date puts the month first (en-US "12/3/2026" = 3 December). The bare language ("en"),
 * every other locale, and dotted or dashed dates read day first, as before.
 */
function monthFirst(lang: string, locale: string): boolean {
  if (locale.toLowerCase() === lang.toLowerCase()) return false;
  try {
    const parts = new Intl.DateTimeFormat(locale, {
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      timeZone: 'UTC',
    }).formatToParts(new Date(Date.UTC(2026, 2, 12)));
    const order = parts.map((p) => p.type);
    return order.indexOf('month') < order.indexOf('day') && order.indexOf('year') > order.indexOf('day');
  } catch {
    return false;
  }
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Reads a date as a visitor in `lang` types it: ISO (2026-03-12), day first with dots, slashes or dashes
 * (12.3.2026, 12/03/26, 12.3. for this year; month first when the visitor's own `locale` writes it so:
 * en-US 3/12/2026 with slashes), a month name in `lang` or English (12 March 2026,
 * March 12, 12. maaliskuuta 2026, 12 มีนาคม 2569), or today / yesterday / tomorrow in `lang`. Any
 * script's digits work; Thai Buddhist-era years are converted. Null when it is not a real date.
 */
export function parseDate(
  input: string,
  lang: string,
  today: Date = new Date(),
  locale: string = lang,
): IsoDate | null {
  const base = lower(asciiDigits(input), lang);
  const text = words(base);
  if (text === '') return null;
  const offset = relativeDay(text, lang);
  if (offset !== null) {
    const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + offset));
    return iso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  }
  const thisYear = today.getUTCFullYear();
  const make = (y: number, m: number, d: number): IsoDate | null => (valid(y, m, d) ? iso(y, m, d) : null);

  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(base);
  if (m) return make(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})\s*[./-]\s*(\d{1,2})\s*(?:[./-]\s*(\d{4}|\d{2})?)?$/.exec(base);
  if (m) {
    const year = m[3] ? fullYear(Number(m[3]), lang) : thisYear;
    return base.includes('/') && monthFirst(lang, locale)
      ? make(year, Number(m[1]), Number(m[2]))
      : make(year, Number(m[2]), Number(m[1]));
  }
  for (const { name, month } of monthNames(lang)) {
    const n = escape(name);
    const dayFirst = new RegExp(`^(\\d{1,2})\\s*${n}\\s*(\\d{2}|\\d{4})?$`, 'u').exec(text);
    const monthFirst = new RegExp(`^${n}\\s*(\\d{1,2})(?:\\s+(\\d{4}))?$`, 'u').exec(text);
    const hit = dayFirst ?? monthFirst;
    if (hit) {
      const year = hit[2] ? fullYear(Number(hit[2]), lang) : thisYear;
      return make(year, month, Number(hit[1]));
    }
  }
  return null;
}

/**
 * A date as the visitor's locale writes it in full ("12 March 2026" for en-GB, "March 12, 2026" for en-US,
 * "12. maaliskuuta 2026"), for summaries.
 */
export function formatDate(value: IsoDate, locale: string): string {
  const [y, m, d] = value.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}
