/**
 * Digits of any script as ASCII: Arabic-Indic (٠–٩), Extended Arabic-Indic (۰–۹), Thai (๐–๙) and every
 * other Unicode decimal digit; the Arabic decimal and thousands separators become "." and ",".
 */
export function asciiDigits(text: string): string {
  return text
    .replace(/\p{Nd}/gu, (d) => {
      const code = d.codePointAt(0) ?? 0;
      // Unicode decimal digits come in runs of ten (some runs sit back to back, hence the % 10).
      for (let zero = code; zero > code - 10; zero--) {
        if (!/\p{Nd}/u.test(String.fromCodePoint(zero - 1))) return String((code - zero) % 10);
      }
      return d;
    })
    .replace(/\u066B/g, '.')
    .replace(/\u066C/g, ',');
}

/** Languages that write a decimal comma (1,5) and group thousands with dots or spaces (1.500 / 1 500). */
const decimalComma = new Set(['fi', 'et', 'tr', 'de', 'fr', 'es', 'it', 'nl', 'sv', 'pt', 'ru', 'pl']);

const numberToken = /[-+−]?\d+(?:[ \u00A0\u202F]\d{3}(?!\d))*(?:[.,']\d+)*/gu;

/**
 * The numbers written in `text`, read the way `lang` writes them ("1 500,5" in Finnish, "1,500.5" in
 * English; a lone "1,5" or "1.5" is a decimal in both), after any script's digits are made ASCII.
 */
export function findNumbers(text: string, lang: string): number[] {
  const out: number[] = [];
  for (const match of asciiDigits(text).matchAll(numberToken)) {
    const n = readNumber(match[0], lang);
    if (n !== null) out.push(n);
  }
  return out;
}

function readNumber(raw: string, lang: string): number | null {
  const t = raw.replace(/−/g, '-').replace(/[ \u00A0\u202F']/gu, '');
  const comma = decimalComma.has(lang);
  const [group, decimal] = comma ? ['.', ','] : [',', '.'];
  if (new RegExp(`^[-+]?\\d{1,3}(\\${group}\\d{3})+(\\${decimal}\\d+)?$`).test(t))
    return Number(t.split(group).join('').replace(decimal, '.'));
  if (/^[-+]?\d+([.,]\d+)?$/.test(t)) return Number(t.replace(',', '.'));
  return null;
}
