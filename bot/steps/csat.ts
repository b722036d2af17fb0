import type { Csat } from '../../handoff/types.js';
import type { CsatSurvey, Translator } from '../ports.js';
import type { Middleware } from '../pipeline.js';
import { asciiDigits } from '../forms/digits.js';
import { formCommand } from '../forms/commands.js';

const maxComment = 1000;

/** Stores a rating or a comment for what the survey is about (a chat or a ticket). */
export type CsatRecorder = (survey: CsatSurvey, csat: Partial<Csat>) => Promise<void>;

/**
 * The satisfaction survey after an agent resolved the chat or a ticket was solved: a rating from 1 to 5 (buttons, or the digit
 * typed in any script), then an optional comment ("skip" or the button to leave it out), then thanks. A
 * message that is neither ends the survey and goes to the bot as usual.
 */
export function satisfactionSurvey(record: CsatRecorder, t: Translator): Middleware {
  return async (ctx, next) => {
    const survey = ctx.conversation.state.csat;
    if (!survey) return next();
    const done = () => {
      ctx.conversation = { ...ctx.conversation, state: { ...ctx.conversation.state, csat: null } };
    };
    const postback = ctx.input.postback ?? '';
    const text = ctx.visitorMessage.text.trim();
    if (survey.stage === 'rating') {
      // "4", "٤", or a button's label typed out ("5 – Excellent").
      const digit = /^([1-5])(?!\d)/.exec(asciiDigits(text))?.[1];
      const typed = digit ? Number(digit) : null;
      const rating = postback.startsWith('csat:') ? Number(postback.slice(5)) : typed;
      if (rating === null || !(rating >= 1 && rating <= 5)) {
        done();
        return next();
      }
      await record(survey, { rating });
      ctx.conversation = {
        ...ctx.conversation,
        state: { ...ctx.conversation.state, csat: { ...survey, stage: 'comment' } },
      };
      ctx.send({
        text: t.t('csat.comment', ctx.lang),
        choices: [{ label: t.t('csat.noComment', ctx.lang), value: 'csat:skip' }],
      });
      return;
    }
    if (postback !== 'csat:skip' && formCommand(text, ctx.lang, t) !== 'skip')
      await record(survey, { comment: [...text].slice(0, maxComment).join('') });
    done();
    ctx.send({ text: t.t('csat.thanks', ctx.lang) });
  };
}
