import type { CloudAdapter, ConversationReference } from 'botbuilder';
import type { ChannelAdapter, DeliveryResult } from '../../conversation/outbox.js';
import type { ChannelAddressStore } from '../../conversation/ports.js';
import type { Conversation } from '../../conversation/types.js';
import { renderActivity } from './render.js';
import { teamsChannel } from './turn.js';

export interface TeamsAdapterDeps {
  readonly adapter: Pick<CloudAdapter, 'continueConversationAsync'>;
  /** The bot's app id ('' in the Emulator's anonymous mode). */
  readonly appId: string;
  readonly addresses: Pick<ChannelAddressStore, 'get'>;
  /** A delivery failed (recorded by the caller where it can; this is for the log). */
  onFailure?(conversation: Conversation, error: string): void;
  now?(): number;
}

/** Teams shows a typing indicator for a few seconds; one every 3 s keeps it up while an agent types. */
export const typingEveryMs = 3000;

/**
 * Teams' outgoing side: messages sent later (agents' replies, queue notices, ticket updates, the CSAT
 * survey) are proactive messages to the stored ConversationReference through `continueConversationAsync`.
 * The Bot Connector's refusals come back as failed results with the reason (403: the bot was removed or
 * blocked; 404: the conversation is gone).
 */
export function teamsAdapter(deps: TeamsAdapterDeps): ChannelAdapter {
  const now = () => deps.now?.() ?? Date.now();
  /** When a typing activity last went to each chat: at most one per `typingEveryMs` (agents type a lot). */
  const typingSent = new Map<string, number>();
  async function send(
    conversation: Conversation,
    activities: Array<ReturnType<typeof renderActivity> | { type: 'typing' }>,
  ): Promise<DeliveryResult> {
    const reference = await deps.addresses.get(teamsChannel, conversation.visitorKey);
    if (!reference) return { ok: false, error: 'no Teams conversation reference is stored for this chat' };
    try {
      await deps.adapter.continueConversationAsync(
        deps.appId,
        reference as Partial<ConversationReference>,
        async (context) => {
          await context.sendActivities(activities);
        },
      );
      return { ok: true };
    } catch (err) {
      return { ok: false, error: reasonOf(err) };
    }
  }

  return {
    id: teamsChannel,
    addressOf: (conversation) => conversation.visitorKey,
    async deliver(conversation, messages) {
      const result = await send(conversation, messages.map(renderActivity));
      if (!result.ok) deps.onFailure?.(conversation, result.error);
      return result;
    },
    async typing(conversation, typing) {
      // Teams' typing indicator ends by itself (or with the next message); there is no "stopped typing".
      if (!typing) return;
      const last = typingSent.get(conversation.id) ?? -Infinity;
      if (now() - last < typingEveryMs) return;
      if (typingSent.size >= 10_000) typingSent.clear();
      typingSent.set(conversation.id, now());
      await send(conversation, [{ type: 'typing' }]);
    },
  };
}

/** The Bot Connector's answer as a reason an agent can act on. */
export function reasonOf(err: unknown): string {
  const status =
    typeof err === 'object' && err !== null && 'statusCode' in err
      ? (err as { statusCode: unknown }).statusCode
      : null;
  if (status === 403) return 'Teams refused the message (403): the bot was removed from the chat or blocked';
  if (status === 404) return 'Teams has no such conversation (404): the chat or thread is gone';
  if (status === 401) return 'Teams refused the bot’s token (401): check MICROSOFT_APP_ID and the secret';
  const message = err instanceof Error ? err.message : String(err);
  return `Teams delivery failed${typeof status === 'number' ? ` (${status})` : ''}: ${message}`.slice(0, 300);
}
