import { Schema, type Connection } from 'mongoose';
import type { AnswerRating, AnswerRatingStore } from '../../bot/ports.js';
import type { ReviewMark, ReviewMarkStore, ReviewStatus } from '../../review/ports.js';

interface MarkDoc {
  _id: string;
  groupId: string;
  status: string;
  by: string;
  at: Date;
  articleId: string | null;
}

interface RatingDoc {
  _id: string;
  conversationId: string;
  articleId: string;
  lang: string;
  helpful: boolean;
  createdAt: Date;
}

const markSchema = new Schema<MarkDoc>(
  {
    _id: { type: String, required: true },
    groupId: { type: String, required: true },
    status: { type: String, required: true },
    by: { type: String, required: true },
    at: { type: Date, required: true },
    articleId: { type: String, default: null },
  },
  { versionKey: false },
);
markSchema.index({ groupId: 1, status: 1 });

const ratingSchema = new Schema<RatingDoc>(
  {
    _id: { type: String, required: true },
    conversationId: { type: String, required: true },
    articleId: { type: String, required: true },
    lang: { type: String, required: true },
    helpful: { type: Boolean, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);
ratingSchema.index({ conversationId: 1, createdAt: 1 });

const toMark = (d: MarkDoc): ReviewMark => ({
  itemId: d._id,
  groupId: d.groupId,
  status: d.status as ReviewStatus,
  by: d.by,
  at: d.at.toISOString(),
  articleId: d.articleId,
});

const toRating = (d: RatingDoc): AnswerRating => ({
  messageId: d._id,
  conversationId: d.conversationId,
  articleId: d.articleId,
  lang: d.lang,
  helpful: d.helpful,
  createdAt: d.createdAt.toISOString(),
});

/** Review marks in MongoDB: one document per marked question (`_id` = the question's id). */
export async function mongoReviewMarks(connection: Connection): Promise<ReviewMarkStore> {
  const Mark = connection.model<MarkDoc>('ReviewMark', markSchema, 'review_marks');
  await Mark.init();
  return {
    async mark(itemIds, mark) {
      const at = new Date();
      const ids = [...new Set(itemIds)];
      await Mark.bulkWrite(
        ids.map((id) => ({
          updateOne: {
            filter: { _id: id },
            update: { $setOnInsert: { ...mark, at } },
            upsert: true,
          },
        })),
      );
      const docs = await Mark.find({ _id: { $in: ids } }).lean();
      return docs.map(toMark);
    },
    async list() {
      return (await Mark.find({}).sort({ at: -1 }).lean()).map(toMark);
    },
    async unmark(groupId, status) {
      return (await Mark.deleteMany({ groupId, status })).deletedCount;
    },
  };
}

/** Answer ratings in MongoDB: one document per rated answer (`_id` = the message id), upserted. */
export async function mongoRatings(connection: Connection): Promise<AnswerRatingStore> {
  const Rating = connection.model<RatingDoc>('AnswerRating', ratingSchema, 'answer_ratings');
  await Rating.init();
  return {
    async rate(r) {
      const doc = await Rating.findOneAndUpdate(
        { _id: r.messageId },
        {
          $set: {
            conversationId: r.conversationId,
            articleId: r.articleId,
            lang: r.lang,
            helpful: r.helpful,
            createdAt: new Date(),
          },
        },
        { upsert: true, returnDocument: 'after', lean: true },
      );
      return toRating(doc as RatingDoc);
    },
    async forConversation(conversationId) {
      return (await Rating.find({ conversationId }).sort({ createdAt: 1 }).lean()).map(toRating);
    },
  };
}
