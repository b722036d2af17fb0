/** Counts of letters per script in a text (Latin, Thai, Arabic, Other), ignoring digits, marks and symbols. */
export function scriptCounts(text: string): Record<'Latin' | 'Thai' | 'Arabic' | 'Other', number> {
  const counts = { Latin: 0, Thai: 0, Arabic: 0, Other: 0 };
  for (const ch of text) {
    if (/\p{Nd}/u.test(ch)) continue; // Arabic-Indic and Thai digits are not evidence of a language
    if (/\p{Script=Latin}/u.test(ch)) counts.Latin++;
    else if (/\p{Script=Thai}/u.test(ch)) counts.Thai++;
    else if (/\p{Script=Arabic}/u.test(ch)) counts.Arabic++;
    else if (/\p{L}/u.test(ch)) counts.Other++;
  }
  return counts;
}

/** The script most of the letters are in, or null when there is no letter. */
export function dominantScript(text: string): 'Latin' | 'Thai' | 'Arabic' | 'Other' | null {
  const counts = scriptCounts(text);
  let best: keyof typeof counts | null = null;
  for (const k of Object.keys(counts) as Array<keyof typeof counts>) {
    if (counts[k] > 0 && (best === null || counts[k] > counts[best])) best = k;
  }
  return best;
}
