/**
 * The web chat protocol on the socket.io `/chat` namespace, declared once: the server gateway and the
 * browser widget both import these types.
 */
export const chatNamespace = '/chat';

export type ChatRole = 'visitor' | 'bot' | 'agent' | 'system';

export interface ChatChoice {
  readonly label: string;
  readonly value: string;
}

export interface ChatMessage {
  /** Server id of the stored message. */
  readonly id: string;
  readonly seq: number;
  readonly role: ChatRole;
  /** Markdown for bot and agent messages, plain text for the visitor's. */
  readonly text: string;
  /** Sanitised HTML rendered from `text` for bot and agent messages; null for the visitor's own. */
  readonly html: string | null;
  /** The visitor's id for their own message. */
  readonly clientId: string | null;
  readonly choices: readonly ChatChoice[];
  readonly articleId: string | null;
  readonly confidence: number | null;
  readonly event: string | null;
  /** The language the message is in (bot replies: the conversation's language at that turn). */
  readonly lang: string | null;
  /** In the default language because the article is missing in the conversation's: the widget stays put. */
  readonly fallback: boolean;
  /** Who wrote an agent's message (shown on its bubble); null for everyone else. */
  readonly agentName: string | null;
  readonly createdAt: string;
}

export interface SessionInfo {
  /** Keep it (localStorage) and send it back on reconnect to resume the conversation. */
  readonly visitorToken: string;
  readonly conversationId: string | null;
  readonly lang: string;
  readonly maxMessageLength: number;
  /** The widget's strings in the conversation's language. */
  readonly strings: Readonly<Record<string, string>>;
  /** The widget's strings in every language the KB has, so the widget can follow a switch. */
  readonly stringsByLang: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** The KB's languages with their own names, for the widget's language menu. */
  readonly languages: ReadonlyArray<{ readonly code: string; readonly name: string }>;
  /** The latest messages (a page of at most `historyPageSize`), oldest first. */
  readonly messages: readonly ChatMessage[];
  /** Ask `history({before: olderCursor})` for the messages before these; null when there are none. */
  readonly olderCursor: number | null;
  /** Who is answering: the bot, or a person (waiting in the queue or chatting). */
  readonly handoff: VisitorHandoffStatus;
}

/** The visitor's view of the handoff, pushed as the `handoff` event whenever it changes. */
export interface VisitorHandoffStatus {
  readonly state: 'bot' | 'queued' | 'agent';
  /** 1 = next in line (queued only). */
  readonly position: number | null;
  /** Estimated wait in minutes (queued only). */
  readonly etaMinutes: number | null;
  /** The agent's display name (agent only). */
  readonly agentName: string | null;
}

/** Postbacks the widget's "Talk to a person" and "Back to the assistant" controls send with `send`. */
export const handoffPostbacks = { request: 'handoff:request', cancel: 'handoff:cancel' } as const;

export interface SendPayload {
  /** Client-generated id (1–64 of A–Z a–z 0–9 _ -); a resent id is stored and answered once. */
  readonly id: string;
  readonly text: string;
  /** The value of a picked choice. */
  readonly postback?: string;
}

export interface ChatError {
  readonly code: string;
  readonly message: string;
  /** The client id of the message the error is about, when known. */
  readonly id: string | null;
  /** RATE_LIMITED: try again after this many milliseconds. */
  readonly retryAfterMs?: number;
}

export type SendAck =
  | { readonly ok: true; readonly id: string; readonly messageId: string; readonly duplicate: boolean }
  | { readonly ok: false; readonly id: string | null; readonly error: ChatError };

/** What the visitor is typing; the server suggests articles for its first 200 characters. */
export interface SuggestPayload {
  readonly text: string;
}

/** An article that may answer what the visitor is typing. */
export interface ChatSuggestion {
  readonly articleId: string;
  readonly title: string;
}

export type SuggestAck =
  | { readonly ok: true; readonly suggestions: readonly ChatSuggestion[] }
  | { readonly ok: false; readonly error: ChatError };

/**
 * The postback that asks for one article: send it with the article's title as the text and the bot
 * answers with that article (the convention of `bot/steps/answer.ts`).
 */
export function articlePostback(articleId: string): string {
  return `article:${articleId}`;
}

export interface HandshakeAuth {
  readonly visitorToken?: string;
  /**
   * The browser's preferred languages (BCP 47), most preferred first: the start language, and the locale
   * dates are written in (an English conversation of an en-GB browser reads "3 December").
   */
  readonly locales?: readonly string[];
  /** The page the widget is on (shown to the agent). */
  readonly page?: string;
  /** The browser's IANA time zone, for times the bot tells the visitor. */
  readonly timeZone?: string;
}

export interface ServerToClientEvents {
  session: (session: SessionInfo) => void;
  message: (message: ChatMessage) => void;
  chat_error: (error: ChatError) => void;
  handoff: (status: VisitorHandoffStatus) => void;
  /** The agent is typing (true) or stopped (false). */
  typing: (typing: boolean) => void;
}

/** Messages in the session's page and in each `history` page. */
export const historyPageSize = 50;

export interface HistoryPayload {
  /** The cursor from the session or the previous page: messages before it are sent. */
  readonly before: number;
}

export type HistoryAck =
  | { readonly ok: true; readonly messages: readonly ChatMessage[]; readonly olderCursor: number | null }
  | { readonly ok: false; readonly error: ChatError };

export interface ClientToServerEvents {
  /** The page of older messages before the cursor (at most `historyPageSize`), oldest first. */
  history: (payload: HistoryPayload, ack: (result: HistoryAck) => void) => void;
  send: (payload: SendPayload, ack: (result: SendAck) => void) => void;
  /** Up to three articles for the text being typed, in the conversation's language; nothing is stored. */
  suggest: (payload: SuggestPayload, ack: (result: SuggestAck) => void) => void;
  /** The visitor is typing (shown to the agent who owns the chat). */
  typing: (typing: boolean) => void;
}
