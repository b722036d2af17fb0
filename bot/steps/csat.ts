import type { Csat } from '../../handoff/types.js';
import type { Translator } from '../../common/translator.js';
import type { CsatSurvey } from '../../conversation/types.js';
import type { Middleware } from '../pipeline.js';
import { asciiDigits } from '../forms/digits.js';
import { formCommand } from '../forms/commands.js';
import { choice as makeChoice } from '../../conversation/choices.js';

const maxComment = 1000;

/**
 * Stores a rating or a comment for what the survey is about (a chat or a ticket of this conversation:
 * the recorder checks that it is).
 */
export type CsatRecorder = (survey: CsatSurvey, csat: Partial<Csat>, conversationId: string) => Promise<void>;

const lapseMs = 24 * 3600 * 1000;

/**
 * A rating button's postback: `csat:N`, or `csat:N:<ticketId>` under a solved ticket's notice, so that an
 * older ticket's buttons rate that ticket, not the latest survey's.
 */
function ratingButton(postback: string): { rating: number; ref: string | null } | null {
  const m = /^csat:([1-5])(?::([\w-]{1,64}))?$/.exec(postback);
  return m ? { rating: Number(m[1]), ref: m[2] ?? null } : null;
}

/** The survey a button with `ref` rates: the one running, or that ticket's. */
function surveyOf(ref: string | null, running: CsatSurvey | null | undefined): CsatSurvey | null {
  if (ref !== null && ref !== running?.ticketId && ref !== running?.handoffId)
    return { ticketId: ref, stage: 'rating' };
  return running ?? null;
}

/**
 * The satisfaction survey after an agent resolved the chat or a ticket was solved: a rating from 1 to 5
 * (buttons, or the digit typed in any script, alone or with its label: "4", "٤", "5 – Excellent"), then an
 * optional comment ("skip" or the button to leave it out), then thanks. A message that is not a rating ends
 * the survey and goes to the bot as usual; a survey older than a day lapses. A ticket's rating button
 * rates that ticket even after its survey ended (the recorder checks the ticket is this conversation's).
 * While the visitor is busy (`busy`: a person owns the chat, or a form is being filled) the survey waits
 * and the message goes on.
 */
export function satisfactionSurvey(
  record: CsatRecorder,
  t: Translator,
  busy: (conversationId: string) => Promise<boolean> = async () => false,
  now: () => Date = () => new Date(),
): Middleware {
  return async (ctx, next) => {
    const postback = ctx.input.postback ?? '';
    const button = ratingButton(postback);
    // A solved ticket's rating button still rates its ticket after that survey ended.
    const survey = ctx.conversation.state.csat ?? surveyOf(button?.ref ?? null, null);
    if (!survey) return next();
    const done = () => {
      ctx.conversation = { ...ctx.conversation, state: { ...ctx.conversation.state, csat: null } };
    };
    if (survey.since && now().getTime() - Date.parse(survey.since) > lapseMs) {
      done();
      return next();
    }
    if (ctx.conversation.state.form || (await busy(ctx.conversation.id))) return next();
    const text = ctx.visitorMessage.text.trim();
    if (survey.stage === 'rating') {
      const digit = /^([1-5])\s*(?:[-–—:.)]\s*\S.*)?$/u.exec(asciiDigits(text))?.[1];
      const rated = button ? surveyOf(button.ref, survey) : survey;
      const rating = postback ? (button?.rating ?? null) : digit ? Number(digit) : null;
      const choice = rating !== null && rated ? { rating, survey: rated } : null;
      if (!choice) {
        done();
        return next();
      }
      await record(choice.survey, { rating: choice.rating }, ctx.conversation.id);
      ctx.conversation = {
        ...ctx.conversation,
        state: {
          ...ctx.conversation.state,
          csat: { ...choice.survey, stage: 'comment', since: now().toISOString() },
        },
      };
      ctx.send({
        text: t.t('csat.comment', ctx.lang),
        choices: [makeChoice(t.t('csat.noComment', ctx.lang), 'csat:skip')],
      });
      return;
    }
    if (postback !== 'csat:skip' && formCommand(text, ctx.lang, t) !== 'skip')
      await record(survey, { comment: [...text].slice(0, maxComment).join('') }, ctx.conversation.id);
    done();
    ctx.send({ text: t.t('csat.thanks', ctx.lang) });
  };
}
