import type { TurnContext } from 'botbuilder';
import type { ConversationStore } from '../../conversation/ports.js';
import type { StoredMessage } from '../../conversation/types.js';
import { renderActivity } from './render.js';

/** Where a turn's replies record how they went. */
export type ReplyRecords = Pick<ConversationStore, 'messages' | 'recordDelivery'>;

const reasonOf = (err: unknown): string =>
  (err instanceof Error ? err.message : String(err)).split('\n')[0]?.slice(0, 300) ?? 'send failed';

/**
 * Sends a turn's replies in the activity's own exchange, in order. When the Bot Connector refuses one, that
 * one and those after it are recorded as failed on the messages and the error goes on (the request fails,
 * so the connector delivers the activity again): the redelivery, a duplicate turn, sends them then
 * (`resendFailed`). So every reply reaches the user at least once, and a reply that went is not sent again.
 */
export async function sendReplies(
  context: TurnContext,
  records: ReplyRecords,
  conversationId: string,
  replies: readonly StoredMessage[],
): Promise<void> {
  for (const [i, reply] of replies.entries()) {
    try {
      await context.sendActivity(renderActivity(reply));
    } catch (err) {
      const failed = replies.slice(i).map((m) => m.id);
      await records.recordDelivery(conversationId, failed, {
        status: 'failed',
        reason: reasonOf(err),
        at: new Date().toISOString(),
      });
      throw err;
    }
  }
}

/** A redelivered activity: the replies to it that failed to go out the first time, sent now. */
export async function resendFailed(
  context: TurnContext,
  records: ReplyRecords,
  visitorMessage: StoredMessage,
): Promise<void> {
  const { conversationId } = visitorMessage;
  const recent = await records.messages(conversationId, { limit: 50 });
  const failed = recent.filter(
    (m) => m.meta.replyTo === visitorMessage.id && m.delivery?.status === 'failed',
  );
  if (failed.length === 0) return;
  await sendReplies(context, records, conversationId, failed);
  await records.recordDelivery(
    conversationId,
    failed.map((m) => m.id),
    { status: 'sent', at: new Date().toISOString() },
  );
}
