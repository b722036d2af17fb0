import type { Conversation, ConversationState, MessageDelivery, NewMessage, StoredMessage } from './types.js';

export interface ConversationStore {
  /**
   * Runs `work` (a turn) as one unit of work: the writes it makes through this store (and the store's other
   * repositories) are committed together, and the promise settles only once they are durable, so an
   * acknowledgement sent after it survives a crash. Concurrent units may share one commit (group commit).
   * A store without transactions may run `work` with its writes made one by one.
   */
  transaction<T>(work: () => Promise<T>): Promise<T>;
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
  /** Records how the messages reached the visitor (the outbox's result); unknown ids are ignored. */
  recordDelivery(
    conversationId: string,
    messageIds: readonly string[],
    delivery: MessageDelivery,
  ): Promise<void>;
  /** Messages in order; `limit` keeps the latest ones; `before` only those with a lower seq (older pages). */
  messages(conversationId: string, options?: { limit?: number; before?: number }): Promise<StoredMessage[]>;
}

/**
 * Where a channel reaches a visitor later, as the channel's own JSON (a Teams ConversationReference: its
 * service URL, conversation and bot), kept per channel and visitor key. Saved on each authenticated
 * incoming activity, read when something is delivered later (an agent's reply, a ticket update).
 */
export interface ChannelAddressStore {
  /** Saves the address, replacing the one stored before. */
  save(channel: string, visitorKey: string, address: Readonly<Record<string, unknown>>): Promise<void>;
  get(channel: string, visitorKey: string): Promise<Record<string, unknown> | null>;
}
