import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { I18nTranslator } from '../../bot/i18n.js';
import { renderMessage } from '../../channels/messenger/render.js';
import { ratingChoices, readRating } from '../../conversation/rating-choices.js';
import { loadLocales } from '../../server/locales.js';
import { repoRoot } from '../helpers/server.js';

/**
 * The helpful / not helpful buttons are channel-neutral choices, localised in all six demo locales, short
 * enough to be Messenger quick replies (20 characters at most) rather than a numbered list.
 */
describe('rating choices', () => {
  it('are localised in every locale and render as Messenger quick replies', async () => {
    const t = await I18nTranslator.create(loadLocales(path.join(repoRoot, 'content')), 'en');
    const english = ratingChoices(t, 'en', 'x').map((c) => c.label);
    for (const lang of ['en', 'fi', 'et', 'tr', 'ar', 'th']) {
      const choices = ratingChoices(t, lang, 'track-order');
      if (lang !== 'en') expect(choices.map((c) => c.label)).not.toEqual(english);
      for (const key of ['thanks', 'sorry', 'person'])
        expect(t.t(`rating.${key}`, lang)).not.toBe(`rating.${key}`);
      const [rendered] = renderMessage({
        id: 'm1',
        conversationId: 'c1',
        seq: 1,
        role: 'bot',
        text: 'Answer',
        clientId: null,
        meta: { choices },
        createdAt: new Date().toISOString(),
      });
      expect(rendered?.quick_replies?.map((q) => q.payload)).toEqual([
        'rate:up:track-order',
        'rate:down:track-order',
      ]);
    }
  });

  it('reads only well-formed rating postbacks', () => {
    expect(readRating('rate:up:track-order')).toEqual({ helpful: true, articleId: 'track-order' });
    expect(readRating('rate:down:a')).toEqual({ helpful: false, articleId: 'a' });
    for (const bad of ['rate:maybe:a', 'rate:up:', 'rate:up:../x', 'article:a', null, undefined])
      expect(readRating(bad)).toBeNull();
  });
});
