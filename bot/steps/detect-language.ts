import type { KnowledgeBase } from '../ports.js';
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

/** v1: a conversation keeps its language; a new one starts from the channel's hint. */
export function detectLanguage(kb: KnowledgeBase, defaultLang: string): Middleware {
  return async (ctx, next) => {
    const hint = ctx.input.localeHint ? [ctx.input.localeHint] : [];
    ctx.lang = ctx.conversation.lang ?? pickLanguage(kb.languages(), hint, defaultLang);
    await next();
  };
}
