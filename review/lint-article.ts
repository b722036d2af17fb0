import { crossCheck } from '../kb/lint.js';
import { parseArticle } from '../kb/parse-article.js';
import type { Article, KbProblem } from '../kb/types.js';

/**
 * `kb lint` for one article as it would be saved: its own problems, and those it causes next to the
 * language's other articles (a duplicate id, a question another article has). Problems of other files are
 * left out.
 */
export function articleProblems(
  file: string,
  text: string,
  lang: string,
  others: readonly Article[],
): KbProblem[] {
  const parsed = parseArticle(file, text, lang);
  if (!parsed.article) return parsed.problems;
  const rest = others.filter((a) => a.file !== file);
  const checked = crossCheck([...rest, parsed.article]);
  return [...parsed.problems, ...checked.problems.filter((p) => p.file === file)];
}
