/**
 * The conversation, its messages and its state: what every module talks about. Stored by store/ behind
 * `ConversationStore` (conversation/ports.ts); imported by the bot, handoff, tickets and the channels.
 */
import type { FieldValue, FormSession } from '../forms/types.js';

export type Role = 'visitor' | 'bot' | 'agent' | 'system';

/** What a reply is, for scripts and channels: null for a plain answer. */
export type ReplyEvent =
  /** "Did you mean …?": only on messages stored before the offer replaced it. */
  | 'clarify'
  /** "These articles may help:" with the likely articles and "None of these". */
  | 'offer'
  | 'unresolved'
  | 'error'
  | 'lang'
  | 'fallback'
  | 'handoff'
  | 'ticket'
  | 'ticket-reply'
  | 'ticket-status'
  | 'form'
  | 'form-done'
  /** The reply to a helpful / not helpful button under an answer. */
  | 'rating';

/**
 * A choice offered to the visitor, as data until a channel renders it (widget buttons, Messenger quick
 * replies, Teams suggested actions, numbered text in the terminal). Make one with `choice()`.
 */
export interface Choice {
  /** Stable key of the choice within its message (its postback). */
  readonly id: string;
  readonly label: string;
  /** Sent back as the turn's postback when the visitor picks it. */
  readonly postback: string;
}

export interface MessageMeta {
  readonly lang?: string;
  readonly articleId?: string | null;
  readonly confidence?: number | null;
  /**
   * On a reply that answered nothing (a clarify, an unresolved question): the articles the bot tried, best
   * first, with their confidence (for agents).
   */
  readonly tried?: ReadonlyArray<{ readonly articleId: string; readonly confidence: number }>;
  readonly choices?: readonly Choice[];
  readonly event?: ReplyEvent | null;
  readonly postback?: string | null;
  /** An answer in the default language because the article is missing in the conversation's. */
  readonly fallback?: boolean;
  /** Agent messages and notes: who wrote it. */
  readonly agentId?: string;
  readonly agentName?: string;
  /** An internal note: shown to agents only, never to the visitor. */
  readonly internal?: boolean;
  /** On a `ticket` reply: the ticket's number. */
  readonly ticket?: string;
  /** On a `form-done` reply: the form and its values, sensitive ones masked. */
  readonly form?: { readonly id: string; readonly values: Readonly<Record<string, FieldValue>> };
  /** The visitor message a reply answers. */
  readonly replyTo?: string;
  /** The message's sanitised HTML, rendered once when it was stored (bot, agent and system messages). */
  readonly html?: string;
}

/**
 * How a message sent after the visitor's own turn reached them (conversation/outbox.ts records it on the
 * message): `sent` when the channel took it, `failed` with the channel's reason (Meta's error, no adapter…).
 */
export interface MessageDelivery {
  readonly status: 'sent' | 'failed';
  /** Why it failed (the channel's words, without credentials); absent when sent. */
  readonly reason?: string;
  /** When the delivery was tried (ISO). */
  readonly at: string;
}

export interface StoredMessage {
  readonly id: string;
  readonly conversationId: string;
  /** Position in the conversation, increasing. */
  readonly seq: number;
  readonly role: Role;
  readonly text: string;
  /** The sender's own id for the message (idempotency key); null for messages the server made. */
  readonly clientId: string | null;
  readonly meta: MessageMeta;
  readonly createdAt: string;
  /** Set once a channel was asked to deliver it (messages the visitor's own turn answered have none). */
  readonly delivery?: MessageDelivery | null;
}

export interface NewMessage {
  readonly role: Role;
  readonly text: string;
  readonly clientId?: string | null;
  readonly meta?: MessageMeta;
}

export interface ConversationState {
  /** Unanswered questions in a row. */
  readonly failures: number;
  /** The form being collected, if any. */
  readonly form?: FormSession | null;
  /** Every value the visitor gave in completed forms, by field name (the latest wins). */
  readonly details?: Readonly<Record<string, FieldValue>>;
  /** After an agent resolved the chat, or a ticket was solved: the satisfaction survey in progress. */
  readonly csat?: CsatSurvey | null;
  /** The articles last offered ("These articles may help:") and the question they were offered for. */
  readonly offer?: OfferedArticles | null;
}

/** What "None of these" needs to log the question as unresolved with the articles that did not help. */
export interface OfferedArticles {
  readonly text: string;
  readonly articleIds: readonly string[];
  readonly candidates: ReadonlyArray<{ readonly articleId: string; readonly confidence: number }>;
}

/** What a satisfaction survey rates: a live chat (handoffId) or a solved ticket (ticketId). */
export interface CsatSurvey {
  readonly handoffId?: string;
  readonly ticketId?: string;
  readonly stage: 'rating' | 'comment';
  /** When it was asked (ISO); a survey older than a day lapses. */
  readonly since?: string;
}

export interface Conversation {
  readonly id: string;
  readonly channel: string;
  /** The channel's stable key for the visitor (a hashed visitor token on the web). */
  readonly visitorKey: string;
  readonly lang: string | null;
  readonly state: ConversationState;
  readonly createdAt: string;
  readonly updatedAt: string;
}
