import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Store } from './ports.js';

/** The missing-translations part of the store contract; `store()` is the current test's store. */
export function describeMissingTranslationsContract(store: () => Store): void {
  describe('missing translations', () => {
    it('counts requests per article and language, most requested first', async () => {
      const lang = `fi-${randomUUID()}`;
      const first = await store().missingTranslations.record('gift-cards', lang);
      expect(first).toMatchObject({ articleId: 'gift-cards', lang, requests: 1 });
      expect(first.firstAt).toBe(first.lastAt);
      await store().missingTranslations.record('returns', lang);
      const again = await store().missingTranslations.record('gift-cards', lang);
      expect(again.requests).toBe(2);
      expect(again.firstAt).toBe(first.firstAt);
      expect(Date.parse(again.lastAt)).toBeGreaterThanOrEqual(Date.parse(first.lastAt));
      const listed = await store().missingTranslations.list({ lang });
      expect(listed.map((m) => [m.articleId, m.requests])).toEqual([
        ['gift-cards', 2],
        ['returns', 1],
      ]);
      expect(await store().missingTranslations.list({ lang, limit: 1 })).toHaveLength(1);
      expect(await store().missingTranslations.list({ lang, limit: 0 })).toEqual([]);
    });

    it('keeps languages apart', async () => {
      const a = `et-${randomUUID()}`;
      const b = `tr-${randomUUID()}`;
      await store().missingTranslations.record('gift-cards', a);
      await store().missingTranslations.record('gift-cards', b);
      expect((await store().missingTranslations.list({ lang: a })).map((m) => m.lang)).toEqual([a]);
    });
  });
}
