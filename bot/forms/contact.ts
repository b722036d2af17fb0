// The one check used, not the whole library (its index loads ~110 modules).
import isEmailModule from 'validator/lib/isEmail.js';
import { findPhoneNumbersInText, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { asciiDigits } from './digits.js';

const isEmail = isEmailModule.default;

const emailToken = /[^\s<>()[\],;:"'«»]+@[^\s<>()[\],;:"'«»]+\.[^\s<>()[\],;:"'«»]*[^\s<>()[\],;:"'«».!?]/gu;

/** The valid email addresses in `text` (validator.js's isEmail), domain lower-cased. */
export function findEmails(text: string): string[] {
  const out: string[] = [];
  for (const [token] of text.matchAll(emailToken)) {
    const at = token.lastIndexOf('@');
    const email = `${token.slice(0, at)}@${token.slice(at + 1).toLowerCase()}`;
    if (isEmail(email, { allow_utf8_local_part: true }) && !out.includes(email)) out.push(email);
  }
  return out;
}

/** The country a phone number without +prefix is assumed to be from, by the visitor's language. */
const countryOfLang: Readonly<Record<string, CountryCode>> = { fi: 'FI', et: 'EE', tr: 'TR', th: 'TH' };

export function phoneCountry(lang: string, fieldCountry?: string): CountryCode | undefined {
  return (fieldCountry as CountryCode | undefined) ?? countryOfLang[lang];
}

/**
 * A phone number answer in E.164 (+358401234567), checked against the country's numbering plan by
 * libphonenumber-js. Numbers without a +prefix are read as the field's country, or the language's
 * (Finnish → FI); Arabic and English have no single country, so those visitors are asked for the +prefix.
 */
export function parsePhone(text: string, lang: string, fieldCountry?: string): string | null {
  const cleaned = asciiDigits(text).trim();
  if (!/\d/.test(cleaned) || /[^\d\s()+\-./]/u.test(cleaned.replace(/^(tel|puh|tfn)[:.]?\s*/i, ''))) {
    const found = findPhones(text, lang, fieldCountry);
    return found.length === 1 ? (found[0] ?? null) : null;
  }
  const phone = parsePhoneNumberFromString(cleaned, phoneCountry(lang, fieldCountry));
  return phone?.isValid() ? phone.number : null;
}

/** Valid phone numbers written in free text, E.164, for pre-filling. */
export function findPhones(text: string, lang: string, fieldCountry?: string): string[] {
  const country = phoneCountry(lang, fieldCountry);
  const found = findPhoneNumbersInText(asciiDigits(text), country ? { defaultCountry: country } : {});
  return [...new Set(found.filter((f) => f.number.isValid()).map((f) => f.number.number))];
}
