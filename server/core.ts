import path from 'node:path';
import { Bot } from '../bot/bot.js';
import { I18nTranslator } from '../bot/i18n.js';
import type { LanguageIdentifier } from '../bot/ports.js';
import type { TurnResult } from '../bot/turn.js';
import type { Store } from '../store/ports.js';
import { LanguageDetector } from '../lang/detector.js';
import { LiveKnowledgeBase } from '../kb/live-kb.js';
import { formatProblem } from '../kb/types.js';
import { openStore } from '../store/open-store.js';
import { ticketMailPolicy } from './ticket-mail-policy.js';
import { webChannel } from '../channels/web/gateway.js';
import { kbCacheDir } from './kb-cache-dir.js';
import { cachedModel } from '../kb/model-cache.js';
import { withStoredHtml } from '../conversation/stored-html.js';
import { messageHtml } from '../channels/web/render.js';
import { loadOrCreateSecret } from './secret-file.js';
import { Outbox } from '../conversation/outbox.js';
import { ConversationWriter } from '../conversation/writer.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { loadLocales } from './locales.js';
import { SignalHub } from './signal-hub.js';
import { HandoffService } from '../handoff/service.js';
import { maskDetails } from '../bot/forms/render.js';
import { BusinessHours } from '../common/business-hours.js';
import { TicketService } from '../tickets/service.js';
import { WebhookDispatcher } from '../tickets/webhooks.js';
import { TicketNotifier, type TicketMailer } from '../tickets/notifier.js';
import { presentTicket } from './presenters/ticket.js';
import type { SentimentScorer } from '../lang/sentiment.js';
import { memoryRateLimits, type RateLimits } from '../common/rate-limiter.js';
import type { Cluster } from './cluster-wiring.js';
import { reviewService } from './review-service.js';
import { suggestFromResolvedChat } from '../review/agent-answers.js';

import { readContentSettings } from './content-settings.js';
import { semanticEngine } from './semantic-engine.js';

/**
 * The bot's parts, without a server: the CLI's chat and ask commands use them too. The store opens
 * first: an unreachable MongoDB fails the start at once, before the KB's training.
 */
export async function createCore(
  config: Config,
  log: Logger,
  options: {
    store?: Store;
    mailer?: TicketMailer | null;
    publicUrl?: () => string;
    /** Shared state with the other processes (REDIS_URL); absent: this process alone. */
    cluster?: Cluster;
  } = {},
) {
  const opened = options.store ?? (await openStore(config, log));
  // Messages keep their rendered HTML (rendered once, as stored), so sends and resumes render nothing.
  const store: Store = { ...opened, conversations: withStoredHtml(opened.conversations, messageHtml) };
  try {
    return await buildCore(config, log, store, options);
  } catch (err) {
    if (!options.store) await store.close().catch(() => undefined);
    throw err;
  }
}

async function buildCore(
  config: Config,
  log: Logger,
  store: Store,
  options: { mailer?: TicketMailer | null; publicUrl?: () => string; cluster?: Cluster },
) {
  const rateLimits = options.cluster?.rateLimits ?? memoryRateLimits();
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
  // Off (null) unless EMBEDDINGS_URL is set: then an embedding server's similarity joins the matcher.
  const semantic = semanticEngine(config, log);
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
    {
      cacheDir: kbCacheDir(config),
      semantic,
      ...(config.kbChooseThresholds ? { thresholds: { base: config } } : {}),
    },
  );
  detector = buildDetector(kb);
  const languages: LanguageIdentifier = {
    detect: (text, o) => (detector ?? buildDetector(kb)).detect(text, o),
  };
  const contentSettings = readContentSettings(config.contentDir);
  const translator = await I18nTranslator.create(locales, 'en');
  const hub = options.cluster?.bus ?? new SignalHub(log);
  const outbox = new Outbox(
    (err, channel) => log.error({ err, channel }, 'delivery failed'),
    store.conversations,
  );
  // Off (null) unless METRICS_TOKEN is set: GET /metrics answers 404 then.
  const metrics = config.metricsToken
    ? new (await import('./metrics.js')).Metrics({
        live: () => store.reports.live(),
        kbArticles: () => kb.languages().map((lang) => ({ lang, articles: kb.articleCount(lang) })),
      })
    : null;
  if (metrics) outbox.onFailure((channel) => metrics.deliveryFailed(channel));
  if (metrics) semantic?.onFailure((reason) => metrics.embeddingsFailed(reason));
  const writer = new ConversationWriter(store.conversations, options.cluster?.turnLock);
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
  const mailer =
    options.mailer !== undefined
      ? options.mailer
      : config.smtp
        ? (await import('./mailer.js')).smtpMailer(config.smtp)
        : null;
  const mailPolicy = ticketMailPolicy({
    acksPerDay: config.emailAcksPerDay,
    ipFactor: config.rateLimits.ipFactor,
    rateLimits,
    verification: config.emailVerification,
    ticketForm: () => kb.form('ticket'),
    conversation: (id) => store.conversations.get(id),
    clientAddress: (c) => desk.visitorAddress(c.channel, c.visitorKey),
    // The visitor-token key signs the confirmation codes too (read only when a code is made).
    key: () =>
      config.visitorTokenSecret ?? loadOrCreateSecret(path.join(config.dataDir, 'visitor-token.key')),
    publicUrl: options.publicUrl ?? (() => config.publicUrl ?? ''),
    confirmedBefore: async (email) => {
      const lower = email.toLowerCase();
      for (const id of (await store.privacy.locate(lower)).ticketIds)
        if ((await store.tickets.get(id))?.emailVerified === lower) return true;
      return false;
    },
  });
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
      categoryLabel: mailPolicy.categoryLabel,
      mayAcknowledge: mailPolicy.mayAcknowledge,
      verification: mailPolicy.verification,
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
    visitorGraceMs: config.visitorGraceMs,
    presenceChannels: [webChannel],
    queuedPerAddress: config.handoffQueuedPerAddress,
    requestAllowed: handoffRequestLimit(config.rateLimits, rateLimits),
    ...(options.cluster?.presenceBoard ? { presenceBoard: options.cluster.presenceBoard } : {}),
    blocks: store.blocks,
    spamAddressBlockMs: config.spamBlockMinutes * 60_000,
    ticketForLeftChat: async (conversation) => {
      const details = maskDetails(kb.allForms(), conversation.state.details ?? {});
      if (typeof details['email'] !== 'string') return null;
      return (await tickets.fileFromConversation(conversation, details)).number;
    },
    onResolved: (h) =>
      suggestFromResolvedChat(
        {
          conversations: store.conversations,
          unresolved: store.unresolved,
          match: (t, l, n) => kb.match(t, l, n),
        },
        h,
      ).catch((err: unknown) => log.error({ err }, 'review suggestion from a resolved chat failed')),
  });
  const bot = new Bot({
    store: config.rateAnswers
      ? store
      : {
          conversations: store.conversations,
          unresolved: store.unresolved,
          missingTranslations: store.missingTranslations,
        },
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
    ...(metrics ? { onTurn: (result: TurnResult, ms: number) => metrics.turn(result, ms) } : {}),
    tickets: {
      fileFromConversation: (conversation, values, timeZone, locale) =>
        tickets.fileFromConversation(conversation, values, timeZone, locale),
      timeZone: hours.timeZone,
      recordCsat: (ticketId, csat, conversationId) => tickets.recordCsat(ticketId, csat, conversationId),
    },
    handoff: {
      desk,
      afterFailures: config.handoffAfterFailures,
      ...(config.handoffNegativeSentiment === undefined
        ? {}
        : {
            sentiment: sentimentTrigger(
              await (await import('../lang/sentiment.js')).SentimentScorer.create(),
              config.handoffNegativeSentiment,
            ),
          }),
    },
  });
  const review = reviewService(config, store, kb);
  return {
    locales,
    kb,
    languages,
    store,
    translator,
    bot,
    desk,
    hub,
    tickets,
    outbox,
    metrics,
    mailPolicy,
    review,
    rateLimits,
  };
}

function sentimentTrigger(scorer: SentimentScorer, threshold: number) {
  return { score: (text: string, lang: string) => scorer.score(text, lang), threshold };
}

/** Requests for a person per client address per hour, however made (RATE_LIMIT_ESCALATIONS_PER_HOUR × the factor). */
function handoffRequestLimit(
  limits: Config['rateLimits'],
  counted: RateLimits,
): ((address: string) => Promise<boolean>) | undefined {
  const limiter = counted.limiter('handoff-address', limits.escalationsPerHour * limits.ipFactor, 3600_000);
  if (!limiter) return undefined;
  return async (address) => (await counted.takeAll([[limiter, address]])).ok;
}
