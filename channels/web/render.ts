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
