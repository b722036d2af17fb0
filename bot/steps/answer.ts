import type { KnowledgeBase, Translator, UnresolvedStore } from '../ports.js';
import type { Middleware } from '../pipeline.js';
import { decide, effectiveSettings, type PolicySettings } from '../policy.js';

export const articlePostback = (id: string): string => `article:${id}`;

/** How many candidates the bot asks the KB for; `kb eval` asks for as many. */
export const matchLimit = 5;

/**
 * Match the question against the KB and apply the decision policy: answer, clarify, or admit it. The
 * settings in force are the KB's own (`kb.settings()`, read every turn) over the process's `settings`.
 */
export function answerFromKb(
  kb: KnowledgeBase,
  unresolved: UnresolvedStore,
  t: Translator,
  settings: PolicySettings,
): Middleware {
  return async (ctx, next) => {
    const picked = ctx.input.postback?.startsWith('article:')
      ? ctx.input.postback.slice('article:'.length)
      : null;
    const chosen = picked ? kb.article(picked, ctx.lang) : undefined;
    if (chosen) {
      ctx.send({ text: chosen.body, articleId: chosen.id, confidence: 1 });
      ctx.conversation = { ...ctx.conversation, state: { ...ctx.conversation.state, failures: 0 } };
      return next();
    }

    const candidates = await kb.match(ctx.visitorMessage.text, ctx.lang, matchLimit);
    const decision = decide(candidates, effectiveSettings(settings, kb.settings?.()));
    const state = ctx.conversation.state;
    if (decision.kind === 'answer') {
      const article = kb.article(decision.candidate.articleId, ctx.lang);
      if (article) {
        ctx.send({ text: article.body, articleId: article.id, confidence: decision.candidate.confidence });
        ctx.conversation = { ...ctx.conversation, state: { ...state, failures: 0 } };
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
    await unresolved.record({
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
    ctx.conversation = { ...ctx.conversation, state: { ...state, failures: state.failures + 1 } };
    return next();
  };
}
