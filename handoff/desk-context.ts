import { AppError } from '../common/errors.js';
import type { BusinessHours } from '../common/business-hours.js';
import type { Translator } from '../common/translator.js';
import type { ConversationStore } from '../conversation/ports.js';
import type { OutboxPort } from '../conversation/outbox.js';
import type { StateAmender } from '../conversation/writer.js';
import type { Conversation, NewMessage, StoredMessage } from '../conversation/types.js';
import type { AgentStore, HandoffStore, PresenceBoard, SignalBus } from './ports.js';
import type { Agent, Handoff } from './types.js';
import type { AgentPresence } from './presence.js';
import type { HandoffQueue } from './queue.js';
import type { VisitorPresence } from './visitor-presence.js';
import type { Blocklist, BlockStore } from './blocks.js';

export interface HandoffDeskDeps {
  readonly conversations: ConversationStore;
  readonly handoffs: HandoffStore;
  readonly agents: AgentStore;
  readonly translator: Translator;
  /** Console-only events (queue, offers, messages and typing for agents, releases). */
  readonly bus: SignalBus;
  /** What the visitor sees, through their conversation's channel. */
  readonly outbox: OutboxPort;
  /** The one writer of conversation state (a resolve waits for the visitor's running turn). */
  readonly amender: StateAmender;
  readonly hours: BusinessHours;
  /** How long a disconnected agent keeps their chats. */
  readonly graceMs: number;
  /** The language of a conversation that has none yet (DEFAULT_LANG). */
  readonly defaultLang: string;
  /** For wait estimates until there is history. */
  readonly defaultHandleMinutes?: number;
  readonly now?: () => Date;
  /** Where a failure in the background (a requeue after the grace period) is reported. */
  readonly onError?: (err: unknown) => void;
  /** How long a disconnected visitor (channels with a connection) keeps a queued chat; default 2 min. */
  readonly visitorGraceMs?: number;
  /** Channels whose visitors have a connection (their presence is tracked); others never leave. */
  readonly presenceChannels?: readonly string[];
  /** Queued chats from one client address at once (0: no limit); default 3. */
  readonly queuedPerAddress?: number;
  /**
   * The per-address limit on requests for a person, however they were made (button, typed words, an
   * article, failures): true takes one request for this client address, false means over the limit.
   */
  readonly requestAllowed?: (address: string) => boolean | Promise<boolean>;
  /** Spam blocks; default: in memory only. */
  readonly blocks?: BlockStore;
  /** How long a chat marked as spam blocks its visitor's address (0: not at all); default a day. */
  readonly spamAddressBlockMs?: number;
  /**
   * A queued chat whose visitor left: files a ticket when the visitor left details (an email) and
   * returns its number, else null.
   */
  readonly ticketForLeftChat?: (conversation: Conversation) => Promise<string | null>;
  /** Presence shared with the other processes (cluster mode); absent: this process's only. */
  readonly presenceBoard?: PresenceBoard;
  /** An agent resolved a chat (the review queue turns the agent's answer into a KB suggestion). */
  readonly onResolved?: (handoff: Handoff) => Promise<unknown>;
}

/** What every desk command shares: the stores, the queue, presence, and how a line is said. */
export class DeskContext {
  readonly now: () => Date;

  constructor(
    readonly deps: HandoffDeskDeps,
    readonly queue: HandoffQueue,
    readonly presence: AgentPresence,
    /** Visitors connected now (channels with a connection), with their client address. */
    readonly visitors: VisitorPresence,
    readonly blocks: Blocklist,
  ) {
    this.now = deps.now ?? (() => new Date());
  }

  /**
   * Stores a line of the conversation; the visitor gets it through their channel, the listed agents in the
   * console. The outbox records how it went on the message (`delivery`); a failure reaches the listed
   * agents as the message again, with its failed delivery, so their console marks it.
   */
  async say(
    conversation: Conversation,
    role: NewMessage['role'],
    text: string,
    agentIds: readonly string[],
    meta: NewMessage['meta'] = {},
    clientId: string | null = null,
  ): Promise<StoredMessage> {
    const { message, duplicate } = await this.deps.conversations.append(conversation.id, {
      role,
      text,
      clientId,
      meta: { lang: this.lang(conversation), ...meta },
    });
    if (duplicate) return message;
    if (agentIds.length > 0) this.deps.bus.emit({ kind: 'message', conversation, message, agentIds });
    const { record } = await this.deps.outbox.deliver(conversation, [message]);
    if (!record) return message;
    const delivered: StoredMessage = { ...message, delivery: record };
    if (record.status === 'failed' && agentIds.length > 0)
      this.deps.bus.emit({ kind: 'message', conversation, message: delivered, agentIds });
    return delivered;
  }

  /** Tells the visitor who answers now (and everyone queued their new place), and every console its queue. */
  async queueChanged(conversation?: Conversation): Promise<void> {
    if (conversation) await this.deps.outbox.status(conversation, await this.queue.view(conversation.id));
    this.deps.bus.emit({ kind: 'queue' });
    await this.queue.broadcastPositions();
  }

  async conversation(id: string): Promise<Conversation> {
    const c = await this.deps.conversations.get(id);
    if (!c) throw new AppError('NOT_FOUND', 'That conversation does not exist.');
    return c;
  }

  /** The agent's chat, or 403 (admins may open any chat). */
  async owned(agent: Agent, conversationId: string): Promise<Handoff> {
    const { handoffs } = this.deps;
    const h = (await handoffs.active(conversationId)) ?? (await handoffs.latest(conversationId));
    if (!h) throw new AppError('NOT_FOUND', 'That chat does not exist.');
    if (agent.role !== 'admin' && h.assignedTo !== agent.id)
      throw new AppError('FORBIDDEN', 'This chat is not yours.');
    return h;
  }

  lang(c: Pick<Conversation, 'lang'>): string {
    return c.lang ?? this.deps.defaultLang;
  }

  iso(): string {
    return this.now().toISOString();
  }
}
