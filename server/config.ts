import path from 'node:path';
import type { z } from 'zod';
import { AppError } from '../common/errors.js';
import { envSchema, type TrustProxy } from './config-schema.js';

export type { TrustProxy } from './config-schema.js';

export type Config = Readonly<{
  port: number;
  host: string;
  /** Processes serving HTTP and the sockets (WORKERS); 1 = this process alone, more = a cluster primary and its workers. */
  workers: number;
  publicUrl: string | undefined;
  dataDir: string;
  /** The key of visitor tokens; unset: made once and kept in DATA_DIR/visitor-token.key. */
  visitorTokenSecret: string | undefined;
  contentDir: string;
  mongodbUri: string | undefined;
  /** The MongoDB database; undefined: the URI's, else `frontdesk`. */
  mongodbDbName: string | undefined;
  /** Cluster mode (several processes as one): Redis's URL and the prefix of every key and channel; null = one process. */
  redis: { readonly url: string; readonly keyPrefix: string } | null;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  answerThreshold: number;
  clarifyMargin: number;
  defaultLang: string;
  kbWatch: boolean;
  /** Commit each review save in CONTENT_DIR's git repository with the admin as author. */
  reviewGitCommit: boolean;
  /** Helpful / not helpful buttons under every bot answer. */
  rateAnswers: boolean;
  /** Choose each language's answer threshold by cross-validation on the KB's own questions (kb/thresholds.ts). */
  kbChooseThresholds: boolean;
  maxMessageLength: number;
  handoffAfterFailures: number;
  handoffGraceMs: number;
  /** Further ticket email only to addresses the requester confirmed by the emailed link. */
  emailVerification: boolean;
  /** Acknowledgement emails per requester address per day (per client address × the IP factor); 0 = no limit. */
  emailAcksPerDay: number;
  /** Closed conversations and tickets older than this many days are purged daily; 0 = kept for ever. */
  retentionDays: number;
  /** How long a web visitor who disconnected keeps a queued chat. */
  visitorGraceMs: number;
  /** Queued chats from one client address at once (0 = no limit). */
  handoffQueuedPerAddress: number;
  /** How long marking a chat as spam blocks the visitor's address (0 = not at all). */
  spamBlockMinutes: number;
  consoleSessionMs: number;
  /** Hand off at or below this nlp.js sentiment score (English); undefined = off. */
  handoffNegativeSentiment: number | undefined;
  webhooks: { urls: string[]; secret: string; maxAttempts: number; baseDelayMs: number };
  /** Ticket emails to requesters; undefined = no email. */
  smtp: { url: string; from: string } | undefined;
  /** Express's `trust proxy` (which proxies' X-Forwarded-For gives the client's address). */
  trustProxy: TrustProxy;
  /** Console sign-in: failures per account or address within `lockoutMs` before a lockout of `lockoutMs`. */
  login: { maxFailures: number; lockoutMs: number };
  /** Sites whose pages may open the visitor chat (/chat); undefined = any. */
  widgetOrigins: readonly string[] | undefined;
  /** Limits per visitor and (× ipFactor) per client address; 0 = that limit is off. */
  rateLimits: RateLimits;
  /** The Messenger channel; undefined = off. */
  messenger: MessengerConfig | undefined;
  /** GET /metrics (Prometheus) answers a bearer of this token; undefined = /metrics is off (404). */
  metricsToken: string | undefined;
  /** The Microsoft Teams (Bot Framework) listener; undefined = off. */
  teams: TeamsConfig | undefined;
  /** The optional semantic engine's OpenAI-compatible embedding server (kb/embeddings/); undefined = off. */
  embeddings: EmbeddingsConfig | undefined;
}>;

export interface EmbeddingsConfig {
  readonly url: string;
  readonly model: string;
  readonly apiKey: string | undefined;
  /** How long a visitor's question may wait for its embedding before it is matched lexically. */
  readonly timeoutMs: number;
}

export interface TeamsConfig {
  /** The restify listener for POST /api/messages. */
  readonly port: number;
  readonly host: string;
  /** null = the Bot Framework Emulator's anonymous mode (loopback only; no token checked or sent). */
  readonly app: {
    readonly id: string;
    readonly password: string | undefined;
    readonly type: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    readonly tenantId: string | undefined;
  } | null;
}

export interface RateLimits {
  /** New /chat connections per client address per minute. */
  readonly connectionsPerMinute: number;
  readonly messagesPerMinute: number;
  readonly suggestionsPerMinute: number;
  /** Handoff requests and tickets filed from the chat, per visitor per hour. */
  readonly escalationsPerHour: number;
  /** Per-address limits are this many times the per-visitor ones (many visitors may share one NAT). */
  readonly ipFactor: number;
  /** Tickets created through the REST API per API key per minute. */
  readonly apiTicketsPerMinute: number;
}

export interface MessengerConfig {
  readonly pageAccessToken: string;
  readonly appSecret: string;
  readonly verifyToken: string;
  /** Graph API base URL without a trailing slash (Meta's, or a local peer in tests). */
  readonly graphUrl: string;
  readonly graphVersion: string;
}

/** Settings whose values may hold passwords: never echoed in error messages. */
const secretKeys = new Set([
  'SMTP_URL',
  'WEBHOOK_SECRET',
  'MONGODB_URI',
  'REDIS_URL',
  'MESSENGER_PAGE_ACCESS_TOKEN',
  'MESSENGER_APP_SECRET',
  'MESSENGER_VERIFY_TOKEN',
  'VISITOR_TOKEN_SECRET',
  'METRICS_TOKEN',
  'MICROSOFT_APP_PASSWORD',
  'EMBEDDINGS_API_KEY',
]);

/** The settings that are read; any other variable in the environment is ignored. */
export const configKeys = Object.keys(envSchema.shape);

/**
 * Parses the environment once. Empty strings count as unset. On failure it throws one AppError whose
 * details list every problem, one line each, so an operator fixes them all in one go.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>, cwd = process.cwd()): Config {
  const input: Record<string, string> = {};
  for (const key of configKeys) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '') input[key] = value;
  }
  const parsed = envSchema.safeParse(input);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => {
      const key = issue.path.join('.') || '(environment)';
      const got =
        secretKeys.has(key) && input[key] !== undefined ? '(hidden)' : JSON.stringify(input[key] ?? null);
      return `${key}: ${issue.message} (got ${got})`;
    });
    throw new AppError('CONFIG_INVALID', `Invalid configuration (${details.length} problem(s))`, details);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    workers: e.WORKERS,
    publicUrl: e.PUBLIC_URL,
    dataDir: path.resolve(cwd, e.DATA_DIR),
    visitorTokenSecret: e.VISITOR_TOKEN_SECRET,
    contentDir: path.resolve(cwd, e.CONTENT_DIR),
    mongodbUri: e.MONGODB_URI,
    mongodbDbName: e.MONGODB_DB_NAME,
    redis: e.REDIS_URL ? { url: e.REDIS_URL, keyPrefix: e.REDIS_KEY_PREFIX } : null,
    logLevel: e.LOG_LEVEL,
    answerThreshold: e.ANSWER_THRESHOLD,
    clarifyMargin: e.CLARIFY_MARGIN,
    defaultLang: e.DEFAULT_LANG,
    kbWatch: e.KB_WATCH,
    reviewGitCommit: e.REVIEW_GIT_COMMIT,
    rateAnswers: e.RATE_ANSWERS,
    kbChooseThresholds: e.KB_CHOOSE_THRESHOLDS,
    maxMessageLength: e.MAX_MESSAGE_LENGTH,
    handoffAfterFailures: e.HANDOFF_AFTER_FAILURES,
    handoffGraceMs: e.HANDOFF_GRACE_SECONDS * 1000,
    emailVerification: e.EMAIL_VERIFICATION,
    emailAcksPerDay: e.EMAIL_ACKS_PER_DAY,
    retentionDays: e.RETENTION_DAYS,
    visitorGraceMs: e.VISITOR_GRACE_SECONDS * 1000,
    handoffQueuedPerAddress: e.HANDOFF_QUEUED_PER_ADDRESS,
    spamBlockMinutes: e.SPAM_BLOCK_MINUTES,
    consoleSessionMs: e.CONSOLE_SESSION_HOURS * 3600 * 1000,
    handoffNegativeSentiment: e.HANDOFF_NEGATIVE_SENTIMENT,
    webhooks: {
      urls: e.WEBHOOK_URLS ?? [],
      secret: e.WEBHOOK_SECRET ?? '',
      maxAttempts: e.WEBHOOK_MAX_ATTEMPTS,
      baseDelayMs: e.WEBHOOK_RETRY_BASE_MS,
    },
    smtp: e.SMTP_URL && e.SMTP_FROM ? { url: e.SMTP_URL, from: e.SMTP_FROM } : undefined,
    trustProxy: e.TRUST_PROXY,
    login: { maxFailures: e.LOGIN_MAX_FAILURES, lockoutMs: Math.round(e.LOGIN_LOCKOUT_MINUTES * 60_000) },
    widgetOrigins: e.WIDGET_ORIGINS,
    rateLimits: {
      connectionsPerMinute: e.RATE_LIMIT_CONNECTIONS_PER_MINUTE,
      messagesPerMinute: e.RATE_LIMIT_MESSAGES_PER_MINUTE,
      suggestionsPerMinute: e.RATE_LIMIT_SUGGESTIONS_PER_MINUTE,
      escalationsPerHour: e.RATE_LIMIT_ESCALATIONS_PER_HOUR,
      ipFactor: e.RATE_LIMIT_IP_FACTOR,
      apiTicketsPerMinute: e.RATE_LIMIT_API_TICKETS_PER_MINUTE,
    },
    messenger:
      e.MESSENGER_PAGE_ACCESS_TOKEN && e.MESSENGER_APP_SECRET && e.MESSENGER_VERIFY_TOKEN
        ? {
            pageAccessToken: e.MESSENGER_PAGE_ACCESS_TOKEN,
            appSecret: e.MESSENGER_APP_SECRET,
            verifyToken: e.MESSENGER_VERIFY_TOKEN,
            graphUrl: e.MESSENGER_GRAPH_URL,
            graphVersion: e.MESSENGER_GRAPH_VERSION,
          }
        : undefined,
    metricsToken: e.METRICS_TOKEN,
    embeddings:
      e.EMBEDDINGS_URL && e.EMBEDDINGS_MODEL
        ? {
            url: e.EMBEDDINGS_URL,
            model: e.EMBEDDINGS_MODEL,
            apiKey: e.EMBEDDINGS_API_KEY,
            timeoutMs: e.EMBEDDINGS_TIMEOUT_MS,
          }
        : undefined,
    teams:
      (e.TEAMS_ENABLED ?? e.MICROSOFT_APP_ID !== undefined)
        ? {
            port: e.TEAMS_PORT,
            host: e.TEAMS_HOST,
            app: e.MICROSOFT_APP_ID
              ? {
                  id: e.MICROSOFT_APP_ID,
                  password: e.MICROSOFT_APP_PASSWORD,
                  type: e.MICROSOFT_APP_TYPE ?? 'MultiTenant',
                  tenantId: e.MICROSOFT_APP_TENANT_ID,
                }
              : null,
          }
        : undefined,
  };
}

/** The environment of this process. The only place in Frontdesk that reads process.env. */
export function processEnv(): Readonly<Record<string, string | undefined>> {
  return process.env;
}
