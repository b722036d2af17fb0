import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';

const processor = unified().use(remarkParse).use(remarkRehype).use(rehypeSanitize).use(rehypeStringify);

/**
 * Markdown to HTML for the widget. Raw HTML in the Markdown is dropped (remark-rehype without
 * allowDangerousHtml) and the result is sanitised (GitHub's schema: no scripts, event handlers or
 * javascript: URLs).
 */
export function renderMarkdown(markdown: string): string {
  return String(processor.processSync(markdown)).trim();
}

/**
 * A person's message (an agent's reply): Markdown, but anything that looks like HTML is shown as the
 * characters typed, not dropped ("<img src=x>" stays readable text, and stays inert).
 */
export function renderTypedMarkdown(markdown: string): string {
  return renderMarkdown(markdown.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
}
