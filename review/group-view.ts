import type { Candidate } from '../kb/types.js';

/**
 * A review group as the console, the API and the CLI show it (review/present.ts builds it). Types only: the
 * console (web/console/review-api.ts) imports it too.
 */
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
