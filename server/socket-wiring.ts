import path from 'node:path';
import type { Server as HttpServer } from 'node:http';
import { Server as SocketServer } from 'socket.io';
import { FairWebSocketServer } from './fair-websocket.js';
import { pickLanguage } from '../bot/steps/detect-language.js';
import { attachWebChat, webChannel } from '../channels/web/gateway.js';
import { VisitorTokens } from '../channels/web/visitor-token.js';
import { attachAgentConsole } from '../channels/web/agent-gateway.js';
import { agentNamespace } from '../channels/web/agent-events.js';
import { chatNamespace } from '../channels/web/events.js';
import type { ChatLimits } from '../channels/web/chat-limits.js';
import { searchCanned } from '../kb/canned.js';
import { maskDetails } from '../bot/forms/render.js';
import { labelFields } from './presenters/console-ticket.js';
import { loadOrCreateSecret } from './secret-file.js';
import { widgetStrings } from './locales.js';
import { readCookie, sessionCookie, type ConsoleAuth } from './auth.js';
import type { OriginPolicy } from './origins.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import type { createCore } from './core.js';
import type { openCluster } from './cluster-wiring.js';

/** How often the agent gateway re-checks every open console socket's session. */
const sessionRecheckMs = 5000;

/** What the socket.io side needs from the composition root. */
export interface SocketWiringDeps {
  readonly config: Config;
  readonly log: Logger;
  readonly core: Awaited<ReturnType<typeof createCore>>;
  readonly auth: ConsoleAuth;
  readonly origins: OriginPolicy;
  readonly cluster: Awaited<ReturnType<typeof openCluster>>;
  readonly limits: ChatLimits;
  clientAddress(peer: string, forwardedFor: string | string[] | undefined): string;
}

/**
 * The socket.io server on `http`: the cluster adapter (REDIS_URL), the handshake's origin checks, the
 * visitors' web chat (`/chat`) and the agents' console (`/agent`).
 */
export function attachSockets(http: HttpServer, deps: SocketWiringDeps) {
  const { core } = deps;
  const io = new SocketServer(http, {
    cors: { origin: deps.origins.cors },
    maxHttpBufferSize: 1e6,
    serveClient: false,
    // One message per socket per turn of the event loop: a flood cannot hold the loop (fair-websocket.ts).
    wsEngine: FairWebSocketServer,
  });
  deps.cluster.attach(io);
  deps.origins.guardSockets(io, { agent: agentNamespace, chat: chatNamespace });
  const chat = attachWebChat(io, {
    bot: core.bot,
    log: deps.log,
    maxMessageLength: deps.config.maxMessageLength,
    tokens: new VisitorTokens(
      deps.config.visitorTokenSecret ??
        loadOrCreateSecret(path.join(deps.config.dataDir, 'visitor-token.key')),
    ),
    limits: deps.limits,
    // The same proxies as express's req.ip trusts (TRUST_PROXY, compiled by express).
    clientAddress: deps.clientAddress,
    languageFor: (prefs) => pickLanguage(core.kb.languages(), prefs, deps.config.defaultLang),
    widgetStrings: (lang) => widgetStrings(core.locales, lang, 'en'),
    languages: () =>
      core.kb.languages().map((code) => ({ code, name: core.translator.t(`lang.names.${code}`, code) })),
    visitors: {
      connected: (visitorKey, address) => core.desk.visitorConnected(webChannel, visitorKey, address),
      disconnected: (visitorKey) => core.desk.visitorDisconnected(webChannel, visitorKey),
      blocked: (visitorKey, address) => core.desk.isBlocked(webChannel, visitorKey, address),
    },
    handoff: {
      view: (conversationId) => core.desk.view(conversationId),
      visitorTyping: async (channel, visitorKey, typing) => {
        const conversation = await core.store.conversations.find(channel, visitorKey);
        if (conversation) await core.desk.visitorTyping(conversation, typing);
      },
    },
  });
  const agentConsole = attachAgentConsole(io, {
    authenticate: (cookies) => deps.auth.session(readCookie(cookies, sessionCookie)),
    onSessionEnded: (listener) => deps.auth.onSessionEnded(listener),
    onAgentChanged: (listener) => deps.auth.onAgentChanged(listener),
    recheckMs: sessionRecheckMs,
    desk: core.desk,
    conversations: core.store.conversations,
    maskedDetails: (conversation) => maskDetails(core.kb.allForms(), conversation.state.details ?? {}),
    labelledDetails: (conversation) =>
      labelFields(
        maskDetails(core.kb.allForms(), conversation.state.details ?? {}),
        conversation.lang ?? deps.config.defaultLang,
        core.kb.allForms(),
      ),
    canned: (lang, query) => searchCanned(deps.config.contentDir, lang, query),
    onSignal: (listener) => core.hub.on(listener),
    maxMessageLength: deps.config.maxMessageLength,
    log: deps.log,
  });

  return { io, chat, agentConsole };
}
