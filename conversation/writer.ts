import { AppError } from '../common/errors.js';
import { KeyedQueue } from '../common/keyed-queue.js';
import type { ConversationStore } from './ports.js';
import type { Conversation, ConversationState } from './types.js';

type VisitorRef = Pick<Conversation, 'channel' | 'visitorKey'>;

/**
 * Mutual exclusion between processes (cluster mode: a short Redis lock, cluster/redis-lock.ts): `work`
 * runs while no other process runs work under the same key.
 */
export interface TurnLock {
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
}

/**
 * The one writer of conversation state. A visitor's turn reads the state, runs, and writes it whole when
 * it ends; anyone else who changes the state (an agent resolving the chat, a solved ticket starting its
 * survey) goes through `amendState`, which waits for the running turn. So no turn overwrites a change made
 * while it ran, and no change is lost to a turn. With a `TurnLock` (several processes), this holds across
 * processes too: a visitor's turns run one at a time wherever they arrive.
 */
export class ConversationWriter {
  private readonly queues = new KeyedQueue();

  constructor(
    private readonly conversations: ConversationStore,
    private readonly lock?: TurnLock,
  ) {}

  /** Runs `work` while no other turn or amendment of this visitor's conversation runs (a turn). */
  exclusive<T>(visitor: VisitorRef, work: () => Promise<T>): Promise<T> {
    const key = keyOf(visitor);
    const lock = this.lock;
    return this.queues.run(key, lock ? () => lock.run(key, work) : work);
  }

  /** Changes the state between the visitor's turns, never during one; the new conversation. */
  amendState(
    conversation: Pick<Conversation, 'id'> & VisitorRef,
    apply: (state: ConversationState) => ConversationState,
  ): Promise<Conversation> {
    return this.exclusive(conversation, () =>
      this.conversations.transaction(async () => {
        const current = await this.conversations.get(conversation.id);
        if (!current) throw new AppError('NOT_FOUND', 'No such conversation.');
        return this.conversations.update(conversation.id, { state: apply(current.state) });
      }),
    );
  }
}

/** What handoff/ and tickets/ need of it. */
export type StateAmender = Pick<ConversationWriter, 'amendState'>;

function keyOf(v: VisitorRef): string {
  return `${v.channel}\u0000${v.visitorKey}`;
}
