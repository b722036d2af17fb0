/**
 * The ports the conversation engine needs. Stores, knowledge bases and channels implement them; the bot
 * never imports a database driver, a web framework or a channel.
 */
import type { PolicySettings } from '../kb/policy.js';
import type { FormDefinition } from '../forms/types.js';
import type { KbCandidate } from '../kb/types.js';
import type { Conversation, StoredMessage } from '../conversation/types.js';
import type { Csat, HandoffReason, HandoffView } from '../handoff/types.js';

export interface UnresolvedQuestion {
  readonly id: string;
  readonly conversationId: string;
  readonly lang: string;
  readonly text: string;
  readonly candidates: ReadonlyArray<{ articleId: string; confidence: number }>;
  /**
   * The articles the bot offered ("These articles may help:") before the visitor chose "None of these",
   * best first; empty when the question was not answered and nothing was offered.
   */
  readonly offered: readonly string[];
  readonly createdAt: string;
  /**
   * Why it is in the review queue: `unresolved` (the default), `not-helpful` (the visitor rated the answer of
   * `candidates[0]` not helpful), `agent-answer` (an agent answered it after a handoff: `answer`), or
   * `none-of-these` (the visitor picked none of the offered articles: `offered`).
   */
  readonly source?: string;
  /** The agent's answer (`agent-answer`), for a new article pre-filled from it. */
  readonly answer?: string;
}

/** What `UnresolvedStore.record` takes; `offered` defaults to none. */
export type NewUnresolvedQuestion = Omit<UnresolvedQuestion, 'id' | 'createdAt' | 'offered'> & {
  readonly offered?: readonly string[];
};

export interface UnresolvedStore {
  record(q: NewUnresolvedQuestion): Promise<UnresolvedQuestion>;
  /** Newest first. */
  list(options?: { limit?: number; lang?: string }): Promise<UnresolvedQuestion[]>;
}

/** A visitor's rating of one bot answer (the helpful / not helpful buttons under it). */
export interface AnswerRating {
  /** The rated answer message. */
  readonly messageId: string;
  readonly conversationId: string;
  readonly articleId: string;
  readonly lang: string;
  readonly helpful: boolean;
  readonly createdAt: string;
}

export interface AnswerRatingStore {
  /** Stores the rating of an answer; rating it again replaces the earlier rating. */
  rate(r: Omit<AnswerRating, 'createdAt'>): Promise<AnswerRating>;
  /** The ratings of one conversation's answers, oldest first. */
  forConversation(conversationId: string): Promise<AnswerRating[]>;
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
  /**
   * The thresholds the knowledge base chose for a language by cross-validation on its own questions
   * (kb/thresholds.ts); they apply where `settings()` sets nothing. Undefined: none chosen.
   */
  chosenSettings?(lang: string): Partial<PolicySettings> | undefined;
  /** A form definition (`content/forms/<id>.yml`). */
  form?(id: string): FormDefinition | undefined;
}

/** What language a visitor message is in, among the KB's languages (lang/detector.ts behind it). */
export interface LanguageIdentifier {
  detect(
    text: string,
    options: { current: string | null; hints: readonly string[]; switchOnly?: boolean },
  ): { lang: string; source: 'switch' | 'script' | 'model' | 'prior'; unsupported: string | null };
}

/** Bot strings in the conversation's language (i18next behind it). */

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
    /** The visitor's locale (BCP 47, e.g. "en-GB"), for the due time's format; default: the ticket's language. */
    locale?: string,
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
