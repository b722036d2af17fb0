import type {
  HandoffDesk,
  KnowledgeBase,
  LanguageIdentifier,
  AnswerRatingStore,
  MissingTranslationStore,
  TicketDesk,
  UnresolvedStore,
} from './ports.js';
import type { KbCandidate } from '../kb/types.js';
import type { ConversationStore } from '../conversation/ports.js';
import { ConversationWriter } from '../conversation/writer.js';
import type { Translator } from '../common/translator.js';
import type { Conversation, ConversationState, StoredMessage } from '../conversation/types.js';
import type { BotReply, TurnContext, TurnInput, TurnResult } from './turn.js';
import { replyMeta } from './turn.js';
import { Pipeline, type TurnErrorHandler } from './pipeline.js';
import type { PolicySettings } from '../kb/policy.js';
import { checkVisitorText } from './validate.js';
import { detectLanguage, pickLanguage } from './steps/detect-language.js';
import { answerFromKb } from './steps/answer.js';
import { collectForm } from './steps/collect-form.js';
import { handOff, type SentimentTrigger } from './steps/handoff.js';
import { ticketFormDone } from './steps/ticket-form.js';
import { satisfactionSurvey } from './steps/csat.js';
import { rateAnswer } from './steps/rate-answer.js';
import { isStoreUnavailable, StoreUnavailableError } from '../common/errors.js';

/** What the bot logs through; pino's logger fits it. */
export interface LogPort {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface BotDeps {
  /** The three stores the bot uses (store/ implements them). */
  readonly store: {
    readonly conversations: ConversationStore;
    readonly unresolved: UnresolvedStore;
    readonly missingTranslations: MissingTranslationStore;
    /** With it, answers carry helpful / not helpful buttons and the ratings are stored. */
    readonly ratings?: AnswerRatingStore;
  };
  readonly kb: KnowledgeBase;
  readonly translator: Translator;
  readonly settings: PolicySettings & { readonly defaultLang: string; readonly maxMessageLength: number };
  readonly log: LogPort;
  /** Detects each message's language; without it a conversation keeps its first language. */
  readonly languages?: LanguageIdentifier;
  /** Files tickets when nobody can take a chat; without it the request stays a pending contact. */
  readonly tickets?: TicketDesk;
  /** The one writer of conversation state (shared with the handoff desk and tickets); a new one if left out. */
  readonly writer?: ConversationWriter;
  /** Told of every turn that was not a duplicate, with how long it took (metrics). */
  readonly onTurn?: (result: TurnResult, ms: number) => void;
  /** Live-agent handoff; without it the bot never hands off. */
  readonly handoff?: {
    readonly desk: HandoffDesk;
    readonly afterFailures: number;
    readonly sentiment?: SentimentTrigger;
  };
}

/**
 * The conversation engine. A channel hands it one visitor message at a time; it stores the message
 * (once per client id), runs the turn pipeline and stores and returns the replies. Turns of one
 * conversation run one after another.
 */
export class Bot {
  private readonly pipeline: Pipeline;
  /** One turn at a time per visitor and channel; state changes from outside wait for the turn. */
  private readonly writer: ConversationWriter;

  constructor(private readonly deps: BotDeps) {
    const { kb, translator, handoff } = deps;
    this.writer = deps.writer ?? new ConversationWriter(deps.store.conversations);
    const answerDeps = {
      kb,
      unresolved: deps.store.unresolved,
      missingTranslations: deps.store.missingTranslations,
      ratings: deps.store.ratings !== undefined,
      translator,
      settings: deps.settings,
      onTicketForm: ticketFormDone({
        kb,
        translator,
        ...(deps.tickets ? { tickets: deps.tickets } : {}),
        ...(handoff ? { desk: handoff.desk } : {}),
      }),
    };
    const forms = { form: (id: string) => kb.form?.(id) };
    this.pipeline = new Pipeline(this.onTurnError).use(
      detectLanguage(kb, deps.settings.defaultLang, deps.languages, translator),
      ...(handoff || deps.tickets
        ? [
            satisfactionSurvey(
              async (survey, csat, conversationId) => {
                if (survey.ticketId) await deps.tickets?.recordCsat(survey.ticketId, csat, conversationId);
                else if (survey.handoffId) await handoff?.desk.recordCsat(survey.handoffId, csat);
              },
              translator,
              async (conversationId) => (handoff ? handoff.desk.isActive(conversationId) : false),
            ),
          ]
        : []),
      ...(handoff
        ? [
            handOff({
              desk: handoff.desk,
              translator,
              forms,
              afterFailures: handoff.afterFailures,
              ...(handoff.sentiment ? { sentiment: handoff.sentiment } : {}),
            }),
          ]
        : []),
      ...(deps.store.ratings
        ? [
            rateAnswer({
              ratings: deps.store.ratings,
              unresolved: deps.store.unresolved,
              conversations: deps.store.conversations,
              translator,
              canHandOff: handoff !== undefined,
            }),
          ]
        : []),
      collectForm(answerDeps),
      answerFromKb(answerDeps),
    );
  }

  /**
   * Throws AppError MESSAGE_EMPTY / MESSAGE_TOO_LONG before anything is stored, and STORE_UNAVAILABLE
   * (with "try again in a moment" in the visitor's language) when the store did not take the message:
   * the channel keeps it and sends it again (the client id makes the retry idempotent).
   */
  async handleTurn(input: TurnInput): Promise<TurnResult> {
    const text = checkVisitorText(input.text, this.deps.settings.maxMessageLength);
    const started = performance.now();
    // One unit of work per turn: its messages, state, unresolved record (and any ticket or handoff it
    // files) commit together, and the turn returns (the channel acknowledges) once that is durable.
    const conversations = this.deps.store.conversations;
    try {
      const result = await this.writer.exclusive(input, () =>
        conversations.transaction(() => this.turn({ ...input, text })),
      );
      if (!result.duplicate) this.deps.onTurn?.(result, performance.now() - started);
      return result;
    } catch (err) {
      if (!isStoreUnavailable(err)) throw err;
      const { kb, settings, translator } = this.deps;
      const hint = input.localeHint ? [input.localeHint] : [];
      const lang = pickLanguage(kb.languages(), hint, settings.defaultLang);
      throw new StoreUnavailableError(translator.t('error.storeUnavailable', lang));
    }
  }

  /**
   * Changes a conversation's state between the visitor's turns, never during one (a turn writes the whole
   * state when it ends): a solved ticket starting its satisfaction survey.
   */
  amendState(
    conversation: Pick<Conversation, 'id' | 'channel' | 'visitorKey'>,
    apply: (state: ConversationState) => ConversationState,
  ): Promise<Conversation> {
    return this.writer.amendState(conversation, apply);
  }

  /**
   * The visitor's conversation and its latest messages (`limit`; all without it), when there is one, and
   * the cursor of the older ones (the oldest seq sent; null when there are none before it).
   */
  async resume(
    channel: string,
    visitorKey: string,
    limit?: number,
  ): Promise<{ conversation: Conversation; messages: StoredMessage[]; olderCursor: number | null } | null> {
    const conversation = await this.deps.store.conversations.find(channel, visitorKey);
    if (!conversation) return null;
    return { conversation, ...(await this.page(conversation.id, undefined, limit)) };
  }

  /** The page of the visitor's messages before the cursor `before` (a seq), with the next older cursor. */
  async history(
    channel: string,
    visitorKey: string,
    before: number,
    limit: number,
  ): Promise<{ messages: StoredMessage[]; olderCursor: number | null }> {
    const conversation = await this.deps.store.conversations.find(channel, visitorKey);
    if (!conversation) return { messages: [], olderCursor: null };
    return this.page(conversation.id, before, limit);
  }

  private async page(
    conversationId: string,
    before: number | undefined,
    limit: number | undefined,
  ): Promise<{ messages: StoredMessage[]; olderCursor: number | null }> {
    // One more than the page: when it comes, there are older messages.
    const messages = await this.deps.store.conversations.messages(conversationId, {
      ...(limit === undefined ? {} : { limit: limit + 1 }),
      ...(before === undefined ? {} : { before }),
    });
    if (limit === undefined || messages.length <= limit) return { messages, olderCursor: null };
    const page = messages.slice(1);
    return { messages: page, olderCursor: page[0]?.seq ?? null };
  }

  /**
   * Up to three articles for what the visitor is typing, in the conversation's language (a new
   * conversation's: the start-language rule), as the knowledge base suggests them. Read-only: nothing is stored,
   * no conversation is opened and nothing counts as unresolved. The text is trimmed and cut to its first
   * 200 characters; an empty text has no suggestions.
   */
  async suggest(
    channel: string,
    visitorKey: string,
    text: string,
    localeHint: string | null,
  ): Promise<Array<Pick<KbCandidate, 'articleId' | 'title'>>> {
    const query = [...text.trim()].slice(0, 200).join('').trim();
    if (query === '') return [];
    const conversation = await this.deps.store.conversations.find(channel, visitorKey);
    const { kb, settings } = this.deps;
    const lang =
      conversation?.lang ??
      pickLanguage(kb.languages(), localeHint ? [localeHint] : [], settings.defaultLang);
    const candidates = await kb.suggest(query, lang, 3);
    return candidates.slice(0, 3).map(({ articleId, title }) => ({ articleId, title }));
  }

  private readonly onTurnError: TurnErrorHandler = async (ctx, err) => {
    this.deps.log.error({ err, conversationId: ctx.conversation.id }, 'turn failed');
    ctx.replies.length = 0;
    // The store did not answer in time: the message is kept; "try again in a moment", not "went wrong".
    const key = isStoreUnavailable(err) ? 'error.storeUnavailable' : 'error.generic';
    ctx.send({ text: this.deps.translator.t(key, ctx.lang), event: 'error' });
  };

  private async turn(input: TurnInput): Promise<TurnResult> {
    const conversations = this.deps.store.conversations;
    const opened = await conversations.open({
      channel: input.channel,
      visitorKey: input.visitorKey,
      lang: null,
    });
    const { message, duplicate } = await conversations.append(opened.id, {
      role: 'visitor',
      text: input.text,
      clientId: input.clientId,
      meta: { postback: input.postback ?? null },
    });
    if (duplicate) return { conversation: opened, visitorMessage: message, duplicate: true, replies: [] };

    const replies: BotReply[] = [];
    const ctx: TurnContext = {
      input,
      conversation: opened,
      visitorMessage: message,
      lang: opened.lang ?? this.deps.settings.defaultLang,
      replies,
      bag: new Map(),
      send: (r) => replies.push({ choices: [], articleId: null, confidence: null, event: null, ...r }),
    };
    await this.pipeline.run(ctx);

    const stored: StoredMessage[] = [];
    for (const reply of replies) {
      const saved = await conversations.append(opened.id, {
        role: 'bot',
        text: reply.text,
        meta: replyMeta(reply, ctx.lang, message.id),
      });
      stored.push(saved.message);
    }
    const conversation = await conversations.update(opened.id, {
      lang: ctx.lang,
      state: ctx.conversation.state,
    });
    return { conversation, visitorMessage: message, duplicate: false, replies: stored };
  }
}
