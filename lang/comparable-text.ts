/** Language-neutral folding (NFKC, lower case, no punctuation) to compare short phrases: kb lint, language switches. */
export function comparableText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/i\u0307/g, 'i') // Turkish İ lower-cases to i + combining dot above
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
