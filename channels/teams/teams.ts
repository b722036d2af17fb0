import type { Bot, LogPort } from '../../bot/bot.js';
import type { ChannelAdapter } from '../../conversation/outbox.js';
import type { ChannelAddressStore, ConversationStore } from '../../conversation/ports.js';
import type { Translator } from '../../common/translator.js';
import { teamsAuthentication, type TeamsApp, type TeamsEndpoints } from './auth.js';
import { AuthenticatingAdapter } from './cloud-adapter.js';
import { teamsListener } from './listener.js';
import { teamsAdapter } from './adapter.js';
import { teamsChannel, teamsTurn } from './turn.js';

export interface TeamsDeps {
  readonly settings: { readonly port: number; readonly host: string; readonly app: TeamsApp | null };
  /** Local peers in place of Microsoft's endpoints (tests, benchmark); production leaves it out. */
  readonly endpoints?: TeamsEndpoints;
  readonly bot: Pick<Bot, 'handleTurn'>;
  readonly conversations: Pick<ConversationStore, 'find' | 'messages' | 'recordDelivery'>;
  readonly addresses: ChannelAddressStore;
  readonly translator: Translator;
  readonly defaultLang: string;
  languageFor(locale: string | null): string;
  readonly maxMessageLength: number;
  readonly log: LogPort;
  readonly personPostback: string;
}

/**
 * Microsoft Teams' parts: the Bot Framework listener (restify, `POST /api/messages` on its own port) and
 * the outbox adapter for proactive messages (register it).
 */
export function attachTeams(deps: TeamsDeps): {
  adapter: ChannelAdapter;
  listen(): Promise<string>;
  close(): Promise<void>;
} {
  const cloud = new AuthenticatingAdapter(teamsAuthentication(deps.settings.app, deps.endpoints));
  const logic = teamsTurn({
    bot: deps.bot,
    addresses: deps.addresses,
    conversations: deps.conversations,
    translator: deps.translator,
    defaultLang: deps.defaultLang,
    languageFor: deps.languageFor,
    maxMessageLength: deps.maxMessageLength,
    log: deps.log,
    personPostback: deps.personPostback,
    async visitor(visitorKey) {
      const conversation = await deps.conversations.find(teamsChannel, visitorKey);
      if (!conversation) return null;
      const latest = (await deps.conversations.messages(conversation.id, { limit: 50 }))
        .reverse()
        .find((m) => m.role !== 'visitor' && !m.meta.internal);
      return { conversation, choices: latest?.meta.choices ?? [] };
    },
  });
  const listener = teamsListener({ adapter: cloud, logic, log: deps.log });
  const adapter = teamsAdapter({
    adapter: cloud,
    appId: deps.settings.app?.id ?? '',
    addresses: deps.addresses,
    onFailure: (conversation, reason) =>
      deps.log.warn({ conversation: conversation.id, reason }, 'Teams delivery failed'),
  });
  return {
    adapter,
    listen: () => listener.listen(deps.settings.port, deps.settings.host),
    close: () => listener.close(),
  };
}
