import { createServer, type Server as HttpServer } from 'node:http';
import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Bot } from '../bot/bot.js';
import { pickLanguage } from '../bot/steps/detect-language.js';
import type { Store } from '../store/ports.js';
import type { LiveKnowledgeBase } from '../kb/live-kb.js';
import { RetentionPurger } from '../privacy/retention.js';
import { emailVerificationRoutes } from './email-verification.js';
import { privacyRoutes } from './privacy-routes.js';
import { webChannelAdapter } from '../channels/web/web-adapter.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { createHttpApp } from './http-app.js';
import { webAssetsDir } from './web-assets.js';
import { ConsoleAuth } from './auth.js';
import { consoleRoutes } from './console-routes.js';
import { apiRoutes } from './api-routes.js';
import { consoleTicketRoutes } from './console-ticket-routes.js';
import { adminRoutes } from './admin-routes.js';
import { reportRoutes } from './report-routes.js';
import { metricsRoute } from './metrics-route.js';
import { AppError } from '../common/errors.js';
import { OriginPolicy } from './origins.js';
import { ChatLimits } from '../channels/web/chat-limits.js';
import { clientAddress, type TrustFn } from '../common/client-ip.js';
import { attachMessenger } from '../channels/messenger/messenger.js';
import { handoffPostback } from '../bot/steps/handoff.js';
import type { TeamsEndpoints } from '../channels/teams/auth.js';
import { consoleReviewRoutes } from './console-review-routes.js';
import { adminConversationRoutes } from './admin-conversation-routes.js';

import { createCore } from './core.js';
import { warmUpTurnPath } from './warm-up.js';
import { attachSockets } from './socket-wiring.js';
import { listenUrl } from './listen-url.js';
import { openCluster } from './cluster-wiring.js';
import { releaseYoungGeneration } from './young-generation.js';

export { createCore } from './core.js';
export { reviewService } from './review-service.js';
export { readContentSettings } from './content-settings.js';

export interface Frontdesk {
  readonly url: string;
  readonly http: HttpServer;
  readonly kb: LiveKnowledgeBase;
  readonly store: Store;
  readonly bot: Bot;
  /** The Teams listener's base URL (POST /api/messages), or null when Teams is off. */
  readonly teamsUrl: string | null;
  close(): Promise<void>;
}

/** What tests and benchmarks put in place of outside services (production passes nothing). */
export interface FrontdeskOverrides {
  /** Local stand-ins for Microsoft's token endpoints. */
  readonly teamsEndpoints?: TeamsEndpoints;
}

/**
 * One worker of a cluster (WORKERS > 1, server/cluster-worker.ts): it does not listen on PORT itself; the
 * primary hands it connections (sticky sessions). `singletons`: this worker also runs what must run once
 * for the whole cluster (the retention purge, the requeue after a restart).
 */
export interface WorkerRole {
  /** 1..WORKERS; stays the same when the primary restarts the worker. */
  readonly slot: number;
  readonly singletons: boolean;
  /** The address the primary listens on. */
  readonly url: string;
}

/** Starts everything: store, KB (watched), bot, HTTP and the web chat. */
export async function startFrontdesk(
  config: Config,
  log: Logger,
  options: { store?: Store; worker?: WorkerRole } & FrontdeskOverrides = {},
): Promise<Frontdesk> {
  const started = performance.now();
  const overrides: FrontdeskOverrides = options;
  const worker = options.worker ?? null;
  const singletons = worker?.singletons ?? true;
  let publicUrl = config.publicUrl ?? '';
  // Before the store and the KB's training: an unreachable Redis (REDIS_URL) fails the start at once.
  const cluster = await openCluster(config, log);
  const core = await createCore(config, log, {
    ...(options.store ? { store: options.store } : {}),
    publicUrl: () => publicUrl,
    cluster,
  }).catch(async (err: unknown) => {
    await cluster.close();
    throw err;
  });
  const { kb, store, bot, translator, desk, tickets, outbox, metrics, mailPolicy, review } = core;
  const rateLimits = core.rateLimits;
  await desk.resumeAfterRestart({ requeue: singletons });
  // Spam blocks are cached per process: in cluster mode each re-reads the store's every few seconds.
  cluster.repeat(() => desk.reloadBlocks(), 5000);
  const retention =
    config.retentionDays > 0 && singletons
      ? new RetentionPurger({
          privacy: store.privacy,
          days: config.retentionDays,
          onPurged: (counts) => log.info(counts, 'retention purge done'),
          onError: (err) => log.error({ err }, 'retention purge failed'),
        })
      : null;
  retention?.start();
  if (config.kbWatch) await kb.watch();
  // The first visitor after a start should not pay the turn path's first-use costs (see warm-up.ts).
  await warmUpTurnPath({ kb, languages: core.languages });

  const auth = new ConsoleAuth(
    store.agents,
    config.consoleSessionMs,
    cluster.loginThrottle(config.login),
    log,
  );
  const origins = new OriginPolicy(config.publicUrl, config.widgetOrigins);
  if (!config.widgetOrigins)
    log.warn(
      'WIDGET_ORIGINS is not set: any website may open the visitor chat (/chat). To allow only your sites, set WIDGET_ORIGINS=https://www.example.com,https://shop.example.com',
    );
  const webDir = webAssetsDir();
  const limits = config.rateLimits;
  const perMinute = (name: string, n: number) => rateLimits.limiter(name, n, 60_000);
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
        outbox,
      })
    : null;
  if (messenger) outbox.register(messenger.adapter);
  // botbuilder and restify load only when Teams is on (restify prints a deprecation warning on Node 20).
  const teams = config.teams
    ? (await import('../channels/teams/teams.js')).attachTeams({
        settings: config.teams,
        ...(overrides.teamsEndpoints ? { endpoints: overrides.teamsEndpoints } : {}),
        bot,
        conversations: store.conversations,
        addresses: store.channelAddresses,
        translator,
        defaultLang: config.defaultLang,
        languageFor: (locale) => pickLanguage(kb.languages(), locale ? [locale] : [], config.defaultLang),
        maxMessageLength: config.maxMessageLength,
        log,
        personPostback: handoffPostback.request,
      })
    : null;
  if (teams) outbox.register(teams.adapter);
  if (config.teams && !config.teams.app)
    log.warn(
      { host: config.teams.host, port: config.teams.port },
      "Teams runs in the Bot Framework Emulator's anonymous mode (no MICROSOFT_APP_ID): no token is checked. For the Emulator on this machine only; set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD for Teams.",
    );
  const app = createHttpApp({
    webDir,
    log,
    trustProxy: config.trustProxy,
    health: () => ({
      store: store.kind,
      kb: kb.stats,
      contentProblems: kb.problems.length,
      ...(worker ? { worker: worker.slot } : {}),
    }),
    routers: [
      // The console's state-changing routes answer only pages of this server's own origin (CSRF).
      express.Router().use('/console', origins.guardRoutes()),
      ...(messenger ? [messenger.webhook] : []),
      metricsRoute(metrics, config.metricsToken),
      // Before the console's catch-all session check: these routes check the session themselves (once).
      consoleTicketRoutes({
        auth,
        agents: store.agents,
        tickets: store.tickets,
        service: tickets,
        forms: () => kb.allForms(),
      }),
      consoleRoutes({ auth, webDir, secureCookies: config.publicUrl?.startsWith('https:') ?? false }),
      // After consoleRoutes: its guard lets only admins reach /console/api/admin.
      reportRoutes({ reports: store.reports }),
      adminRoutes({
        agents: store.agents,
        apiKeys: store.apiKeys,
        audit: store.audit,
        agentChanged: (agentId) => auth.agentChanged(agentId),
        isOnline: (agentId) => desk.isOnline(agentId),
      }),
      // After consoleRoutes: its session check and admin guard cover /console/api/admin.
      ...(mailPolicy.emailVerification
        ? [
            emailVerificationRoutes({
              verification: mailPolicy.emailVerification,
              tickets: store.tickets,
              translator,
            }),
          ]
        : []),
      privacyRoutes({ privacy: store.privacy, conversations: store.conversations, tickets: store.tickets }),
      // After consoleRoutes: its session check and admin guard (403 for agents) run first.
      consoleReviewRoutes({
        review,
        languages: () => kb.languages(),
        articles: (lang) => kb.articles(lang).map((a) => ({ id: a.id, title: a.title })),
        audit: store.audit,
      }),
      // After consoleRoutes: the transcripts the review queue links to, admins only.
      adminConversationRoutes({ conversations: store.conversations }),
      apiRoutes({
        keys: store.apiKeys,
        tickets: store.tickets,
        service: tickets,
        agents: store.agents,
        publicUrl: () => publicUrl,
        createLimits: {
          perKey: perMinute('api-tickets-key', limits.apiTicketsPerMinute),
          perAddress: perMinute('api-tickets-address', limits.apiTicketsPerMinute * limits.ipFactor),
          counted: rateLimits,
        },
      }),
    ],
  });
  const trust = app.get('trust proxy fn') as TrustFn;
  const http = createServer(app);
  const { io, chat, agentConsole } = attachSockets(http, {
    config,
    log,
    core,
    auth,
    origins,
    cluster,
    limits: new ChatLimits(limits, rateLimits),
    clientAddress: (peer, forwardedFor) => clientAddress(peer, forwardedFor, trust),
  });
  outbox.register(webChannelAdapter(chat));

  const close = async () => {
    await teams?.close();
    desk.close();
    agentConsole.close();
    await retention?.stop();
    await messenger?.webhook.idle();
    await tickets.idle();
    await io.close();
    if (http.listening) await new Promise<void>((resolve) => http.close(() => resolve()));
    await kb.close();
    await cluster.close();
    await store.close();
  };
  try {
    // A worker listens on nothing: the primary passes it its sticky sessions' connections.
    if (worker) (await import('@socket.io/sticky')).setupWorker(io);
    else
      await new Promise<void>((resolve, reject) => {
        http.once('error', reject);
        http.listen(config.port, config.host, () => resolve());
      });
  } catch (err) {
    // Nothing may keep the process alive after a failed start: everything opened so far is closed.
    await close();
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new AppError('PORT_IN_USE', `port ${config.port} is in use; set PORT`);
    throw err;
  }
  const url = worker ? worker.url : listenUrl(config, (http.address() as AddressInfo).port);
  publicUrl = url;
  const teamsUrl = teams
    ? await teams.listen().catch(async (err: unknown) => {
        await close();
        throw err;
      })
    : null;
  log.info(
    { url, teamsUrl, store: store.kind, kb: kb.stats, startMs: Math.round(performance.now() - started) },
    'Frontdesk is ready',
  );
  releaseYoungGeneration();

  return {
    url,
    http,
    kb,
    store,
    bot,
    teamsUrl,
    close,
  };
}
