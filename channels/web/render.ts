import type { Element, ElementContent, Root, RootContent } from 'hast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import { beyondMarkdownLimits } from '../../common/markdown-limits.js';

/** The words shown for an image: its alt text and where it points, so nothing is hidden. */
function imageLabel(img: Element): string {
  const src = typeof img.properties['src'] === 'string' ? img.properties['src'] : '';
  const alt = typeof img.properties['alt'] === 'string' ? img.properties['alt'].trim() : '';
  return alt === '' ? src : `${alt} (${src})`;
}

/**
 * Images become links (or, inside a link, just their words): a remote `<img>` in a visitor's browser
 * would let whoever wrote the Markdown track when and from where the message was read.
 */
function imagesAsLinks(node: Root | Element, insideLink: boolean): void {
  node.children = node.children.map((child: RootContent): RootContent => {
    if (child.type !== 'element') return child;
    if (child.tagName === 'img') {
      const text: ElementContent = { type: 'text', value: imageLabel(child) };
      if (insideLink || typeof child.properties['src'] !== 'string') return text;
      return {
        type: 'element',
        tagName: 'a',
        properties: { href: child.properties['src'] },
        children: [text],
      };
    }
    imagesAsLinks(child, insideLink || child.tagName === 'a');
    return child;
  }) as Root['children'] & Element['children'];
}

const processor = unified()
  .use(remarkParse)
  .use(remarkRehype)
  .use(() => (tree: Root) => imagesAsLinks(tree, false))
  .use(rehypeSanitize)
  .use(rehypeStringify);

/**
 * Markdown to HTML for the widget. Raw HTML in the Markdown is dropped (remark-rehype without
 * allowDangerousHtml), images are shown as links (no remote image loads in the visitor's browser) and the
 * result is sanitised (GitHub's schema: no scripts, event handlers or javascript: URLs).
 */
export function renderMarkdown(markdown: string): string {
  const hit = rendered.get(markdown);
  if (hit !== undefined) {
    rendered.delete(markdown);
    rendered.set(markdown, hit);
    return hit;
  }
  const html = beyondMarkdownLimits(markdown) ? plainText(markdown) : toHtml(markdown);
  rendered.set(markdown, html);
  if (rendered.size > renderedCapacity) rendered.delete(rendered.keys().next().value ?? '');
  return html;
}

function toHtml(markdown: string): string {
  try {
    return String(processor.processSync(markdown)).trim();
  } catch {
    // Only the recursion of a pathological tree gets here (`beyondMarkdownLimits` catches what is known).
    return plainText(markdown);
  }
}

const escapes: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Markdown beyond the limits: its characters as typed, one paragraph, line breaks kept. */
function plainText(markdown: string): string {
  const escaped = markdown.trim().replace(/[&<>"']/g, (c) => escapes[c] ?? c);
  return `<p>${escaped.replace(/\r?\n/g, '<br>\n')}</p>`;
}

/**
 * Rendered HTML by Markdown, least recently used first out: an article's answer is rendered once while the
 * KB keeps it (its text is the key, so an edited article is rendered anew), not on every send.
 */
const rendered = new Map<string, string>();
const renderedCapacity = 2000;

/**
 * A person's message (an agent's reply): Markdown, but anything that looks like HTML is shown as the
 * characters typed, not dropped ("<img src=x>" stays readable text, and stays inert).
 */
export function renderTypedMarkdown(markdown: string): string {
  // Beyond the limits it is shown as typed: escaped once, here, not again after the escaping below.
  if (beyondMarkdownLimits(markdown)) return plainText(markdown);
  return renderMarkdown(markdown.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
}

/** The HTML a stored message of this role shows (agents' text as typed, the bot's as Markdown), or null. */
export function messageHtml(role: string, text: string): string | null {
  if (role === 'visitor') return null;
  return role === 'agent' ? renderTypedMarkdown(text) : renderMarkdown(text);
}
