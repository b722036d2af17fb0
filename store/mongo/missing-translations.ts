import { Schema, type Connection } from 'mongoose';
import type { MissingTranslation, MissingTranslationStore } from '../../bot/ports.js';

interface MissingDoc {
  _id: string;
  articleId: string;
  lang: string;
  requests: number;
  firstAt: Date;
  lastAt: Date;
}

const schema = new Schema<MissingDoc>(
  {
    _id: { type: String, required: true },
    articleId: { type: String, required: true },
    lang: { type: String, required: true },
    requests: { type: Number, required: true },
    firstAt: { type: Date, required: true },
    lastAt: { type: Date, required: true },
  },
  { versionKey: false },
);
// The list, all languages or one: most requested, then latest, then by language and article.
schema.index({ requests: -1, lastAt: -1, lang: 1, articleId: 1 });
schema.index({ lang: 1, requests: -1, lastAt: -1, articleId: 1 });

const toMissing = (d: MissingDoc): MissingTranslation => ({
  articleId: d.articleId,
  lang: d.lang,
  requests: d.requests,
  firstAt: d.firstAt.toISOString(),
  lastAt: d.lastAt.toISOString(),
});

/** Missing translations in MongoDB: one document per article and language (`_id` = lang/id), upserted. */
export async function mongoMissingTranslations(connection: Connection): Promise<MissingTranslationStore> {
  const Missing = connection.model<MissingDoc>('MissingTranslation', schema, 'missing_translations');
  await Missing.init();
  return {
    async record(articleId, lang) {
      const now = new Date();
      const doc = await Missing.findOneAndUpdate(
        { _id: `${lang}/${articleId}` },
        { $inc: { requests: 1 }, $set: { lastAt: now }, $setOnInsert: { articleId, lang, firstAt: now } },
        { upsert: true, returnDocument: 'after', lean: true },
      );
      return toMissing(doc as MissingDoc);
    },
    async list(options = {}) {
      if (options.limit === 0) return [];
      const docs = await Missing.find(options.lang ? { lang: options.lang } : {})
        .sort({ requests: -1, lastAt: -1, lang: 1, articleId: 1 })
        .limit(options.limit ?? 100)
        .lean();
      return docs.map(toMissing);
    },
  };
}
