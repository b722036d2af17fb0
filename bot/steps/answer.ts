import type { KnowledgeBase, MissingTranslationStore, UnresolvedStore } from '../ports.js';
import type { Translator } from '../../common/translator.js';
import type { Middleware } from '../pipeline.js';
import type { TurnContext } from '../turn.js';
import { decide, effectiveSettings, matchLimit, type PolicySettings } from '../../kb/policy.js';
import { completedArticle, startForm, type FormContext } from '../forms/dialog.js';
import type { FieldValue } from '../../forms/types.js';
import { handoffArticle, triedTags } from './bag-keys.js';
import { choice } from '../../conversation/choices.js';
import { ratingChoices } from '../../conversation/rating-choices.js';

export const articlePostback = (id: string): string => `article:${id}`;

/** How many of the candidates an unresolved reply keeps as `tried` (for agents). */
const triedShown = 3;

export interface AnswerDeps {
  readonly kb: KnowledgeBase;
  readonly unresolved: UnresolvedStore;
  readonly missingTranslations: MissingTranslationStore;
  readonly translator: Translator;
  readonly settings: PolicySettings & { readonly defaultLang: string };
  /** Answers carry the helpful / not helpful buttons (bot/steps/rate-answer.ts stores the rating). */
  readonly ratings?: boolean;
  /** The ticket form (after a handoff nobody could take) was confirmed. */
  readonly onTicketForm?: (ctx: TurnContext, values: Readonly<Record<string, FieldValue>>) => Promise<void>;
}

/**
 * The article in the conversation's language; when the KB lacks it there, the default language's
 * version after a localised note (the missing translation is counted). Undefined when neither exists.
 */
async function articleFor(ctx: TurnContext, deps: AnswerDeps, id: string) {
  const own = deps.kb.article(id, ctx.lang);
  if (own) return { article: own, lang: undefined };
  const fallbackLang = deps.settings.defaultLang;
  const fallback = deps.kb.article(id, fallbackLang);
  if (!fallback) return undefined;
  await deps.missingTranslations.record(id, ctx.lang);
  const names = { fallback: deps.translator.t(`lang.names.${fallbackLang}`, ctx.lang) };
  ctx.send({ text: deps.translator.t('fallback.note', ctx.lang, names), event: 'fallback' });
  return { article: fallback, lang: fallbackLang };
}

/**
 * Answers with an article, or, when it declares a form (`form:`), starts collecting it: the answer
 * comes once the form is confirmed. False when the article exists in no language.
 */
async function sendArticle(
  ctx: TurnContext,
  deps: AnswerDeps,
  id: string,
  confidence: number,
): Promise<boolean> {
  const formId = (deps.kb.article(id, ctx.lang) ?? deps.kb.article(id, deps.settings.defaultLang))?.form;
  const form = formId ? deps.kb.form?.(formId) : undefined;
  if (form && !ctx.conversation.state.form) {
    startForm({ ctx, form, t: deps.translator }, { kind: 'article', articleId: id });
    return true;
  }
  const found = await articleFor(ctx, deps, id);
  if (!found) return false;
  const { article, lang } = found;
  if (article.handoff) ctx.bag.set(handoffArticle, true);
  ctx.send({
    text: article.body,
    articleId: article.id,
    confidence,
    ...(lang ? { lang } : {}),
    ...(deps.ratings ? { choices: ratingChoices(deps.translator, ctx.lang, article.id) } : {}),
  });
  return true;
}

/** The answer that completes an article's form: its body with the values, event `form-done`. */
export async function completeArticleForm(
  ctx: TurnContext,
  deps: AnswerDeps,
  fc: FormContext,
  id: string,
  values: Readonly<Record<string, FieldValue>>,
): Promise<void> {
  const found = await articleFor(ctx, deps, id);
  if (!found) return;
  const done = completedArticle(fc, found.article.body, values);
  ctx.send({ ...done, articleId: id, confidence: 1, ...(found.lang ? { lang: found.lang } : {}) });
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
    const tags = candidates.slice(0, 2).flatMap((c) => kb.article(c.articleId, ctx.lang)?.tags ?? []);
    ctx.bag.set(triedTags, [...new Set(tags)]);
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
        choices: [a, b].map((c) => choice(c.title, articlePostback(c.articleId))),
        confidence: a.confidence,
        tried: [a, b].map((c) => ({ articleId: c.articleId, confidence: c.confidence })),
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
      tried: candidates
        .slice(0, triedShown)
        .map((c) => ({ articleId: c.articleId, confidence: c.confidence })),
      event: 'unresolved',
    });
    const state = ctx.conversation.state;
    ctx.conversation = { ...ctx.conversation, state: { ...state, failures: state.failures + 1 } };
    return next();
  };
}
