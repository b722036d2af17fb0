/**
 * The deepest nesting of lists and block quotes Frontdesk renders. remark and rehype walk the tree
 * recursively (about 1,000 levels overflow the stack) and parsing indented lists slows down steeply with
 * depth (600 levels: 5 s), while no real answer or reply nests more than a few levels.
 */
export const maxMarkdownNesting = 32;

/** A list item's or block quote's marker at the start of what is left of a line. */
const marker = /^(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))/;
const leadingSpace = /^[ \t]*/;

/** Columns of leading white space (a tab counts as 4, as in CommonMark). */
const columns = (space: string): number => {
  let n = 0;
  for (const c of space) n += c === '\t' ? 4 - (n % 4) : 1;
  return n;
};

/**
 * An upper estimate of how deeply `markdown` nests lists and block quotes, and the first line (1-based) that
 * deep: per line, the markers it starts with ("> - 1. x" is 3) plus, when it starts with one, its
 * indentation at two columns a level. Lines without a marker (paragraphs, code) do not count, however
 * indented.
 */
export function markdownNesting(markdown: string): { depth: number; line: number } {
  const deepest = { depth: 0, line: 1 };
  markdown.split('\n').forEach((text, i) => {
    const indent = leadingSpace.exec(text)?.[0] ?? '';
    let rest = text.slice(indent.length);
    let markers = 0;
    for (let m = marker.exec(rest); m; m = marker.exec(rest)) {
      markers++;
      rest = rest.slice(m[0].length);
      rest = rest.slice((leadingSpace.exec(rest)?.[0] ?? '').length);
    }
    const depth = markers > 0 ? markers + Math.floor(columns(indent) / 2) : 0;
    if (depth > deepest.depth) Object.assign(deepest, { depth, line: i + 1 });
  });
  return deepest;
}

/**
 * The most emphasis, code and link delimiters (`*`, `_`, `` ` ``, `[`, `]`, `<`) Frontdesk renders in one
 * text. Resolving them costs more than linearly: "a**b" 8,000 times (32 kB) took 0.8 s, 20,000 times 10 s,
 * with the event loop stopped; a long real article has a few hundred.
 */
export const maxMarkdownDelimiters = 8000;

/** How many emphasis, code and link delimiters `markdown` has. */
export function markdownDelimiters(markdown: string): number {
  let n = 0;
  for (let i = 0; i < markdown.length; i++) {
    const c = markdown.charCodeAt(i);
    // * _ ` [ ] <
    if (c === 42 || c === 95 || c === 96 || c === 91 || c === 93 || c === 60) n++;
  }
  return n;
}

/**
 * Whether `markdown` is beyond what Frontdesk renders, nested too deep or with too many delimiters (shown
 * as plain text instead; refused in articles).
 */
export const beyondMarkdownLimits = (markdown: string): boolean =>
  markdownDelimiters(markdown) > maxMarkdownDelimiters ||
  markdownNesting(markdown).depth > maxMarkdownNesting;
