import type { Candidate } from '../kb/types.js';
import type { QuestionGroup } from './grouping.js';
import type { ReviewMark } from './ports.js';

/** A review group as the console, the API and the CLI show it. */
export interface ReviewGroupView {
  readonly id: string;
  readonly lang: string;
  readonly question: string;
  readonly count: number;
  readonly firstSeen: string;
  readonly lastSeen: string;
  /** Distinct phrasings, newest first (up to 5). */
  readonly examples: readonly string[];
  /** How many of the questions came from each source (unresolved, not-helpful, agent-answer, …). */
  readonly sources: Readonly<Record<string, number>>;
  /** The conversations they were asked in, newest first (up to 10). */
  readonly conversations: readonly string[];
  /** The matcher's best three articles for the group's question today, with their confidence. */
  readonly top: readonly Candidate[];
  /** Agents' answers to these questions after a handoff (up to 3): a new article can start from one. */
  readonly answers: readonly string[];
  /** For a resolved or dismissed group: who, when and (resolved) the article. */
  readonly mark: { status: string; by: string; at: string; articleId: string | null } | null;
}

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
