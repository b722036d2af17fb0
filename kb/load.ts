import { existsSync, readdirSync, statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../common/errors.js';
import type { Article, KbProblem } from './types.js';
import { parseArticle } from './parse-article.js';
import { crossCheck } from './lint.js';
import { readKbConfig, type KbSettings } from './kb-config.js';
import { checkFormReferences, loadForms } from './forms/load-forms.js';
import type { FormDefinition } from '../forms/types.js';

export interface LoadedKb {
  /** The folder that holds `<lang>/*.md`. */
  readonly root: string;
  readonly languages: readonly string[];
  /** Every article that parsed; an article with errors is left out (its problems say why). */
  readonly articles: readonly Article[];
  readonly problems: readonly KbProblem[];
  /** The decision settings `config.yml` sets (only those; empty without the file). */
  readonly settings: KbSettings;
  /** Forms (`content/forms/<id>.yml`) that parsed, by id. */
  readonly forms: ReadonlyMap<string, FormDefinition>;
}

const langDir = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/;

/**
 * `--content DIR` may point at a folder laid out like `content/` (holding `kb/<lang>/*.md`) or straight
 * at a folder of `<lang>/*.md`.
 */
export function resolveKbRoot(contentDir: string): string {
  if (!existsSync(contentDir) || !statSync(contentDir).isDirectory()) {
    throw new AppError('CONTENT_DIR_MISSING', `The content folder does not exist: ${contentDir}`);
  }
  const nested = path.join(contentDir, 'kb');
  return existsSync(nested) && statSync(nested).isDirectory() ? nested : contentDir;
}

/** The KB's languages (its `<lang>/` folders) without loading it; none when the content folder is missing. */
export function kbLanguageDirs(contentDir: string): string[] {
  try {
    return readdirSync(resolveKbRoot(contentDir), { withFileTypes: true })
      .filter((e) => e.isDirectory() && langDir.test(e.name))
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
}

async function markdownFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.md') && !e.name.startsWith('.'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** Loads and checks every article; never throws on bad content, only reports it. */
export async function loadKb(contentDir: string): Promise<LoadedKb> {
  const root = resolveKbRoot(contentDir);
  const dirs = (await readdir(root, { withFileTypes: true }))
    .filter((e) => e.isDirectory() && langDir.test(e.name))
    .map((e) => e.name)
    .sort();
  const articles: Article[] = [];
  const config = await readKbConfig(root);
  const problems: KbProblem[] = [...config.problems];
  for (const lang of dirs) {
    for (const file of await markdownFiles(path.join(root, lang))) {
      const rel = path.relative(process.cwd(), file) || file;
      const result = parseArticle(rel, await readFile(file, 'utf8'), lang);
      problems.push(...result.problems);
      if (result.article) articles.push(result.article);
    }
  }
  const checked = crossCheck(articles);
  problems.push(...checked.problems);
  const loadedForms = await loadForms(root);
  problems.push(...loadedForms.problems);
  const failed = new Set(
    loadedForms.problems
      .filter((p) => p.severity === 'error')
      .map((p) => path.basename(p.file).replace(/\.ya?ml$/, '')),
  );
  problems.push(...checkFormReferences(checked.articles, loadedForms.forms, failed));
  if (checked.articles.length === 0) {
    problems.push({
      severity: 'error',
      code: 'kb-empty',
      file: path.relative(process.cwd(), root) || root,
      line: 1,
      message: 'the knowledge base has no articles: add content/kb/<lang>/<slug>.md files',
    });
  }
  const languages = [...new Set(checked.articles.map((a) => a.lang))].sort();
  return {
    root,
    languages,
    articles: checked.articles,
    problems,
    settings: config.settings,
    forms: loadedForms.forms,
  };
}

export function hasErrors(problems: readonly KbProblem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
