import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseYaml } from './front-matter.js';

export interface CannedReply {
  readonly id: string;
  readonly lang: string;
  readonly title: string;
  readonly body: string;
}

const frontMatter = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

/**
 * Canned replies for agents: `content/canned/<lang>/<id>.md`, front matter `title:` then the Markdown
 * body. Read on each search (a handful of small files), so edits apply at once. A file without a title
 * uses its id.
 */
export async function searchCanned(
  contentDir: string,
  lang: string,
  query: string,
  limit = 10,
): Promise<CannedReply[]> {
  if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/.test(lang)) return [];
  const dir = path.join(contentDir, 'canned', lang);
  if (!existsSync(dir)) return [];
  const words = query.toLocaleLowerCase(lang).split(/\s+/).filter(Boolean);
  const replies: CannedReply[] = [];
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.md')).sort()) {
    const source = await readFile(path.join(dir, file), 'utf8');
    const id = file.replace(/\.md$/, '');
    const m = frontMatter.exec(source.replace(/^\uFEFF/, ''));
    const data = m ? parseYaml(m[1] ?? '', 2).value : null;
    const title =
      typeof data === 'object' &&
      data !== null &&
      typeof (data as Record<string, unknown>)['title'] === 'string'
        ? String((data as Record<string, unknown>)['title'])
        : id;
    const body = (m ? (m[2] ?? '') : source).trim();
    const haystack = `${id} ${title} ${body}`.toLocaleLowerCase(lang);
    if (body !== '' && words.every((w) => haystack.includes(w))) replies.push({ id, lang, title, body });
  }
  return replies.slice(0, limit);
}
