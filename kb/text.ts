/**
 * The answer without the lines that use a form's values ("Thanks, I've noted order {{orderNumber}}"):
 * they describe the completed form, not the question, and would teach "thanks" to mean this article.
 */
export function answerWithoutTemplates(markdown: string): string {
  return markdown.replace(/^.*\{\{.*$/gm, '');
}
