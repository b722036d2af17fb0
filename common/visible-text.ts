/**
 * What people type, made safe to show: control characters (C0 except tab and newline, DEL, C1) and the
 * bidi embedding/override/isolate controls (U+202A–U+202E, U+2066–U+2069) are removed, so a message
 * cannot reorder or hide what an agent reads. Letters of any script, emoji (with their joiners) and the
 * bidi marks LRM/RLM/ALM are kept: the widget and console render with dir="auto".
 */
// eslint-disable-next-line no-control-regex
const unsafe = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

export function neutraliseText(text: string): string {
  return text.replace(unsafe, '');
}

/**
 * Characters that show nothing on their own: whitespace, format characters (zero-width space/joiners,
 * U+2060, U+FEFF, bidi marks …), controls, the default-ignorable ones (Hangul fillers U+115F/U+1160/U+3164/
 * U+FFA0, the combining grapheme joiner, variation selectors, …) and the Braille blank.
 */
const invisible = /[\p{White_Space}\p{Cf}\p{Cc}\p{Default_Ignorable_Code_Point}\u2800]/gu;

/** True when the text would show nothing at all (empty, or only invisible characters). */
export function isBlank(text: string): boolean {
  return text.replace(invisible, '') === '';
}
