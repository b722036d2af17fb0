import type { ConversationStore } from './ports.js';
import type { Conversation, MessageDelivery, StoredMessage } from './types.js';

/** Who answers the visitor now, as the visitor sees it (the handoff desk's view of a conversation). */
export interface ConversationStatus {
  readonly state: 'bot' | 'queued' | 'agent';
  readonly position: number | null;
  readonly etaMinutes: number | null;
  readonly agentName: string | null;
}

/** How a delivery went: `ok` when the channel took the messages (the visitor sees them now or on return). */
export type DeliveryResult = { readonly ok: true } | { readonly ok: false; readonly error: string };

/**
 * The outgoing port every channel implements (botbuilder's `BotAdapter.sendActivities` /
 * `continueConversation`, chatwoot's `SendOnChannelService`): messages added to a conversation after the
 * visitor's own turn (agents' replies, queue notices, ticket replies and status changes, the CSAT survey)
 * reach the visitor through their conversation's channel. Adapters render the channel-neutral message
 * (Markdown text, choices as data) natively.
 */
export interface ChannelAdapter {
  /** The `conversation.channel` it serves ('web', 'messenger', 'teams', …). */
  readonly id: string;
  deliver(conversation: Conversation, messages: readonly StoredMessage[]): Promise<DeliveryResult>;
  /** An agent is typing (channels without a typing indicator leave it out). */
  typing?(conversation: Conversation, typing: boolean): Promise<void>;
  /** The visitor's status changed (queued with a position, an agent joined, back to the bot). */
  status?(conversation: Conversation, status: ConversationStatus): Promise<void>;
  /** The visitor's address on the channel, for agents (a Messenger PSID); channels without one leave it out. */
  addressOf?(conversation: Conversation): string | null;
}

/** A delivery as the outbox reports it: the channel's result and what was recorded on the messages. */
export type DeliveryOutcome = DeliveryResult & {
  /** Recorded on every outgoing message; null when there was nothing to deliver. */
  readonly record: MessageDelivery | null;
};

/** Where the outbox records outcomes (the conversation store). */
export type DeliveryRecorder = Pick<ConversationStore, 'recordDelivery'>;

/** What handoff/ and tickets/ send through: the outbox, or a test double. */
export type OutboxPort = Pick<Outbox, 'deliver' | 'typing' | 'status' | 'addressOf'>;

/**
 * Routes outgoing messages by `conversation.channel` to its adapter. Internal notes and the visitor's own
 * messages (echoes) are never delivered. A channel without an adapter, or an adapter that throws, gives a
 * failed result, never an exception. Every outcome, whichever adapter gave it, is recorded on the
 * messages themselves (`StoredMessage.delivery`) when a recorder is given, so the console shows it.
 */
export class Outbox {
  private readonly adapters = new Map<string, ChannelAdapter>();
  private readonly failed: Array<(channel: string) => void> = [];

  constructor(
    private readonly onError: (err: unknown, channel: string) => void = () => undefined,
    private readonly recorder: DeliveryRecorder | null = null,
    private readonly now: () => Date = () => new Date(),
  ) {}

  register(adapter: ChannelAdapter): void {
    if (this.adapters.has(adapter.id))
      throw new Error(`A channel adapter for "${adapter.id}" is registered.`);
    this.adapters.set(adapter.id, adapter);
  }

  channels(): string[] {
    return [...this.adapters.keys()];
  }

  async deliver(conversation: Conversation, messages: readonly StoredMessage[]): Promise<DeliveryOutcome> {
    const outgoing = messages.filter((m) => m.role !== 'visitor' && !m.meta.internal);
    if (outgoing.length === 0) return { ok: true, record: null };
    const result = await this.send(conversation, outgoing);
    const at = this.now().toISOString();
    const record: MessageDelivery = result.ok
      ? { status: 'sent', at }
      : { status: 'failed', reason: result.error.slice(0, 500), at };
    if (this.recorder) {
      const ids = outgoing.map((m) => m.id);
      await this.recorder
        .recordDelivery(conversation.id, ids, record)
        .catch((err: unknown) => this.onError(err, conversation.channel));
    }
    return { ...result, record };
  }

  private async send(
    conversation: Conversation,
    outgoing: readonly StoredMessage[],
  ): Promise<DeliveryResult> {
    const adapter = this.adapters.get(conversation.channel);
    let result: DeliveryResult;
    try {
      result = adapter
        ? await adapter.deliver(conversation, outgoing)
        : { ok: false, error: `no adapter for the channel "${conversation.channel}"` };
    } catch (err) {
      this.onError(err, conversation.channel);
      result = { ok: false, error: (err instanceof Error ? err.message : String(err)).slice(0, 300) };
    }
    if (!result.ok) for (const listener of this.failed) listener(conversation.channel);
    return result;
  }

  /** Called with the channel of every failed delivery (metrics). */
  onFailure(listener: (channel: string) => void): void {
    this.failed.push(listener);
  }

  addressOf(conversation: Conversation): string | null {
    return this.adapters.get(conversation.channel)?.addressOf?.(conversation) ?? null;
  }

  async typing(conversation: Conversation, typing: boolean): Promise<void> {
    await this.adapters
      .get(conversation.channel)
      ?.typing?.(conversation, typing)
      .catch((err: unknown) => this.onError(err, conversation.channel));
  }

  async status(conversation: Conversation, status: ConversationStatus): Promise<void> {
    await this.adapters
      .get(conversation.channel)
      ?.status?.(conversation, status)
      .catch((err: unknown) => this.onError(err, conversation.channel));
  }
}
