import type { UnresolvedQuestion } from '../bot/ports.js';

/** Two questions at least this alike (the matcher's own similarity) are one group. */
export const groupSimilarity = 0.6;

/** Near-duplicate logged questions of one language, shown and handled as one. */
export interface QuestionGroup {
  /** Stable while the group is open: `g-` and the id of its first question. */
  readonly id: string;
  readonly lang: string;
  /** The first question's text: what "add to article" files by default. */
  readonly question: string;
  readonly items: readonly UnresolvedQuestion[];
  readonly firstSeen: string;
  readonly lastSeen: string;
}

/**
 * Groups questions per language, oldest first: a question joins the first group whose first question is
 * at least `threshold` alike (by `similarity`, the matcher's), or starts a group. Identical texts always
 * group. A question's group never depends on later questions, so a group's id stays the same as more arrive.
 */
export function groupQuestions(
  items: readonly UnresolvedQuestion[],
  similarity: (a: string, b: string, lang: string) => number,
  threshold = groupSimilarity,
): QuestionGroup[] {
  const sorted = [...items].sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
  );
  const groups: Array<{ first: UnresolvedQuestion; items: UnresolvedQuestion[] }> = [];
  const norm = (t: string) => t.trim().toLowerCase().replace(/\s+/g, ' ');
  for (const item of sorted) {
    const home = groups.find(
      (g) =>
        g.first.lang === item.lang &&
        (norm(g.first.text) === norm(item.text) ||
          similarity(g.first.text, item.text, item.lang) >= threshold),
    );
    if (home) home.items.push(item);
    else groups.push({ first: item, items: [item] });
  }
  return groups.map((g) => ({
    id: `g-${g.first.id}`,
    lang: g.first.lang,
    question: g.first.text,
    items: g.items,
    firstSeen: g.first.createdAt,
    lastSeen: g.items[g.items.length - 1]?.createdAt ?? g.first.createdAt,
  }));
}
