import type {
  KnowledgeBase,
  MissingTranslationStore,
  NewUnresolvedQuestion,
  UnresolvedStore,
} from '../ports.js';
import type { ConversationState } from '../../conversation/types.js';
import type { Translator } from '../../common/translator.js';
import type { Middleware } from '../pipeline.js';
import type { TurnContext } from '../turn.js';
import { decide, effectiveSettings, type PolicySettings } from '../../kb/policy.js';
import { completedArticle, startForm, type FormContext } from '../forms/dialog.js';
import type { FieldValue } from '../../forms/types.js';
import { handoffArticle, triedTags } from './bag-keys.js';
import { turnMatches } from './turn-match.js';
import { choice } from '../../conversation/choices.js';
import { ratingChoices } from '../../conversation/rating-choices.js';

export const articlePostback = (id: string): string => `article:${id}`;
/** The offer's "None of these". */
export const offerPostback = { none: 'offer:none' } as const;

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

/** The settings in force for a language: config.yml, else what the KB chose for it, else the process's. */
export function settingsFor(deps: Pick<AnswerDeps, 'kb' | 'settings'>, lang: string): PolicySettings {
  return effectiveSettings(deps.settings, deps.kb.settings?.(), deps.kb.chosenSettings?.(lang));
}

/**
 * Match the question against the KB and apply the decision policy (kb/policy.ts): answer, offer the
 * likely articles ("These articles may help:" with "None of these"), or admit it. The settings in force
 * are the KB's own (`kb.settings()`, read every turn), else the thresholds it chose for the language,
 * else the process's `settings`. A question the conversation's language cannot answer gets a second
 * chance in the default language (a visitor mixing in English product words, an article not yet
 * translated). "None of these" logs the question as unresolved with the articles offered and asks the
 * visitor to rephrase; like an admitted question it counts as a failure (HANDOFF_AFTER_FAILURES).
 */
export function answerFromKb(deps: AnswerDeps): Middleware {
  const { kb, translator: t } = deps;
  const setState = (ctx: TurnContext, patch: Partial<ConversationState>): void => {
    ctx.conversation = { ...ctx.conversation, state: { ...ctx.conversation.state, ...patch } };
  };
  const failed = async (ctx: TurnContext, logged: NewUnresolvedQuestion, key: string): Promise<void> => {
    await deps.unresolved.record(logged);
    ctx.send({
      text: t.t(key, ctx.lang),
      confidence: logged.candidates[0]?.confidence ?? 0,
      tried: logged.candidates.slice(0, triedShown),
      event: 'unresolved',
    });
    setState(ctx, { failures: ctx.conversation.state.failures + 1, offer: null });
  };
  return async (ctx, next) => {
    const postback = ctx.input.postback ?? null;
    if (postback === offerPostback.none) {
      const offer = ctx.conversation.state.offer;
      await failed(
        ctx,
        {
          conversationId: ctx.conversation.id,
          lang: ctx.lang,
          text: offer?.text ?? ctx.visitorMessage.text,
          candidates: offer?.candidates ?? [],
          offered: offer?.articleIds ?? [],
          source: 'none-of-these',
        },
        'offer.rephrase',
      );
      return next();
    }
    const picked = postback?.startsWith('article:') ? postback.slice('article:'.length) : null;
    if (picked && (await sendArticle(ctx, deps, picked, 1))) {
      setState(ctx, { failures: 0, offer: null });
      return next();
    }

    const settings = settingsFor(deps, ctx.lang);
    const candidates = await turnMatches(ctx, kb, ctx.lang);
    const tags = candidates.slice(0, 2).flatMap((c) => kb.article(c.articleId, ctx.lang)?.tags ?? []);
    ctx.bag.set(triedTags, [...new Set(tags)]);
    let decision = decide(candidates, settings);
    const defaultLang = deps.settings.defaultLang;
    if (decision.kind !== 'answer' && ctx.lang !== defaultLang) {
      const second = decide(await turnMatches(ctx, kb, defaultLang), settingsFor(deps, defaultLang));
      if (second.kind === 'answer') decision = second;
    }
    if (decision.kind === 'answer') {
      const { articleId, confidence } = decision.candidate;
      if (await sendArticle(ctx, deps, articleId, confidence)) {
        setState(ctx, { failures: 0, offer: null });
        return next();
      }
    }
    if (decision.kind === 'offer') {
      const options = decision.options;
      ctx.send({
        text: t.t('offer.prompt', ctx.lang),
        choices: [
          ...options.map((c) => choice(c.title, articlePostback(c.articleId))),
          choice(t.t('offer.none', ctx.lang), offerPostback.none),
        ],
        confidence: options[0]?.confidence ?? 0,
        tried: options.map((c) => ({ articleId: c.articleId, confidence: c.confidence })),
        event: 'offer',
      });
      setState(ctx, {
        offer: {
          text: ctx.visitorMessage.text,
          articleIds: options.map((c) => c.articleId),
          candidates: candidates.map((c) => ({ articleId: c.articleId, confidence: c.confidence })),
        },
      });
      return next();
    }
    await failed(
      ctx,
      {
        conversationId: ctx.conversation.id,
        lang: ctx.lang,
        text: ctx.visitorMessage.text,
        candidates: candidates.map((c) => ({ articleId: c.articleId, confidence: c.confidence })),
      },
      'unresolved.rephrase',
    );
    return next();
  };
}
