import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Store } from './ports.js';

const unique = (prefix: string): string => `${prefix}-${randomUUID()}`;

/** The review queue's storage (marks, the source of a logged question) and answer ratings, in every store. */
export function describeReviewContract(store: () => Store): void {
  describe('review marks', () => {
    it('marks items once (the first mark stays), lists them and removes a group by status (undo)', async () => {
      const s = store();
      const [a, b, c] = [unique('item'), unique('item'), unique('item')];
      const group = unique('g');
      const marked = await s.reviewMarks.mark([a, b, a], {
        groupId: group,
        status: 'dismissed',
        by: 'admin-1',
        articleId: null,
      });
      expect(marked.map((m) => m.itemId).sort()).toEqual([a, b].sort());
      expect(marked[0]).toMatchObject({
        groupId: group,
        status: 'dismissed',
        by: 'admin-1',
        articleId: null,
      });
      await s.reviewMarks.mark([b, c], {
        groupId: unique('g'),
        status: 'resolved',
        by: 'admin-2',
        articleId: 'x',
      });
      const all = new Map((await s.reviewMarks.list()).map((m) => [m.itemId, m]));
      expect(all.get(b)).toMatchObject({ groupId: group, status: 'dismissed' });
      expect(all.get(c)).toMatchObject({ status: 'resolved', by: 'admin-2', articleId: 'x' });
      expect(await s.reviewMarks.unmark(group, 'resolved')).toBe(0);
      expect(await s.reviewMarks.unmark(group, 'dismissed')).toBe(2);
      const left = (await s.reviewMarks.list()).map((m) => m.itemId);
      expect(left).toContain(c);
      expect(left).not.toContain(a);
    });

    it('keeps the source and the agent answer of a logged question', async () => {
      const s = store();
      const lang = unique('en');
      const input = {
        conversationId: unique('conv'),
        lang,
        text: 'can I rent a van',
        candidates: [],
        source: 'agent-answer',
        answer: 'Yes, by the hour.',
      };
      const q = await s.unresolved.record(input);
      expect(q).toMatchObject(input);
      expect(await s.unresolved.list({ lang })).toEqual([q]);
    });
  });

  describe('answer ratings', () => {
    it('stores one rating per answer message (a second replaces it), listed per conversation', async () => {
      const s = store();
      const conversationId = unique('conv');
      const first = { messageId: unique('m'), conversationId, articleId: 'a', lang: 'fi', helpful: true };
      const second = { messageId: unique('m'), conversationId, articleId: 'b', lang: 'fi', helpful: false };
      expect(await s.ratings.rate(first)).toMatchObject(first);
      await s.ratings.rate(second);
      await s.ratings.rate({ ...first, helpful: false });
      const listed = await s.ratings.forConversation(conversationId);
      expect(listed).toHaveLength(2);
      expect(listed.find((r) => r.messageId === first.messageId)).toMatchObject({ helpful: false });
      expect(await s.ratings.forConversation(unique('none'))).toEqual([]);
    });
  });
}
