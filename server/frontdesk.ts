import path from 'node:path';
import { createServer, type Server as HttpServer } from 'node:http';
import express from 'express';
import type { AddressInfo } from 'node:net';
import { Server as SocketServer } from 'socket.io';
import { Bot } from '../bot/bot.js';
import { pickLanguage } from '../bot/steps/detect-language.js';
import { I18nTranslator } from '../bot/i18n.js';
import type { LanguageIdentifier } from '../bot/ports.js';
import type { Store } from '../store/ports.js';
import { LanguageDetector } from '../lang/detector.js';
import { LiveKnowledgeBase } from '../kb/live-kb.js';
import { formatProblem } from '../kb/types.js';
import { openStore } from '../store/open-store.js';
import { kbCacheDir } from './kb-cache-dir.js';
import { cachedModel } from '../kb/model-cache.js';
import { withStoredHtml } from '../conversation/stored-html.js';
import { messageHtml } from '../channels/web/render.js';
import { attachWebChat } from '../channels/web/gateway.js';
import { VisitorTokens } from '../channels/web/visitor-token.js';
import { loadOrCreateSecret } from './secret-file.js';
import { webChannelAdapter } from '../channels/web/web-adapter.js';
import { Outbox } from '../conversation/outbox.js';
import { ConversationWriter } from '../conversation/writer.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { loadLocales, widgetStrings } from './locales.js';
import { createHttpApp } from './http-app.js';
import { webAssetsDir } from './web-assets.js';
import { SignalHub } from './signal-hub.js';
import { ConsoleAuth, readCookie, sessionCookie } from './auth.js';
import { consoleRoutes } from './console-routes.js';
import { apiRoutes } from './api-routes.js';
import { consoleTicketRoutes } from './console-ticket-routes.js';
import { checkContentConfig } from './content-config.js';
import { AppError } from '../common/errors.js';
import { HandoffService } from '../handoff/service.js';
import { searchCanned } from '../kb/canned.js';
import { maskDetails } from '../bot/forms/render.js';
import { alwaysOpen, BusinessHours, businessHoursSchema } from '../common/business-hours.js';
import { TicketService } from '../tickets/service.js';
import { WebhookDispatcher } from '../tickets/webhooks.js';
import { TicketNotifier, type TicketMailer } from '../tickets/notifier.js';
import { smtpMailer } from './mailer.js';
import { presentTicket } from './presenters/ticket.js';
import { defaultTicketRules, ticketRulesSchema } from '../tickets/rules.js';
import { SentimentScorer } from '../lang/sentiment.js';
import { attachAgentConsole } from '../channels/web/agent-gateway.js';
import { agentNamespace } from '../channels/web/agent-events.js';
import { chatNamespace } from '../channels/web/events.js';
import { LoginThrottle } from './login-throttle.js';
import { OriginPolicy } from './origins.js';
import { ChatLimits } from '../channels/web/chat-limits.js';
import { clientAddress, type TrustFn } from '../common/client-ip.js';
import { RateLimiter } from '../common/rate-limiter.js';
import { attachMessenger } from '../channels/messenger/messenger.js';
import { handoffPostback } from '../bot/steps/handoff.js';

/** How often the agent gateway re-checks every open console socket's session. */
const sessionRecheckMs = 5000;

export interface Frontdesk {
  readonly url: string;
  readonly http: HttpServer;
  readonly kb: LiveKnowledgeBase;
  readonly store: Store;
  readonly bot: Bot;
  close(): Promise<void>;
}

/** The bot's parts, without a server: the CLI's chat and ask commands use them too. */
export async function createCore(
  config: Config,
  log: Logger,
  options: { store?: Store; mailer?: TicketMailer | null } = {},
) {
  const locales = loadLocales(config.contentDir);
  let detector: LanguageDetector | null = null;
  // Trained on the UDHR and the KB's own text; cached beside the KB's model (the same content, the same detector).
  const buildDetector = (k: LiveKnowledgeBase) => {
    const texts = k.texts();
    return cachedModel(
      kbCacheDir(config),
      'lang',
      [JSON.stringify(k.languages()), JSON.stringify(texts), config.defaultLang],
      () => LanguageDetector.build(k.languages(), texts, config.defaultLang),
      (clone) => LanguageDetector.revive(clone),
    );
  };
  const kb = await LiveKnowledgeBase.open(
    config.contentDir,
    {
      onProblems: (problems, kept) => {
        for (const p of problems)
          log[p.severity === 'error' ? 'error' : 'warn']({ problem: formatProblem(p) }, 'content problem');
        if (kept)
          log.error(
            { errors: problems.filter((p) => p.severity === 'error').length },
            'KB not reloaded: the last good KB stays live',
          );
      },
      onReloaded: (stats) => {
        detector = buildDetector(kb);
        log.info({ kb: stats }, 'KB reloaded');
      },
      onError: (err) => log.error({ err }, 'KB reload failed; the last good KB stays live'),
    },
    { cacheDir: kbCacheDir(config) },
  );
  detector = buildDetector(kb);
  const languages: LanguageIdentifier = {
    detect: (text, o) => (detector ?? buildDetector(kb)).detect(text, o),
  };
  const contentSettings = readContentSettings(config.contentDir);
  const opened = options.store ?? (await openStore(config));
  // Messages keep their rendered HTML (rendered once, as stored), so sends and resumes render nothing.
  const store: Store = { ...opened, conversations: withStoredHtml(opened.conversations, messageHtml) };
  const translator = await I18nTranslator.create(locales, 'en');
  const hub = new SignalHub(log);
  const outbox = new Outbox((err, channel) => log.error({ err, channel }, 'delivery failed'));
  const writer = new ConversationWriter(store.conversations);
  const hours = new BusinessHours(contentSettings.hours);
  const ticketRules = contentSettings.ticketRules;
  const webhooks = new WebhookDispatcher(
    { ...config.webhooks, timeoutMs: 5000, present: presentTicket },
    async (ticket, url, reason, attempts) => {
      log.warn({ ticket: ticket.number, url, reason, attempts }, 'webhook delivery failed');
      await store.tickets.update(
        ticket.id,
        {},
        {
          actor: 'webhooks',
          action: `webhook delivery to ${url} failed after ${attempts} attempt${attempts === 1 ? '' : 's'} (${reason})`,
          changes: {},
        },
      );
    },
  );
  const mailer = options.mailer !== undefined ? options.mailer : config.smtp ? smtpMailer(config.smtp) : null;
  const tickets = new TicketService({
    tickets: store.tickets,
    conversations: store.conversations,
    hours,
    defaultLang: config.defaultLang,
    rules: () => ticketRules,
    onEvent: (type, ticket) => webhooks.emit(type, ticket),
    notifier: new TicketNotifier({
      conversations: store.conversations,
      tickets: store.tickets,
      translator,
      outbox,
      mailer,
      amender: writer,
    }),
    onError: (err) => log.error({ err }, 'ticket notification failed'),
    addressOf: (conversation) => outbox.addressOf(conversation),
  });
  const desk = new HandoffService({
    conversations: store.conversations,
    handoffs: store.handoffs,
    agents: store.agents,
    translator,
    bus: hub,
    outbox,
    amender: writer,
    defaultLang: config.defaultLang,
    hours,
    graceMs: config.handoffGraceMs,
    onError: (err) => log.error({ err }, 'requeue after an agent left failed'),
  });
  const bot = new Bot({
    store,
    writer,
    kb,
    translator,
    settings: {
      answerThreshold: config.answerThreshold,
      clarifyMargin: config.clarifyMargin,
      defaultLang: config.defaultLang,
      maxMessageLength: config.maxMessageLength,
    },
    log,
    languages,
    tickets: {
      fileFromConversation: (conversation, values, timeZone) =>
        tickets.fileFromConversation(conversation, values, timeZone),
      timeZone: hours.timeZone,
      recordCsat: (ticketId, csat, conversationId) => tickets.recordCsat(ticketId, csat, conversationId),
    },
    handoff: {
      desk,
      afterFailures: config.handoffAfterFailures,
      ...(config.handoffNegativeSentiment === undefined
        ? {}
        : { sentiment: sentimentTrigger(await SentimentScorer.create(), config.handoffNegativeSentiment) }),
    },
  });
  return { locales, kb, store, translator, bot, desk, hub, tickets, outbox };
}

/** Starts everything: store, KB (watched), bot, HTTP and the web chat. */
export async function startFrontdesk(config: Config, log: Logger): Promise<Frontdesk> {
  const started = performance.now();
  const { locales, kb, store, bot, translator, desk, hub, tickets, outbox } = await createCore(config, log);
  await desk.resumeAfterRestart();
  if (config.kbWatch) await kb.watch();

  const auth = new ConsoleAuth(store.agents, config.consoleSessionMs, new LoginThrottle(config.login), log);
  const origins = new OriginPolicy(config.publicUrl, config.widgetOrigins);
  if (!config.widgetOrigins)
    log.warn(
      'WIDGET_ORIGINS is not set: any website may open the visitor chat (/chat). To allow only your sites, set WIDGET_ORIGINS=https://www.example.com,https://shop.example.com',
    );
  let publicUrl = config.publicUrl ?? '';
  const webDir = webAssetsDir();
  const limits = config.rateLimits;
  const perMinute = (n: number) => (n > 0 ? new RateLimiter(n, 60_000) : null);
  const messenger = config.messenger
    ? attachMessenger({
        settings: config.messenger,
        bot,
        conversations: store.conversations,
        translator,
        defaultLang: config.defaultLang,
        maxMessageLength: config.maxMessageLength,
        log,
        personPostback: handoffPostback.request,
      })
    : null;
  if (messenger) outbox.register(messenger.adapter);
  const app = createHttpApp({
    webDir,
    log,
    trustProxy: config.trustProxy,
    health: () => ({ store: store.kind, kb: kb.stats, contentProblems: kb.problems.length }),
    routers: [
      // The console's state-changing routes answer only pages of this server's own origin (CSRF).
      express.Router().use('/console', origins.guardRoutes()),
      ...(messenger ? [messenger.webhook] : []),
      // Before the console's catch-all session check: these routes check the session themselves (once).
      consoleTicketRoutes({ auth, agents: store.agents, tickets: store.tickets, service: tickets }),
      consoleRoutes({ auth, webDir, secureCookies: config.publicUrl?.startsWith('https:') ?? false }),
      apiRoutes({
        keys: store.apiKeys,
        tickets: store.tickets,
        service: tickets,
        publicUrl: () => publicUrl,
        createLimits: {
          perKey: perMinute(limits.apiTicketsPerMinute),
          perAddress: perMinute(limits.apiTicketsPerMinute * limits.ipFactor),
        },
      }),
    ],
  });
  const trust = app.get('trust proxy fn') as TrustFn;
  const http = createServer(app);
  const io = new SocketServer(http, {
    cors: { origin: origins.cors },
    maxHttpBufferSize: 1e6,
    serveClient: false,
  });
  origins.guardSockets(io, { agent: agentNamespace, chat: chatNamespace });
  const chat = attachWebChat(io, {
    bot,
    log,
    maxMessageLength: config.maxMessageLength,
    tokens: new VisitorTokens(
      config.visitorTokenSecret ?? loadOrCreateSecret(path.join(config.dataDir, 'visitor-token.key')),
    ),
    limits: new ChatLimits(limits),
    // The same proxies as express's req.ip trusts (TRUST_PROXY, compiled by express).
    clientAddress: (peer, forwardedFor) => clientAddress(peer, forwardedFor, trust),
    languageFor: (prefs) => pickLanguage(kb.languages(), prefs, config.defaultLang),
    widgetStrings: (lang) => widgetStrings(locales, lang, 'en'),
    languages: () => kb.languages().map((code) => ({ code, name: translator.t(`lang.names.${code}`, code) })),
    handoff: {
      view: (conversationId) => desk.view(conversationId),
      visitorTyping: async (channel, visitorKey, typing) => {
        const conversation = await store.conversations.find(channel, visitorKey);
        if (conversation) await desk.visitorTyping(conversation, typing);
      },
    },
  });
  outbox.register(webChannelAdapter(chat));
  const agentConsole = attachAgentConsole(io, {
    authenticate: (cookies) => auth.session(readCookie(cookies, sessionCookie)),
    onSessionEnded: (listener) => auth.onSessionEnded(listener),
    recheckMs: sessionRecheckMs,
    desk,
    conversations: store.conversations,
    maskedDetails: (conversation) => maskDetails(kb.allForms(), conversation.state.details ?? {}),
    canned: (lang, query) => searchCanned(config.contentDir, lang, query),
    onSignal: (listener) => hub.on(listener),
    maxMessageLength: config.maxMessageLength,
    log,
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.port, config.host, () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = config.publicUrl ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  publicUrl = url;
  log.info(
    { url, store: store.kind, kb: kb.stats, startMs: Math.round(performance.now() - started) },
    'Frontdesk is ready',
  );

  return {
    url,
    http,
    kb,
    store,
    bot,
    async close() {
      desk.close();
      agentConsole.close();
      await messenger?.webhook.idle();
      await tickets.idle();
      await io.close();
      if (http.listening) await new Promise<void>((resolve) => http.close(() => resolve()));
      await kb.close();
      await store.close();
    },
  };
}

function sentimentTrigger(scorer: SentimentScorer, threshold: number) {
  return { score: (text: string, lang: string) => scorer.score(text, lang), threshold };
}

/**
 * The content folder's settings files (business hours, ticket rules); every problem of every file is
 * listed, with file and line, in one CONFIG_INVALID.
 */
export function readContentSettings(contentDir: string) {
  const hours = checkContentConfig(contentDir, 'business-hours.yml', businessHoursSchema, alwaysOpen);
  const rules = checkContentConfig(contentDir, 'tickets.yml', ticketRulesSchema, defaultTicketRules);
  const problems = [...hours.problems, ...rules.problems];
  if (problems.length > 0)
    throw new AppError(
      'CONFIG_INVALID',
      `The content settings have ${problems.length} problem(s).`,
      problems,
    );
  return { hours: hours.value, ticketRules: rules.value };
}
