/**
 * The review queue's own storage: which logged questions an admin resolved (filed under an article, or
 * turned into one) or dismissed. The questions themselves are the unresolved log (bot/ports.ts).
 */
export type ReviewStatus = 'resolved' | 'dismissed';

export interface ReviewMark {
  readonly itemId: string;
  /** The group the item was in when it was marked (undo works on the group). */
  readonly groupId: string;
  readonly status: ReviewStatus;
  /** The admin's id. */
  readonly by: string;
  readonly at: string;
  /** What it was filed under (resolved), or null. */
  readonly articleId: string | null;
}

export interface ReviewMarkStore {
  /** Marks items; an item marked already keeps its first mark. */
  mark(itemIds: readonly string[], mark: Omit<ReviewMark, 'itemId' | 'at'>): Promise<ReviewMark[]>;
  /** Every mark, newest first (the review queue hides the marked items). */
  list(): Promise<ReviewMark[]>;
  /** Removes a group's marks of that status (undo); returns how many. */
  unmark(groupId: string, status: ReviewStatus): Promise<number>;
}
