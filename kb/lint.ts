import type { Article, KbProblem } from './types.js';
import { comparableText } from '../lang/comparable-text.js';

/**
 * Checks across files: ids must be unique within a language (the later file is left out), and one
 * question must not belong to two articles (both stay, the collision is an error to fix).
 */
export function crossCheck(parsed: readonly Article[]): { articles: Article[]; problems: KbProblem[] } {
  const problems: KbProblem[] = [];
  const articles: Article[] = [];
  const byId = new Map<string, Article>();
  for (const a of parsed) {
    const key = `${a.lang}\u0000${a.id}`;
    const first = byId.get(key);
    if (first) {
      problems.push({
        severity: 'error',
        code: 'id-duplicate',
        file: a.file,
        line: a.idLine,
        message: `id "${a.id}" is already used by ${first.file} (${a.lang}); this file is ignored`,
      });
      continue;
    }
    byId.set(key, a);
    articles.push(a);
  }

  const seen = new Map<string, { article: Article; line: number }>();
  for (const a of articles) {
    const phrasings = [
      { text: a.title, line: a.titleLine },
      ...a.questions.map((q, i) => ({ text: q, line: a.questionLines[i] ?? a.titleLine })),
    ];
    const own = new Set<string>();
    for (const { text, line } of phrasings) {
      const norm = `${a.lang}\u0000${comparableText(text)}`;
      if (own.has(norm)) {
        problems.push({
          severity: 'warning',
          code: 'question-repeated',
          file: a.file,
          line,
          message: `"${text}" is listed twice in this article`,
        });
        continue;
      }
      own.add(norm);
      const other = seen.get(norm);
      if (other) {
        problems.push({
          severity: 'error',
          code: 'question-duplicate',
          file: a.file,
          line,
          message: `"${text}" is also a question of "${other.article.id}" (${other.article.file}:${other.line})`,
        });
      } else {
        seen.set(norm, { article: a, line });
      }
    }
  }
  return { articles, problems };
}
