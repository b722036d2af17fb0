import type { AnswerRatingStore, UnresolvedStore } from '../ports.js';
import type { Translator } from '../../common/translator.js';
import type { ConversationStore } from '../../conversation/ports.js';
import { choice } from '../../conversation/choices.js';
import { readRating } from '../../conversation/rating-choices.js';
import type { Middleware } from '../pipeline.js';
import { handoffPostback } from './handoff.js';

export interface RateAnswerDeps {
  readonly ratings: AnswerRatingStore;
  readonly unresolved: UnresolvedStore;
  readonly conversations: ConversationStore;
  readonly translator: Translator;
  /** Whether a person can be asked for (the handoff step is there). */
  readonly canHandOff: boolean;
}

/**
 * The helpful / not helpful buttons under an answer: the rating is stored with the latest answer of that
 * article in the conversation. "Not helpful" also puts the visitor's question into the review queue
 * (`not-helpful`, with the article) and offers to rephrase or to talk to a person.
 */
export function rateAnswer(deps: RateAnswerDeps): Middleware {
  const t = deps.translator;
  return async (ctx, next) => {
    const rating = readRating(ctx.input.postback);
    if (!rating) return next();
    const recent = await deps.conversations.messages(ctx.conversation.id, { limit: 60 });
    const answer = [...recent]
      .reverse()
      .find((m) => m.role === 'bot' && m.meta.articleId === rating.articleId);
    if (answer) {
      const lang = answer.meta.lang ?? ctx.lang;
      await deps.ratings.rate({
        messageId: answer.id,
        conversationId: ctx.conversation.id,
        articleId: rating.articleId,
        lang,
        helpful: rating.helpful,
      });
      const question = recent.find((m) => m.id === answer.meta.replyTo);
      if (!rating.helpful && question)
        await deps.unresolved.record({
          conversationId: ctx.conversation.id,
          lang: ctx.lang,
          text: question.text,
          candidates: [{ articleId: rating.articleId, confidence: answer.meta.confidence ?? 0 }],
          source: 'not-helpful',
        });
    }
    if (rating.helpful) {
      ctx.send({ text: t.t('rating.thanks', ctx.lang), event: 'rating' });
      return;
    }
    ctx.send({
      text: t.t('rating.sorry', ctx.lang),
      choices: deps.canHandOff ? [choice(t.t('rating.person', ctx.lang), handoffPostback.request)] : [],
      event: 'rating',
    });
  };
}
