import type Database from 'better-sqlite3';
import type { MissingTranslation, MissingTranslationStore } from '../../bot/ports.js';

interface Row {
  article_id: string;
  lang: string;
  requests: number;
  first_at: string;
  last_at: string;
}

const toMissing = (r: Row): MissingTranslation => ({
  articleId: r.article_id,
  lang: r.lang,
  requests: r.requests,
  firstAt: r.first_at,
  lastAt: r.last_at,
});

/** Missing translations in the embedded store: one row per article and language, counted up. */
export function sqliteMissingTranslations(db: Database.Database): MissingTranslationStore {
  const upsert = db.prepare<[string, string, string, string], Row>(
    `INSERT INTO missing_translations (article_id, lang, requests, first_at, last_at) VALUES (?, ?, 1, ?, ?)
     ON CONFLICT (article_id, lang) DO UPDATE SET requests = requests + 1, last_at = excluded.last_at
     RETURNING *`,
  );
  const all = db.prepare<[number], Row>(
    'SELECT * FROM missing_translations ORDER BY requests DESC, last_at DESC, lang, article_id LIMIT ?',
  );
  const byLang = db.prepare<[string, number], Row>(
    'SELECT * FROM missing_translations WHERE lang = ? ORDER BY requests DESC, last_at DESC, article_id LIMIT ?',
  );
  return {
    async record(articleId, lang) {
      const now = new Date().toISOString();
      return toMissing(upsert.get(articleId, lang, now, now) as Row);
    },
    async list(options = {}) {
      const limit = options.limit ?? 100;
      return (options.lang ? byLang.all(options.lang, limit) : all.all(limit)).map(toMissing);
    },
  };
}
