import type { HandoffDesk, HandoffOutcome } from '../ports.js';
import type { Translator } from '../../common/translator.js';
import type { Middleware } from '../pipeline.js';
import { formatWhen } from '../../common/format-when.js';
import { visitorLocale, type TurnContext } from '../turn.js';
import type { HandoffReason } from '../../handoff/types.js';
import { comparable, comparableList } from '../forms/options.js';
import { startForm } from '../forms/dialog.js';
import type { FormSource } from '../../forms/types.js';

import { handoffArticle, personRequested, triedTags } from './bag-keys.js';
import { choice } from '../../conversation/choices.js';

export const handoffPostback = {
  request: 'handoff:request',
  cancel: 'handoff:cancel',
  /** The choices offered after too many unanswered questions. */
  failures: 'handoff:failures',
  rephrase: 'handoff:rephrase',
  keepGoing: 'handoff:keep-going',
} as const;
export const ticketFormId = 'ticket';

export interface HandoffStepDeps {
  readonly desk: HandoffDesk;
  readonly translator: Translator;
  readonly forms: FormSource;
  /** Hand off after this many unanswered questions in a row (0: never). */
  readonly afterFailures: number;
  /** Hand off when a message's sentiment score is at or below `threshold` (off when absent). */
  readonly sentiment?: SentimentTrigger;
}

export interface SentimentTrigger {
  /** Null when the language has no sentiment model. */
  score(text: string, lang: string): Promise<number | null>;
  readonly threshold: number;
}

/** "human", "agent please", "ihminen kiitos": a request for a person, in the language or English. */
export function asksForPerson(text: string, lang: string, t: Translator): boolean {
  const typed = comparable(text, lang);
  if (typed === '' || typed.split(' ').length > 8) return false;
  for (const l of new Set([lang, 'en'])) {
    const fillers = comparableList(t.t('handoff.fillers', l), l);
    const core = typed
      .split(' ')
      .filter((w) => !fillers.includes(w))
      .join(' ');
    const words = comparableList(t.t('handoff.words', l), l);
    if (words.includes(core) || words.includes(typed)) return true;
  }
  return false;
}

/** Tells the visitor what happens next, and collects the ticket form when nobody can take the chat. */
async function announce(ctx: TurnContext, deps: HandoffStepDeps, outcome: HandoffOutcome): Promise<void> {
  const t = deps.translator;
  const lang = ctx.lang;
  if (outcome.kind === 'queued' || outcome.kind === 'already') {
    const { position, etaMinutes } = outcome.view;
    const key = outcome.view.state === 'agent' ? 'handoff.withAgent' : 'handoff.queued';
    ctx.send({
      text: t.t(key, lang, {
        position: position ?? 1,
        minutes: etaMinutes ?? 1,
        count: etaMinutes ?? 1,
        name: outcome.view.agentName ?? '',
      }),
      choices: [choice(t.t('handoff.backToBot', lang), handoffPostback.cancel)],
      event: 'handoff',
    });
    return;
  }
  const when =
    outcome.kind === 'closed' && outcome.nextOpening
      ? t.t('handoff.closed', lang, {
          opening: formatWhen(
            outcome.nextOpening,
            visitorLocale(ctx),
            ctx.input.channelData?.timeZone ?? outcome.timeZone,
          ),
        })
      : t.t('handoff.nobody', lang);
  const form = deps.forms.form(ticketFormId);
  if (!form) {
    ctx.send({ text: when, event: 'handoff' });
    return;
  }
  ctx.send({ text: `${when} ${t.t('handoff.leaveDetails', lang)}`, event: 'handoff' });
  startForm({ ctx, form, t }, { kind: 'ticket' });
}

/**
 * After too many unanswered questions in a row: offer a person (or a message, when nobody is in), asking
 * again in other words, or going on with the bot, and count afresh. Nothing starts until the visitor picks.
 */
function offerAfterFailures(ctx: TurnContext, t: Translator): void {
  const lang = ctx.lang;
  ctx.send({
    text: t.t('handoff.failuresOffer', lang),
    choices: [
      choice(t.t('handoff.failuresPerson', lang), handoffPostback.failures),
      choice(t.t('handoff.failuresRephrase', lang), handoffPostback.rephrase),
      choice(t.t('handoff.failuresKeepGoing', lang), handoffPostback.keepGoing),
    ],
    event: 'handoff',
  });
  ctx.conversation = { ...ctx.conversation, state: { ...ctx.conversation.state, failures: 0 } };
}

/**
 * Who answers: while a person has the chat, the bot stays quiet and passes the message on; the visitor
 * can go back to the bot at any time. A request for a person (the button, words such as "human", a form's
 * offer, an article marked `handoff: true`) starts a handoff; too many unanswered questions offer one.
 */
export function handOff(deps: HandoffStepDeps): Middleware {
  const request = async (ctx: TurnContext, reason: HandoffReason) => {
    const tags = (ctx.bag.get(triedTags) as string[] | undefined) ?? [];
    const outcome = await deps.desk.request(ctx.conversation, {
      lang: ctx.lang,
      reason,
      skills: tags,
      page: ctx.input.channelData?.page ?? null,
    });
    ctx.conversation = { ...ctx.conversation, state: { ...ctx.conversation.state, failures: 0 } };
    await announce(ctx, deps, outcome);
  };

  return async (ctx, next) => {
    const postback = ctx.input.postback ?? null;
    if (postback === handoffPostback.cancel) {
      const cancelled = await deps.desk.cancel(ctx.conversation);
      ctx.send({
        text: deps.translator.t(cancelled ? 'handoff.cancelled' : 'handoff.notWaiting', ctx.lang),
        event: 'handoff',
      });
      return;
    }
    if (await deps.desk.isActive(ctx.conversation.id)) {
      await deps.desk.visitorMessage(ctx.conversation, ctx.visitorMessage);
      return;
    }
    if (postback === handoffPostback.failures) return request(ctx, 'failures');
    if (postback === handoffPostback.rephrase || postback === handoffPostback.keepGoing) {
      const key = postback === handoffPostback.rephrase ? 'handoff.rephraseReply' : 'handoff.keepGoingReply';
      ctx.send({ text: deps.translator.t(key, ctx.lang) });
      return;
    }
    // The header button, the form's "Talk to a person", or the words typed (in a form too, issue #19).
    const asked =
      postback === handoffPostback.request ||
      (!postback && asksForPerson(ctx.visitorMessage.text, ctx.lang, deps.translator));
    if (asked && ctx.conversation.state.form) {
      // Leave the form, keep what was given.
      const state = ctx.conversation.state;
      const details = { ...state.details, ...state.form?.values };
      ctx.conversation = { ...ctx.conversation, state: { ...state, form: null, details } };
    }
    if (asked) {
      await request(ctx, 'asked');
      return;
    }
    await next();
    if (ctx.bag.get(personRequested)) return request(ctx, 'form');
    if (ctx.bag.get(handoffArticle)) return request(ctx, 'article');
    if (deps.afterFailures > 0 && ctx.conversation.state.failures >= deps.afterFailures)
      return offerAfterFailures(ctx, deps.translator);
    if (deps.sentiment && !ctx.conversation.state.form && !ctx.input.postback) {
      const score = await deps.sentiment.score(ctx.visitorMessage.text, ctx.lang);
      if (score !== null && score <= deps.sentiment.threshold) return request(ctx, 'sentiment');
    }
  };
}
