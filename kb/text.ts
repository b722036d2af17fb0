/** Text normalisation shared by the loader, the linter and the matcher. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/i\u0307/g, 'i') // Turkish İ lower-cases to i + combining dot above
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The answer without the lines that use a form's values ("Thanks, I've noted order {{orderNumber}}"):
 * they describe the completed form, not the question, and would teach "thanks" to mean this article.
 */
export function answerWithoutTemplates(markdown: string): string {
  return markdown.replace(/^.*\{\{.*$/gm, '');
}
