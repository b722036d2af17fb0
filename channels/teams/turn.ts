import { TurnContext, type Activity } from 'botbuilder';
import type { Bot, LogPort } from '../../bot/bot.js';
import type { ChannelAddressStore } from '../../conversation/ports.js';
import type { Choice, Conversation } from '../../conversation/types.js';
import type { Translator } from '../../common/translator.js';
import { AppError } from '../../common/errors.js';
import { isPersonal, plainMentions, postbackOf, visitorKeyOf } from './activity.js';
import { numberedChoice, renderActivity } from './render.js';
import { resendFailed, sendReplies, type ReplyRecords } from './reply-delivery.js';

export const teamsChannel = 'teams';

export interface TeamsTurnDeps {
  readonly bot: Pick<Bot, 'handleTurn'>;
  readonly addresses: ChannelAddressStore;
  /** The turn's replies record there whether they went out (a redelivered activity sends what did not). */
  readonly conversations: ReplyRecords;
  readonly translator: Translator;
  readonly defaultLang: string;
  /** The KB language a Teams locale ("tr-TR") speaks, else the default (the welcome's language). */
  languageFor(locale: string | null): string;
  readonly maxMessageLength: number;
  readonly log: LogPort;
  /** The postback of "talk to a person" (the bot's). */
  readonly personPostback: string;
  /** The visitor's conversation and the choices of the latest message offering some (typed numbers). */
  visitor(visitorKey: string): Promise<{ conversation: Conversation; choices: readonly Choice[] } | null>;
}

/**
 * The bot's logic for one authenticated activity (botbuilder's turn): a message becomes a Frontdesk turn
 * (in a channel only when the bot is mentioned, or a card button was pressed), a personal chat the bot
 * joins gets a welcome, anything else is acknowledged with 200 and ignored. Replies go out through the
 * turn's context before the HTTP answer; a redelivered activity id is stored once and answered once (its
 * replies sent again only when the connector refused them the first time: `reply-delivery.ts`).
 */
export function teamsTurn(deps: TeamsTurnDeps): (context: TurnContext) => Promise<void> {
  const welcomed = new Set<string>();
  const noticed = new Set<string>();

  return async (context) => {
    const activity = context.activity;
    if (activity.type === 'message') return message(context, activity);
    if (activity.type === 'conversationUpdate') return welcome(context, activity);
    // An invoke (a card action the bot does not use) still needs an answer in the HTTP response.
    if (activity.type === 'invoke')
      await context.sendActivity({ type: 'invokeResponse', value: { status: 200 } });
  };

  async function message(context: TurnContext, activity: Activity): Promise<void> {
    const pressed = postbackOf(activity.value);
    const mentioned = TurnContext.getMentions(activity).some((m) => m.mentioned.id === activity.recipient.id);
    if (!isPersonal(activity) && !mentioned && pressed === null) return;
    const text =
      plainMentions(TurnContext.removeRecipientMention(activity) ?? activity.text ?? '') ||
      (pressed?.label ?? pressed?.postback ?? '');
    const visitorKey = visitorKeyOf(activity);
    if (text === '') {
      const attached = (activity.attachments ?? []).some((a) => !a.contentType.startsWith('text/html'));
      if (attached)
        await notice(context, visitorKey, activity.id, (lang) => deps.translator.t('channel.textOnly', lang));
      return;
    }
    if ([...text].length > deps.maxMessageLength) return tooLong(context, visitorKey, activity.id, text);
    // Where to reach this user or thread later (agents, tickets): refreshed on every message it takes.
    await deps.addresses.save(teamsChannel, visitorKey, {
      ...TurnContext.getConversationReference(activity),
    });
    const visitor = pressed === null ? await deps.visitor(visitorKey) : null;
    const picked = pressed === null ? numberedChoice(text, visitor?.choices ?? []) : null;
    await context.sendActivity({ type: 'typing' });
    let result;
    try {
      result = await deps.bot.handleTurn({
        channel: teamsChannel,
        visitorKey,
        clientId: activity.id ?? null,
        text,
        postback: pressed?.postback ?? picked?.postback ?? null,
        localeHint: activity.locale ?? null,
      });
    } catch (err) {
      if (err instanceof AppError && err.id === 'MESSAGE_TOO_LONG')
        return tooLong(context, visitorKey, activity.id, text);
      if (err instanceof AppError && err.id === 'MESSAGE_EMPTY') return;
      throw err;
    }
    if (result.duplicate) return resendFailed(context, deps.conversations, result.visitorMessage);
    await sendReplies(context, deps.conversations, result.conversation.id, result.replies);
  }

  function tooLong(context: TurnContext, visitorKey: string, id: string | undefined, text: string) {
    const vars = { count: [...text].length, max: deps.maxMessageLength };
    return notice(context, visitorKey, id, (lang) => deps.translator.t('widget.tooLong', lang, vars));
  }

  /** The bot was added to a personal chat: a greeting in the user's language (from the Teams locale). */
  async function welcome(context: TurnContext, activity: Activity): Promise<void> {
    const added = (activity.membersAdded ?? []).some((m) => m.id === activity.recipient.id);
    if (!added || !isPersonal(activity) || !once(welcomed, activity.id)) return;
    await deps.addresses.save(teamsChannel, visitorKeyOf(activity), {
      ...TurnContext.getConversationReference(activity),
    });
    const lang = deps.languageFor(activity.locale ?? null);
    await context.sendActivity({
      type: 'message',
      text: deps.translator.t('widget.greeting', lang),
      textFormat: 'markdown',
    });
  }

  /**
   * A message the bot cannot take (no text, too long): a notice in the visitor's language with the person
   * button. Nothing is stored, so a redelivered activity is remembered here (in memory) to answer it once.
   */
  async function notice(
    context: TurnContext,
    visitorKey: string,
    activityId: string | undefined,
    text: (lang: string) => string,
  ): Promise<void> {
    if (!once(noticed, activityId)) return;
    const lang =
      (await deps.visitor(visitorKey))?.conversation.lang ??
      deps.languageFor(context.activity.locale ?? null);
    const person = {
      id: deps.personPostback,
      label: deps.translator.t('channel.person', lang),
      postback: deps.personPostback,
    };
    await context.sendActivity({
      ...renderActivity({ text: text(lang), role: 'bot', meta: { choices: [person] } }),
    });
  }
}

/** True the first time an id is seen (a missing id always counts as new); the memory is bounded. */
function once(seen: Set<string>, id: string | undefined): boolean {
  if (id === undefined) return true;
  if (seen.has(id)) return false;
  if (seen.size >= 10_000) seen.clear();
  seen.add(id);
  return true;
}
