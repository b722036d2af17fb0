import type { Candidate } from '../kb/types.js';
import type { QuestionGroup } from './grouping.js';
import type { ReviewMark } from './ports.js';
import type { ReviewGroupView } from './group-view.js';

const distinct = <T>(xs: readonly T[], n: number): T[] => [...new Set(xs)].slice(0, n);

export async function presentGroup(
  group: QuestionGroup,
  mark: ReviewMark | null,
  kb: { match(text: string, lang: string, limit?: number): Promise<Candidate[]> },
): Promise<ReviewGroupView> {
  const newest = [...group.items].reverse();
  const sources: Record<string, number> = {};
  for (const i of group.items)
    sources[i.source ?? 'unresolved'] = (sources[i.source ?? 'unresolved'] ?? 0) + 1;
  return {
    id: group.id,
    lang: group.lang,
    question: group.question,
    count: group.items.length,
    firstSeen: group.firstSeen,
    lastSeen: group.lastSeen,
    examples: distinct(
      newest.map((i) => i.text),
      5,
    ),
    sources,
    conversations: distinct(
      newest.map((i) => i.conversationId),
      10,
    ),
    top: await kb.match(group.question, group.lang, 3),
    answers: distinct(
      newest.flatMap((i) => (i.answer ? [i.answer] : [])),
      3,
    ),
    mark: mark ? { status: mark.status, by: mark.by, at: mark.at, articleId: mark.articleId } : null,
  };
}
