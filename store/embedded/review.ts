import type Database from 'better-sqlite3';
import type { AnswerRating, AnswerRatingStore } from '../../bot/ports.js';
import type { ReviewMark, ReviewMarkStore, ReviewStatus } from '../../review/ports.js';

interface MarkRow {
  item_id: string;
  group_id: string;
  status: string;
  by_agent: string;
  at: string;
  article_id: string | null;
}

interface RatingRow {
  message_id: string;
  conversation_id: string;
  article_id: string;
  lang: string;
  helpful: number;
  created_at: string;
}

const toMark = (r: MarkRow): ReviewMark => ({
  itemId: r.item_id,
  groupId: r.group_id,
  status: r.status as ReviewStatus,
  by: r.by_agent,
  at: r.at,
  articleId: r.article_id,
});

const toRating = (r: RatingRow): AnswerRating => ({
  messageId: r.message_id,
  conversationId: r.conversation_id,
  articleId: r.article_id,
  lang: r.lang,
  helpful: r.helpful === 1,
  createdAt: r.created_at,
});

/** Review marks in the embedded store: one row per marked question. */
export function sqliteReviewMarks(db: Database.Database): ReviewMarkStore {
  const insert = db.prepare(
    `INSERT INTO review_marks (item_id, group_id, status, by_agent, at, article_id)
     VALUES (@item_id, @group_id, @status, @by_agent, @at, @article_id) ON CONFLICT (item_id) DO NOTHING`,
  );
  const byItem = db.prepare<[string], MarkRow>('SELECT * FROM review_marks WHERE item_id = ?');
  const all = db.prepare<[], MarkRow>('SELECT * FROM review_marks ORDER BY at DESC, rowid DESC');
  const remove = db.prepare<[string, string]>('DELETE FROM review_marks WHERE group_id = ? AND status = ?');
  const markAll = db.transaction((rows: MarkRow[]) => {
    for (const r of rows) insert.run(r);
    return rows.map((r) => toMark(byItem.get(r.item_id) as MarkRow));
  });
  return {
    async mark(itemIds, mark) {
      const at = new Date().toISOString();
      return markAll(
        [...new Set(itemIds)].map((id) => ({
          item_id: id,
          group_id: mark.groupId,
          status: mark.status,
          by_agent: mark.by,
          at,
          article_id: mark.articleId,
        })),
      );
    },
    async list() {
      return all.all().map(toMark);
    },
    async unmark(groupId, status) {
      return remove.run(groupId, status).changes;
    },
  };
}

/** Answer ratings in the embedded store: one row per rated answer message. */
export function sqliteRatings(db: Database.Database): AnswerRatingStore {
  const upsert = db.prepare<[string, string, string, string, number, string], RatingRow>(
    `INSERT INTO answer_ratings (message_id, conversation_id, article_id, lang, helpful, created_at)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (message_id) DO UPDATE SET helpful = excluded.helpful, created_at = excluded.created_at
     RETURNING *`,
  );
  const ofConversation = db.prepare<[string], RatingRow>(
    'SELECT * FROM answer_ratings WHERE conversation_id = ? ORDER BY created_at, rowid',
  );
  return {
    async rate(r) {
      const row = upsert.get(
        r.messageId,
        r.conversationId,
        r.articleId,
        r.lang,
        r.helpful ? 1 : 0,
        new Date().toISOString(),
      );
      return toRating(row as RatingRow);
    },
    async forConversation(conversationId) {
      return ofConversation.all(conversationId).map(toRating);
    },
  };
}
