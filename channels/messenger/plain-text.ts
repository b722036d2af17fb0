/**
 * Markdown (the bot's and agents' text) as readable plain text for channels that show no formatting:
 * emphasis and code marks dropped, headings as their text, links kept as URLs ("label (url)"), bullet
 * lists as "• item", numbered lists kept, block quotes as plain lines. Code blocks keep their content.
 */
export function markdownToPlainText(markdown: string): string {
  const out: string[] = [];
  let fenced = false;
  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced;
      continue;
    }
    if (fenced) {
      out.push(line);
      continue;
    }
    out.push(inline(blockLine(line)));
  }
  return out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function blockLine(line: string): string {
  if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) return '';
  const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
  if (heading) return heading[1] ?? '';
  const quote = /^\s{0,3}>\s?(.*)$/.exec(line);
  if (quote) return quote[1] ?? '';
  const bullet = /^(\s*)[-*+]\s+(.*)$/.exec(line);
  if (bullet) return `${bullet[1] ?? ''}• ${bullet[2] ?? ''}`;
  return line;
}

function inline(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g, (_m, alt: string, url: string) =>
      alt ? `${alt} (${url})` : url,
    )
    .replace(/\[([^\]]+)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g, (_m, label: string, url: string) =>
      sameTarget(label, url) ? url : `${label} (${url})`,
    )
    .replace(/<((?:https?:\/\/|mailto:)[^>\s]+)>/g, '$1')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/(^|[^\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?!\w)/g, '$1$2')
    .replace(/(^|[^\w])_(?=\S)([^_\n]+?)(?<=\S)_(?!\w)/g, '$1$2')
    .replace(/~~(?=\S)(.+?)(?<=\S)~~/g, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!>~|])/g, '$1');
}

function sameTarget(label: string, url: string): boolean {
  const bare = (s: string) => s.replace(/^(https?:\/\/|mailto:)/, '').replace(/\/$/, '');
  return bare(label) === bare(url);
}
