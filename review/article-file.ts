import { createHash, randomBytes } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isSeq, parseDocument, stringify, type Node } from 'yaml';
import { AppError } from '../common/errors.js';

/** A version token of a file's content: saving with a stale one is a conflict. */
export const versionOf = (text: string): string =>
  createHash('sha256').update(text).digest('hex').slice(0, 20);

/**
 * The absolute path of `file` when it lies inside `root` (symbolic links resolved), else CONTENT_PATH_INVALID.
 * A file that does not exist yet is checked through its folder.
 */
export function insideRoot(root: string, file: string): string {
  const realRoot = realpathSync(root);
  const abs = path.resolve(root, file);
  const dir = path.dirname(abs);
  const real = existsSync(abs)
    ? realpathSync(abs)
    : path.join(existsSync(dir) ? realpathSync(dir) : dir, path.basename(abs));
  const rel = path.relative(realRoot, real);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel) || !real.endsWith('.md'))
    throw new AppError('CONTENT_PATH_INVALID');
  return real;
}

/** Reads an article file with its version token. */
export async function readArticleFile(file: string): Promise<{ text: string; version: string }> {
  const text = await readFile(file, 'utf8');
  return { text, version: versionOf(text) };
}

/**
 * Writes atomically: a hidden temp file in the same folder (the KB loader skips dot files), then a rename
 * over the target. With `expected`, the file on disk must still have that version (else REVIEW_CONFLICT);
 * with `expected` null, the file must not exist (else ARTICLE_EXISTS).
 */
export async function writeArticleFile(file: string, text: string, expected: string | null): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  await writeFile(tmp, text, { encoding: 'utf8', flag: 'wx' });
  try {
    if (expected === null) {
      if (existsSync(file)) throw new AppError('ARTICLE_EXISTS');
    } else if (versionOf(await readFile(file, 'utf8').catch(() => '')) !== expected) {
      throw new AppError('REVIEW_CONFLICT');
    }
    await rename(tmp, file);
  } finally {
    await rm(tmp, { force: true });
  }
}

const frontMatter = /^(\uFEFF?---\r?\n)([\s\S]*?\r?\n)?(---[ \t]*(?:\r?\n|$))/;

/**
 * The article's Markdown with `question` appended to its `questions:` list. The YAML is edited as a
 * document: a block list gets one new line in the style of its items (everything else stays byte for
 * byte, comments included); a flow list or a missing key goes through the `yaml` Document API, which
 * keeps comments. Throws REVIEW_LINT when the front matter cannot be read.
 */
export function withQuestion(markdown: string, question: string): string {
  const m = frontMatter.exec(markdown);
  if (!m) throw new AppError('REVIEW_LINT', undefined, ['the file has no YAML front matter']);
  const open = m[1] ?? '';
  const yamlText = m[2] ?? '';
  const doc = parseDocument(yamlText);
  if (doc.errors.length > 0)
    throw new AppError(
      'REVIEW_LINT',
      undefined,
      doc.errors.map((e) => e.message.split('\n')[0] ?? ''),
    );
  const seq = doc.get('questions', true);
  const scalar = stringify(question, { lineWidth: 0 }).trimEnd();
  let edited: string;
  if (isSeq(seq) && !seq.flow && seq.items.length > 0) {
    const first = seq.items[0] as Node;
    const last = seq.items[seq.items.length - 1] as Node;
    const lineStart = yamlText.lastIndexOf('\n', (first.range?.[0] ?? 1) - 1) + 1;
    const prefix = /^[ \t]*-[ \t]+/.exec(yamlText.slice(lineStart))?.[0] ?? '  - ';
    const nl = yamlText.indexOf('\n', last.range?.[1] ?? yamlText.length);
    const at = nl === -1 ? yamlText.length : nl + 1;
    const eol = yamlText.includes('\r\n') ? '\r\n' : '\n';
    const before = yamlText.slice(0, at);
    edited = `${before}${before.endsWith('\n') ? '' : eol}${prefix}${scalar}${eol}${yamlText.slice(at)}`;
  } else {
    if (isSeq(seq)) seq.add(doc.createNode(question));
    else doc.set('questions', doc.createNode([question]));
    edited = doc.toString({ lineWidth: 0 });
  }
  return `${open}${edited}${markdown.slice(m[0].length - (m[3] ?? '').length)}`;
}
