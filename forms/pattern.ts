/** The whole-value regex of a regex field (anchored, Unicode); null when the pattern does not compile. */
export function fieldRegex(pattern: string, flags = 'u'): RegExp | null {
  try {
    return new RegExp(`^(?:${pattern})$`, flags);
  } catch {
    return null;
  }
}
