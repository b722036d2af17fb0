import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FormDefinition } from '../../forms/types.js';
import type { Article, KbProblem } from '../types.js';
import { formLanguages, parseForm } from './parse-form.js';

/** The forms folder beside the KB: `content/forms/` for `content/kb/`, or `<kb root>/forms/`. */
export function formsDir(kbRoot: string): string {
  const sibling = path.join(path.dirname(kbRoot), 'forms');
  return path.basename(kbRoot) === 'kb' && existsSync(sibling) ? sibling : path.join(kbRoot, 'forms');
}

/** Loads `<forms dir>/<id>.yml`; a form with errors is left out (its problems say why). */
export async function loadForms(
  kbRoot: string,
): Promise<{ forms: Map<string, FormDefinition>; problems: KbProblem[] }> {
  const dir = formsDir(kbRoot);
  const forms = new Map<string, FormDefinition>();
  const problems: KbProblem[] = [];
  if (!existsSync(dir)) return { forms, problems };
  const files = (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f) && !f.startsWith('.')).sort();
  for (const name of files) {
    const full = path.join(dir, name);
    const rel = path.relative(process.cwd(), full) || full;
    const result = parseForm(rel, name.replace(/\.ya?ml$/, ''), await readFile(full, 'utf8'));
    problems.push(...result.problems);
    if (result.form) forms.set(result.form.id, result.form);
  }
  return { forms, problems };
}

/**
 * Every form an article names must exist, and speak the article's language (a label and a prompt for
 * each field, a label for each option).
 */
export function checkFormReferences(
  articles: readonly Article[],
  forms: ReadonlyMap<string, FormDefinition>,
  failed: ReadonlySet<string>,
): KbProblem[] {
  const problems: KbProblem[] = [];
  for (const a of articles) {
    if (!a.form) continue;
    const form = forms.get(a.form);
    const at = { file: a.file, line: a.formLine };
    if (!form) {
      const why = failed.has(a.form) ? 'has errors' : 'does not exist (content/forms/<id>.yml)';
      problems.push({ severity: 'error', code: 'form-missing', ...at, message: `form "${a.form}" ${why}` });
    } else if (!formLanguages(form).has(a.lang)) {
      problems.push({
        severity: 'error',
        code: 'form-language',
        ...at,
        message: `form "${a.form}" (${form.file}) has no ${a.lang} label or prompt for every field, but ${a.file} is in ${a.lang}`,
      });
    }
  }
  return problems;
}
