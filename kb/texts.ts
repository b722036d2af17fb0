import type { Article } from './types.js';

/** Each language's own text in the KB (titles, questions, answers): what a language model learns from. */
export function textsByLanguage(articles: readonly Article[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const a of articles)
    (out[a.lang] ??= []).push(a.title, ...a.questions, a.body.replace(/[*_`#>[\]()]/g, ' '));
  return out;
}
