import type { KnowledgeBase, LanguageIdentifier } from '../ports.js';
import type { Translator } from '../../common/translator.js';
import type { Middleware } from '../pipeline.js';

/**
 * The language a new conversation starts in: the first preferred language (browser or channel locale)
 * the KB has, else the default, else the KB's first language.
 */
export function pickLanguage(
  available: readonly string[],
  preferred: readonly string[],
  defaultLang: string,
): string {
  const base = (tag: string) => tag.toLowerCase().split(/[-_]/)[0] ?? '';
  const match = preferred.map(base).find((l) => available.includes(l));
  if (match) return match;
  return available.includes(defaultLang) ? defaultLang : (available[0] ?? defaultLang);
}

/**
 * The turn's language. With a language identifier: an explicit request switches (and is confirmed), a
 * message confidently in a language the KB lacks gets the list of supported languages, otherwise the
 * detected language (the conversation's language is the prior, so "ok" or "thanks" never flips it).
 * Without one, a conversation keeps its language and a new one starts from the channel's hint.
 */
export function detectLanguage(
  kb: KnowledgeBase,
  defaultLang: string,
  identifier?: LanguageIdentifier,
  t?: Translator,
): Middleware {
  return async (ctx, next) => {
    const hints = ctx.input.localeHint ? [ctx.input.localeHint] : [];
    const fallback = ctx.conversation.lang ?? pickLanguage(kb.languages(), hints, defaultLang);
    const picked = ctx.input.postback?.startsWith('lang:') ? ctx.input.postback.slice('lang:'.length) : null;
    if (picked && kb.languages().includes(picked) && t) {
      ctx.lang = picked;
      ctx.send({ text: t.t('lang.switched', ctx.lang), event: 'lang' });
      return;
    }
    if (!identifier || ctx.input.postback) {
      ctx.lang = fallback;
      return next();
    }
    // Inside a form, answers (an email, a name, a number) are no evidence of a language: only an explicit
    // request switches (so nothing else is modelled).
    const inForm = Boolean(ctx.conversation.state.form);
    const d = identifier.detect(ctx.visitorMessage.text, {
      current: ctx.conversation.lang,
      hints,
      switchOnly: inForm,
    });
    if (inForm && d.source !== 'switch') {
      ctx.lang = fallback;
      return next();
    }
    ctx.lang = kb.languages().includes(d.lang) ? d.lang : fallback;
    if (d.source === 'switch' && t) {
      ctx.send({ text: t.t('lang.switched', ctx.lang), event: 'lang' });
      return;
    }
    if (d.unsupported && t) {
      const names = kb.languages().map((l) => t.t(`lang.names.${l}`, ctx.lang));
      ctx.send({ text: t.t('lang.unsupported', ctx.lang, { languages: names.join(', ') }), event: 'lang' });
      return;
    }
    await next();
  };
}
