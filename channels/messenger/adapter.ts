import type { ChannelAdapter, DeliveryResult } from '../../conversation/outbox.js';
import type { Conversation, StoredMessage } from '../../conversation/types.js';
import type { GraphClient } from './graph-client.js';
import { renderMessage } from './render.js';

export const messengerChannel = 'messenger';

const hour = 3600 * 1000;
/** Messenger's messaging windows after the visitor's last message. */
export const messengerWindows = { standardMs: 24 * hour, humanAgentMs: 7 * 24 * hour } as const;

export interface MessengerAdapterDeps {
  readonly client: Pick<GraphClient, 'send'>;
  /** When the visitor last wrote in the conversation (ISO), or null. */
  lastVisitorMessageAt(conversationId: string): Promise<string | null>;
  now?(): number;
  /** A delivery failed (recorded by the caller where it can; this is for the log). */
  onFailure?(conversation: Conversation, error: string): void;
}

/**
 * Messenger's outgoing side: messages through the Send API to the visitor's PSID (the conversation's
 * visitorKey). Within 24 h of the visitor's last message as `RESPONSE`; an agent's message up to 7 days
 * after it with the `HUMAN_AGENT` tag; anything else fails with the reason (Meta would refuse it).
 */
export function messengerAdapter(deps: MessengerAdapterDeps): ChannelAdapter {
  const now = () => deps.now?.() ?? Date.now();
  return {
    id: messengerChannel,
    addressOf: (conversation) => conversation.visitorKey,
    async deliver(conversation, messages) {
      const result = await deliverAll(conversation, messages);
      if (!result.ok) deps.onFailure?.(conversation, result.error);
      return result;
    },
    async typing(conversation: Conversation, typing: boolean) {
      await deps.client.send({
        recipient: { id: conversation.visitorKey },
        sender_action: typing ? 'typing_on' : 'typing_off',
      });
    },
  };

  async function deliverAll(
    conversation: Conversation,
    messages: readonly StoredMessage[],
  ): Promise<DeliveryResult> {
    const last = await deps.lastVisitorMessageAt(conversation.id);
    const age = last === null ? Infinity : now() - Date.parse(last);
    for (const message of messages) {
      const tagging = messagingType(message, age);
      if (!tagging)
        return {
          ok: false,
          error:
            message.role === 'agent'
              ? 'outside the Messenger window (7 days after the visitor’s last message for agent replies)'
              : 'outside the Messenger 24-hour window (the visitor has not written for over 24 hours)',
        };
      const result = await sendAll(deps.client, conversation, message, tagging);
      if (!result.ok) return result;
    }
    return { ok: true };
  }
}

type Tagging = { messaging_type: 'RESPONSE' } | { messaging_type: 'MESSAGE_TAG'; tag: 'HUMAN_AGENT' };

function messagingType(message: StoredMessage, ageMs: number): Tagging | null {
  if (ageMs <= messengerWindows.standardMs) return { messaging_type: 'RESPONSE' };
  if (message.role === 'agent' && ageMs <= messengerWindows.humanAgentMs)
    return { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' };
  return null;
}

async function sendAll(
  client: Pick<GraphClient, 'send'>,
  conversation: Conversation,
  message: StoredMessage,
  tagging: Tagging,
): Promise<DeliveryResult> {
  for (const part of renderMessage(message)) {
    const sent = await client.send({ recipient: { id: conversation.visitorKey }, ...tagging, message: part });
    if (!sent.ok) return sent;
  }
  return { ok: true };
}
