/**
 * Cuts a text into parts of at most `max` UTF-16 code units (Messenger: 2,000 characters), preferring a
 * paragraph break, then a line break, then a sentence end, then a space; never inside a word when a space
 * exists in the part, and never between the two halves of a surrogate pair.
 */
export function splitText(text: string, max: number): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const cut = cutPoint(rest, max);
    const part = rest.slice(0, cut).trimEnd();
    if (part) parts.push(part);
    rest = rest.slice(cut).trimStart();
  }
  if (rest) parts.push(rest);
  return parts;
}

function cutPoint(text: string, max: number): number {
  const window = text.slice(0, max + 1);
  const minimum = Math.floor(max / 3);
  for (const boundary of [/\n\s*\n/g, /\n/g, /[.!?。！？؟](?=\s)/g, /\s/g]) {
    let best = -1;
    for (const m of window.matchAll(boundary)) {
      const end = boundary.source.startsWith('[') ? m.index + m[0].length : m.index;
      if (end <= max && end > 0) best = end;
    }
    if (best >= minimum || (best > 0 && boundary.source === '\\s')) return best;
  }
  // One word longer than the limit: cut at the limit, but not inside a surrogate pair.
  const code = text.charCodeAt(max - 1);
  return code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
}
