import type { Middleware } from '../pipeline.js';
import type { TurnContext } from '../turn.js';
import { decide } from '../../kb/policy.js';
import { continueForm, resumeForm, type FormContext } from '../forms/dialog.js';
import { completeArticleForm, settingsFor, type AnswerDeps } from './answer.js';

import { personRequested } from './bag-keys.js';
import { turnMatches } from './turn-match.js';
import { words } from '../../lang/analyze.js';

/**
 * A message that reads as a question rather than a value: a question mark, or three words or more (Thai,
 * written without spaces, counted by its segmented words: "ขอใบกำกับภาษีได้ไหม" is four).
 */
const looksLikeQuestion = (text: string, lang: string): boolean =>
  /[?؟]\s*$/u.test(text) ||
  text.trim().split(/\s+/).length >= 3 ||
  (lang === 'th' && words(text, lang).length >= 3);

/**
 * While a form is open, the visitor's messages go to it: values, skip, back, cancel, the summary's
 * choices. A message that is not a value but a question the KB answers confidently (with an article
 * that needs no form of its own) is answered by the rest of the pipeline, then the form is asked again
 * where it stood.
 */
export function collectForm(deps: AnswerDeps): Middleware {
  const isKbQuestion = async (ctx: TurnContext, purposeArticle: string | null): Promise<boolean> => {
    if (ctx.input.postback || !looksLikeQuestion(ctx.visitorMessage.text, ctx.lang)) return false;
    const candidates = await turnMatches(ctx, deps.kb, ctx.lang);
    const decision = decide(candidates, settingsFor(deps, ctx.lang));
    if (decision.kind !== 'answer' || decision.candidate.articleId === purposeArticle) return false;
    return !deps.kb.article(decision.candidate.articleId, ctx.lang)?.form;
  };

  return async (ctx, next) => {
    const session = ctx.conversation.state.form;
    if (!session) return next();
    const form = deps.kb.form?.(session.formId);
    if (!form) {
      // The form was removed from the content: leave it rather than trap the visitor.
      ctx.conversation = { ...ctx.conversation, state: { ...ctx.conversation.state, form: null } };
      return next();
    }
    const fc: FormContext = { ctx, form, t: deps.translator };
    if (ctx.input.postback?.startsWith('article:')) {
      // A suggestion or a "Did you mean" choice picked mid-form: answer it, then ask again.
      await next();
      resumeForm(fc, ctx.conversation.state.form ?? session);
      return;
    }
    const outcome = continueForm(fc, session);
    if (outcome.kind === 'handled') return;
    if (outcome.kind === 'person') {
      ctx.bag.set(personRequested, true);
      return;
    }
    if (outcome.kind === 'done') {
      if (session.purpose.kind === 'article')
        await completeArticleForm(ctx, deps, fc, session.purpose.articleId, outcome.values);
      else await deps.onTicketForm?.(ctx, outcome.values);
      return;
    }
    const purposeArticle = session.purpose.kind === 'article' ? session.purpose.articleId : null;
    if (await isKbQuestion(ctx, purposeArticle)) {
      await next();
      const still = ctx.conversation.state.form ?? session;
      resumeForm(fc, still);
      return;
    }
    outcome.invalid();
  };
}
