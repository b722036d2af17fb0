import type { KnowledgeBase, MissingTranslationStore, Translator, UnresolvedStore } from '../ports.js';
import type { Middleware } from '../pipeline.js';
import type { TurnContext } from '../turn.js';
import { decide, effectiveSettings, type PolicySettings } from '../policy.js';

export const articlePostback = (id: string): string => `article:${id}`;

/** How many candidates the bot asks the KB for; `kb eval` asks for as many. */
export const matchLimit = 5;

export interface AnswerDeps {
  readonly kb: KnowledgeBase;
  readonly unresolved: UnresolvedStore;
  readonly missingTranslations: MissingTranslationStore;
  readonly translator: Translator;
  readonly settings: PolicySettings & { readonly defaultLang: string };
}

/**
 * Sends the article in the conversation's language; when the KB lacks it there, sends the default
 * language's version after a localised note and counts the missing translation. False when neither exists.
 */
async function sendArticle(
  ctx: TurnContext,
  deps: AnswerDeps,
  id: string,
  confidence: number,
): Promise<boolean> {
  const own = deps.kb.article(id, ctx.lang);
  if (own) {
    ctx.send({ text: own.body, articleId: own.id, confidence });
    return true;
  }
  const fallbackLang = deps.settings.defaultLang;
  const fallback = deps.kb.article(id, fallbackLang);
  if (!fallback) return false;
  await deps.missingTranslations.record(id, ctx.lang);
  const names = { fallback: deps.translator.t(`lang.names.${fallbackLang}`, ctx.lang) };
  ctx.send({ text: deps.translator.t('fallback.note', ctx.lang, names), event: 'fallback' });
  ctx.send({ text: fallback.body, articleId: fallback.id, confidence, lang: fallbackLang });
  return true;
}

/**
 * Match the question against the KB and apply the decision policy: answer, clarify, or admit it. The
 * settings in force are the KB's own (`kb.settings()`, read every turn) over the process's `settings`.
 * A question the conversation's language cannot answer gets a second chance in the default language
 * (a visitor mixing in English product words, an article not yet translated).
 */
export function answerFromKb(deps: AnswerDeps): Middleware {
  const { kb, translator: t } = deps;
  const answered = (ctx: TurnContext): void => {
    ctx.conversation = { ...ctx.conversation, state: { ...ctx.conversation.state, failures: 0 } };
  };
  return async (ctx, next) => {
    const picked = ctx.input.postback?.startsWith('article:')
      ? ctx.input.postback.slice('article:'.length)
      : null;
    if (picked && (await sendArticle(ctx, deps, picked, 1))) {
      answered(ctx);
      return next();
    }

    const settings = effectiveSettings(deps.settings, kb.settings?.());
    const candidates = await kb.match(ctx.visitorMessage.text, ctx.lang, matchLimit);
    let decision = decide(candidates, settings);
    if (decision.kind === 'unresolved' && ctx.lang !== deps.settings.defaultLang) {
      const second = decide(await kb.match(ctx.visitorMessage.text, deps.settings.defaultLang, 2), settings);
      if (second.kind === 'answer') decision = second;
    }
    if (decision.kind === 'answer') {
      const { articleId, confidence } = decision.candidate;
      if (await sendArticle(ctx, deps, articleId, confidence)) {
        answered(ctx);
        return next();
      }
    }
    if (decision.kind === 'clarify') {
      const [a, b] = decision.options;
      ctx.send({
        text: t.t('clarify.prompt', ctx.lang),
        choices: [a, b].map((c) => ({ label: c.title, value: articlePostback(c.articleId) })),
        confidence: a.confidence,
        event: 'clarify',
      });
      return next();
    }
    await deps.unresolved.record({
      conversationId: ctx.conversation.id,
      lang: ctx.lang,
      text: ctx.visitorMessage.text,
      candidates: candidates.map((c) => ({ articleId: c.articleId, confidence: c.confidence })),
    });
    ctx.send({
      text: t.t('unresolved.rephrase', ctx.lang),
      confidence: candidates[0]?.confidence ?? 0,
      event: 'unresolved',
    });
    const state = ctx.conversation.state;
    ctx.conversation = { ...ctx.conversation, state: { ...state, failures: state.failures + 1 } };
    return next();
  };
}
