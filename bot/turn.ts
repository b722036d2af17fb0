import type { Choice, Conversation, MessageMeta, ReplyEvent, StoredMessage } from '../conversation/types.js';
import { formattingLocale } from '../common/locale.js';

/** One message from a visitor, as a channel adapter hands it to the bot. */
export interface TurnInput {
  readonly channel: string;
  readonly visitorKey: string;
  /** The sender's id for the message; a resent id is stored once and not answered twice. */
  readonly clientId: string | null;
  readonly text: string;
  /** The value of a picked choice, when the visitor clicked one. */
  readonly postback?: string | null;
  /** A language the channel suggests (browser or channel locale). */
  readonly localeHint?: string | null;
  /** What the channel knows about the visitor beyond the message. */
  readonly channelData?: ChannelData;
}

/** Channel facts the bot may use; every field is optional, and a channel sets what it knows. */
export interface ChannelData {
  /** The page the visitor is on (web), for the agent. */
  readonly page?: string | null;
  /** The visitor's IANA time zone (the widget sends the browser's), for times the bot tells them. */
  readonly timeZone?: string | null;
  /**
   * The visitor's locales (BCP 47, validated and canonical, most preferred first; the web widget sends the
   * browser's), so dates and numbers follow them: an en-GB visitor reads "3 December", an en-US one
   * "December 3" (see `visitorLocale`).
   */
  readonly locales?: readonly string[] | null;
}

/** A channel-neutral reply: Markdown text plus optional choices. Adapters render it natively. */
export interface BotReply {
  readonly text: string;
  readonly choices: readonly Choice[];
  readonly articleId: string | null;
  readonly confidence: number | null;
  /** What the bot tried when it answered nothing (clarify, unresolved), best first. */
  readonly tried?: MessageMeta['tried'];
  readonly event: ReplyEvent | null;
  /** The reply's language when it is not the conversation's (an answer in the fallback language). */
  readonly lang?: string;
  readonly form?: MessageMeta['form'];
  readonly ticket?: string;
}

export interface TurnContext {
  readonly input: TurnInput;
  conversation: Conversation;
  readonly visitorMessage: StoredMessage;
  lang: string;
  /** Replies produced so far in this turn. */
  readonly replies: BotReply[];
  /** Per-turn scratch space for middleware. */
  readonly bag: Map<string, unknown>;
  send(reply: Partial<BotReply> & { text: string }): void;
}

/**
 * The full locale (BCP 47) the visitor reads dates, times and numbers in, next to the conversation's
 * language: their own variant of it from the channel ("en-GB" for an English conversation), else the
 * language itself.
 */
export function visitorLocale(ctx: Pick<TurnContext, 'input' | 'lang'>): string {
  return formattingLocale(ctx.lang, [...(ctx.input.channelData?.locales ?? []), ctx.input.localeHint]);
}

export interface TurnResult {
  readonly conversation: Conversation;
  readonly visitorMessage: StoredMessage;
  readonly duplicate: boolean;
  readonly replies: readonly StoredMessage[];
}

export function replyMeta(reply: BotReply, lang: string, replyTo: string): MessageMeta {
  return {
    lang: reply.lang ?? lang,
    articleId: reply.articleId,
    confidence: reply.confidence,
    choices: reply.choices,
    event: reply.event,
    replyTo,
    ...(reply.tried && reply.tried.length > 0 ? { tried: reply.tried } : {}),
    ...(reply.form ? { form: reply.form } : {}),
    ...(reply.ticket ? { ticket: reply.ticket } : {}),
    ...(reply.lang !== undefined && reply.lang !== lang ? { fallback: true } : {}),
  };
}
