/**
 * The ports the conversation engine needs. Stores, knowledge bases and channels implement them; the bot
 * never imports a database driver, a web framework or a channel.
 */
import type { PolicySettings } from './policy.js';
import type { FieldValue, FormDefinition, FormSession } from './forms/types.js';
import type { AgentStore, ApiKeyStore, HandoffStore, TicketStore } from '../handoff/ports.js';
import type { Csat, HandoffReason, HandoffView } from '../handoff/types.js';

export type Role = 'visitor' | 'bot' | 'agent' | 'system';

/** What a reply is, for scripts and channels: null for a plain answer. */
export type ReplyEvent =
  | 'clarify'
  | 'unresolved'
  | 'error'
  | 'lang'
  | 'fallback'
  | 'handoff'
  | 'ticket'
  | 'ticket-reply'
  | 'ticket-status'
  | 'form'
  | 'form-done';

export interface Choice {
  readonly label: string;
  /** Sent back as the postback when the visitor picks it. */
  readonly value: string;
}

export interface MessageMeta {
  readonly lang?: string;
  readonly articleId?: string | null;
  readonly confidence?: number | null;
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

export interface ConversationStore {
  /** Finds the visitor's conversation on that channel, or creates it; atomic under concurrency. */
  open(input: { channel: string; visitorKey: string; lang: string | null }): Promise<Conversation>;
  find(channel: string, visitorKey: string): Promise<Conversation | null>;
  get(id: string): Promise<Conversation | null>;
  update(id: string, patch: { lang?: string | null; state?: ConversationState }): Promise<Conversation>;
  /** Appends a message; a clientId already stored in the conversation returns that message, duplicate. */
  append(
    conversationId: string,
    message: NewMessage,
  ): Promise<{ message: StoredMessage; duplicate: boolean }>;
  /** Messages in order; `limit` keeps the latest ones. */
  messages(conversationId: string, options?: { limit?: number }): Promise<StoredMessage[]>;
}

export interface UnresolvedQuestion {
  readonly id: string;
  readonly conversationId: string;
  readonly lang: string;
  readonly text: string;
  readonly candidates: ReadonlyArray<{ articleId: string; confidence: number }>;
  readonly createdAt: string;
}

export interface UnresolvedStore {
  record(q: Omit<UnresolvedQuestion, 'id' | 'createdAt'>): Promise<UnresolvedQuestion>;
  /** Newest first. */
  list(options?: { limit?: number; lang?: string }): Promise<UnresolvedQuestion[]>;
}

/** An article a visitor needed in a language the KB does not have it in, for the admin view. */
export interface MissingTranslation {
  readonly articleId: string;
  /** The language it is missing in. */
  readonly lang: string;
  /** How many times a visitor got the fallback instead. */
  readonly requests: number;
  readonly firstAt: string;
  readonly lastAt: string;
}

export interface MissingTranslationStore {
  /** Counts one more request for the article in that language. */
  record(articleId: string, lang: string): Promise<MissingTranslation>;
  /** Most requested first. */
  list(options?: { limit?: number; lang?: string }): Promise<MissingTranslation[]>;
}

export interface Store {
  readonly kind: 'embedded' | 'mongo';
  readonly conversations: ConversationStore;
  readonly unresolved: UnresolvedStore;
  readonly missingTranslations: MissingTranslationStore;
  readonly agents: AgentStore;
  readonly handoffs: HandoffStore;
  readonly tickets: TicketStore;
  readonly apiKeys: ApiKeyStore;
  close(): Promise<void>;
}

export interface KbArticle {
  readonly id: string;
  readonly title: string;
  readonly body: string;
  /** A form to collect before answering (`form:` in the front matter). */
  readonly form?: string | null;
  /** Answering it also hands the chat to a person (`handoff: true`). */
  readonly handoff?: boolean;
  readonly tags?: readonly string[];
}

export interface KbCandidate {
  readonly articleId: string;
  readonly title: string;
  readonly confidence: number;
}

export interface KnowledgeBase {
  languages(): readonly string[];
  match(text: string, lang: string, limit?: number): Promise<KbCandidate[]>;
  /** Articles to suggest for text still being typed (its last word may be partial), most relevant first. */
  suggest(text: string, lang: string, limit?: number): Promise<KbCandidate[]>;
  article(id: string, lang: string): KbArticle | undefined;
  /**
   * The decision settings the knowledge base sets itself (its `config.yml`), read on every turn so a
   * reload applies at once; a key it leaves out falls back to the process configuration.
   */
  settings?(): Partial<PolicySettings>;
  /** A form definition (`content/forms/<id>.yml`). */
  form?(id: string): FormDefinition | undefined;
}

/** What language a visitor message is in, among the KB's languages (lang/detector.ts behind it). */
export interface LanguageIdentifier {
  detect(
    text: string,
    options: { current: string | null; hints: readonly string[] },
  ): { lang: string; source: 'switch' | 'script' | 'model' | 'prior'; unsupported: string | null };
}

/** Bot strings in the conversation's language (i18next behind it). */
export interface Translator {
  t(key: string, lang: string, vars?: Record<string, string | number>): string;
}

/** The outcome of asking for a person. */
export type HandoffOutcome =
  | { readonly kind: 'queued'; readonly view: HandoffView }
  | { readonly kind: 'already'; readonly view: HandoffView }
  /** Outside business hours: when the team is next in (null: not within a year). */
  | { readonly kind: 'closed'; readonly nextOpening: Date | null; readonly timeZone: string }
  /** No agent who could take it is online. */
  | { readonly kind: 'nobody' };

/** Live-agent handoff as the bot needs it (handoff/service.ts implements it). */
export interface HandoffDesk {
  /** The conversation's queued or assigned handoff: while there is one, the bot stays quiet. */
  isActive(conversationId: string): Promise<boolean>;
  request(
    conversation: Conversation,
    input: { lang: string; reason: HandoffReason; skills: readonly string[]; page: string | null },
  ): Promise<HandoffOutcome>;
  /** A visitor message while a person handles the chat: passed to the agent. */
  visitorMessage(conversation: Conversation, message: StoredMessage): Promise<void>;
  /** The visitor chose the bot again; false when there was no handoff to cancel. */
  cancel(conversation: Conversation): Promise<boolean>;
  recordCsat(handoffId: string, csat: Partial<Csat>): Promise<void>;
  /** The ticket form of a request nobody could take was completed: keep it as a pending contact. */
  pendingContact(conversation: Conversation): Promise<void>;
}

/** Filing tickets, as the bot needs it (handoff/ticket-service.ts implements it). */
export interface TicketDesk {
  fileFromConversation(
    conversation: Conversation,
    values: Readonly<Record<string, string | number>>,
    /** The visitor's time zone, for the due time in the acknowledgement email. */
    timeZone?: string,
  ): Promise<{ readonly number: string; readonly firstReplyDue: string | null }>;
  /** The team's time zone, for the due time when the visitor's is unknown. */
  readonly timeZone: string;
  /** The requester's rating of a solved ticket of this conversation (rating first, the comment later). */
  recordCsat(
    ticketId: string,
    csat: Partial<Pick<Csat, 'rating' | 'comment'>>,
    conversationId: string,
  ): Promise<void>;
}
