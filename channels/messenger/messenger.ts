import type { Bot, LogPort } from '../../bot/bot.js';
import type { ChannelAdapter, OutboxPort } from '../../conversation/outbox.js';
import type { ConversationStore } from '../../conversation/ports.js';
import type { StoredMessage } from '../../conversation/types.js';
import type { Translator } from '../../common/translator.js';
import { messengerAdapter, messengerChannel } from './adapter.js';
import { GraphClient, type GraphClientOptions } from './graph-client.js';
import { messengerWebhook } from './webhook.js';

export interface MessengerDeps {
  readonly settings: GraphClientOptions & { readonly verifyToken: string };
  readonly bot: Pick<Bot, 'handleTurn'>;
  readonly conversations: Pick<ConversationStore, 'find' | 'messages'>;
  readonly translator: Translator;
  readonly defaultLang: string;
  readonly maxMessageLength: number;
  readonly log: LogPort;
  /** The postback of "talk to a person" (the bot's). */
  readonly personPostback: string;
  /**
   * The outbox this adapter is registered on: the turn's own replies go through it too, so their outcome
   * is recorded on them like every later message's. Without it they go to the adapter directly.
   */
  readonly outbox?: Pick<OutboxPort, 'deliver'>;
}

/** Messenger's parts: the webhook router (mount on the express app) and the outbox adapter (register it). */
export function attachMessenger(deps: MessengerDeps) {
  const client = new GraphClient(deps.settings);
  const recent = (conversationId: string) => deps.conversations.messages(conversationId, { limit: 50 });
  const adapter: ChannelAdapter = messengerAdapter({
    client,
    onFailure: (conversation, reason) =>
      deps.log.warn({ conversation: conversation.id, reason }, 'Messenger delivery failed'),
    async lastVisitorMessageAt(conversationId) {
      const latest = (messages: readonly StoredMessage[]) =>
        [...messages].reverse().find((m) => m.role === 'visitor')?.createdAt ?? null;
      // Usually among the latest messages; a long run of agent messages needs the whole conversation.
      return (
        latest(await recent(conversationId)) ?? latest(await deps.conversations.messages(conversationId))
      );
    },
  });
  const webhook = messengerWebhook({
    verifyToken: deps.settings.verifyToken,
    appSecret: deps.settings.appSecret,
    bot: deps.bot,
    adapter: deps.outbox ?? adapter,
    client,
    translator: deps.translator,
    defaultLang: deps.defaultLang,
    maxMessageLength: deps.maxMessageLength,
    log: deps.log,
    personPostback: deps.personPostback,
    async visitor(psid) {
      const conversation = await deps.conversations.find(messengerChannel, psid);
      if (!conversation) return null;
      const latest = (await recent(conversation.id))
        .reverse()
        .find((m) => m.role !== 'visitor' && !m.meta.internal);
      return { conversation, choices: latest?.meta.choices ?? [] };
    },
  });
  return { adapter, webhook };
}
