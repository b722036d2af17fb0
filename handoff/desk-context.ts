import { AppError } from '../common/errors.js';
import type { BusinessHours } from '../common/business-hours.js';
import type { Translator } from '../common/translator.js';
import type { ConversationStore } from '../conversation/ports.js';
import type { OutboxPort } from '../conversation/outbox.js';
import type { StateAmender } from '../conversation/writer.js';
import type { Conversation, NewMessage, StoredMessage } from '../conversation/types.js';
import type { AgentStore, HandoffStore, SignalBus } from './ports.js';
import type { Agent, Handoff } from './types.js';
import type { AgentPresence } from './presence.js';
import type { HandoffQueue } from './queue.js';

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
  ) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Stores a line of the conversation; the visitor gets it through their channel, the listed agents in the console. */
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
    const delivery = await this.deps.outbox.deliver(conversation, [message]);
    if (!delivery.ok && !meta.internal) await this.undelivered(conversation, delivery.error, agentIds);
    return message;
  }

  /** A message the visitor's channel did not take: an internal note says so, with the channel's reason. */
  private async undelivered(conversation: Conversation, reason: string, agentIds: readonly string[]) {
    const { message } = await this.deps.conversations.append(conversation.id, {
      role: 'system',
      text: `Not delivered to the visitor (${conversation.channel}): ${reason}`,
      meta: { lang: this.lang(conversation), internal: true },
    });
    if (agentIds.length > 0) this.deps.bus.emit({ kind: 'message', conversation, message, agentIds });
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
