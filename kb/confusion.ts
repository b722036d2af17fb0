import type { Article, KbProblem } from './types.js';
import { LanguageMatcher } from './matcher.js';

export interface ConfusionOptions {
  /** Cross-validation folds. */
  readonly folds?: number;
  /** A held-out question counts as confused when another article wins with at least this confidence. */
  readonly threshold: number;
  /** A pair is reported when this many of one article's questions go to the same other article… */
  readonly repeated?: number;
  /** …or when one goes there with at least this confidence (the bot would be sure and wrong). */
  readonly sure?: number;
}

interface Confusion {
  readonly question: string;
  readonly line: number;
  readonly confidence: number;
}

/**
 * Cross-validates each language's questions: each question is held out in turn (in `folds` rounds),
 * the rest of the KB is trained, and the question is matched. When another article would be answered (for
 * two questions or more, or once with confidence ≥ `sure`), the pair is reported once, as a warning at the
 * first colliding question, with the questions that collide.
 */
export function confusionProblems(articles: readonly Article[], o: ConfusionOptions): KbProblem[] {
  const folds = o.folds ?? 4;
  const byLang = new Map<string, Article[]>();
  for (const a of articles) byLang.set(a.lang, [...(byLang.get(a.lang) ?? []), a]);
  const problems: KbProblem[] = [];
  for (const [lang, list] of byLang) {
    if (list.length < 2) continue;
    const pairs = new Map<string, { from: Article; to: Article; items: Confusion[] }>();
    for (let fold = 0; fold < folds; fold++) {
      const heldOut = (a: Article, i: number) => a.questions.length >= 2 && i % folds === fold;
      const training = list.map((a) => ({ ...a, questions: a.questions.filter((_, i) => !heldOut(a, i)) }));
      if (!list.some((a) => a.questions.some((_, i) => heldOut(a, i)))) continue;
      const matcher = LanguageMatcher.build(lang, training);
      for (const a of list) {
        a.questions.forEach((q, i) => {
          if (!heldOut(a, i)) return;
          const [top] = matcher.match(q, 1);
          if (!top || top.articleId === a.id || top.confidence < o.threshold) return;
          const to = list.find((b) => b.id === top.articleId);
          if (!to) return;
          const key = `${a.id}\u0000${to.id}`;
          const entry = pairs.get(key) ?? { from: a, to, items: [] };
          entry.items.push({
            question: q,
            line: a.questionLines[i] ?? a.titleLine,
            confidence: top.confidence,
          });
          pairs.set(key, entry);
        });
      }
    }
    for (const { from, to, items } of pairs.values()) {
      // One held-out paraphrase going elsewhere is the ordinary error of a few-shot matcher, not a
      // problem of the content: report a pair when it is systematic or when the bot would be sure.
      const systematic = items.length >= (o.repeated ?? 2);
      if (!systematic && !items.some((c) => c.confidence >= (o.sure ?? 0.9))) continue;
      items.sort((x, y) => x.line - y.line);
      const shown = items
        .slice(0, 3)
        .map((c) => `"${c.question}"`)
        .join(', ');
      const more = items.length > 3 ? ` (+${items.length - 3} more)` : '';
      problems.push({
        severity: 'warning',
        code: 'confusable',
        file: from.file,
        line: items[0]?.line ?? from.titleLine,
        message: `${shown}${more} would be answered with "${to.id}" (${to.file}): reword them, or make the two articles more distinct`,
      });
    }
  }
  return problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}
