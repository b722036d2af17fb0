import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../common/errors.js';

const boolFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const numberFromEnv = (schema: z.ZodNumber) =>
  z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?$/, 'must be a number')
    .transform(Number)
    .pipe(schema);

/** Express's `trust proxy`: false (default), true, a hop count, or addresses/subnets/names (comma list). */
export type TrustProxy = boolean | number | readonly string[];

const proxyNames = new Set(['loopback', 'linklocal', 'uniquelocal']);
const isProxyAddress = (entry: string): boolean => {
  if (proxyNames.has(entry)) return true;
  const [address = '', bits, ...more] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || more.length > 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
};

const trustProxyFromEnv = z
  .string()
  .trim()
  .transform((v, ctx): TrustProxy => {
    if (v === 'true' || v === 'false') return v === 'true';
    if (/^\d+$/.test(v)) return Number(v);
    const list = v
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
    const bad = list.filter((x) => !isProxyAddress(x));
    if (list.length === 0 || bad.length > 0)
      ctx.addIssue({
        code: 'custom',
        message: `must be true, false, a hop count, or a comma list of IP addresses, subnets (10.0.0.0/8) or loopback/linklocal/uniquelocal${bad.length ? ` (not valid: ${bad.join(', ')})` : ''}`,
      });
    return list;
  });

const originsFromEnv = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((u) => u.trim())
      .filter(Boolean),
  )
  .pipe(
    z.array(
      z
        .url({ protocol: /^https?$/, error: 'each origin must be http(s)://host[:port]' })
        .refine((u) => new URL(u).origin === u.replace(/\/$/, '').toLowerCase(), {
          message: 'each origin must be scheme://host[:port] only, without a path, query or fragment',
        })
        .transform((u) => new URL(u).origin),
    ),
  );

const limitSetting = (fallback: number) =>
  numberFromEnv(z.number().int().min(0).max(1_000_000)).default(fallback);

/** Every setting Frontdesk reads from the environment; the README's configuration table mirrors this. */
const envSchema = z
  .object({
    PORT: numberFromEnv(z.number().int().min(0).max(65535)).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    PUBLIC_URL: z.url().optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    CONTENT_DIR: z.string().min(1).default('./content'),
    MONGODB_URI: z
      .string()
      .regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://')
      .optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    ANSWER_THRESHOLD: numberFromEnv(z.number().min(0).max(1)).default(0.25),
    CLARIFY_MARGIN: numberFromEnv(z.number().min(0).max(1)).default(0.05),
    DEFAULT_LANG: z
      .string()
      .regex(/^[a-z]{2,3}$/, 'must be a two- or three-letter language code')
      .default('en'),
    KB_WATCH: boolFromEnv.default(true),
    KB_CHOOSE_THRESHOLDS: boolFromEnv.default(true),
    MAX_MESSAGE_LENGTH: numberFromEnv(z.number().int().min(1).max(100000)).default(2000),
    HANDOFF_AFTER_FAILURES: numberFromEnv(z.number().int().min(0).max(100)).default(2),
    HANDOFF_GRACE_SECONDS: numberFromEnv(z.number().min(0).max(3600)).default(30),
    CONSOLE_SESSION_HOURS: numberFromEnv(
      z
        .number()
        .min(0.1)
        .max(24 * 90),
    ).default(12),
    HANDOFF_NEGATIVE_SENTIMENT: numberFromEnv(z.number().min(-10).max(0)).optional(),
    WEBHOOK_URLS: z
      .string()
      .transform((s) =>
        s
          .split(',')
          .map((u) => u.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.url({ protocol: /^https?$/, error: 'each URL must be http(s)://…' })))
      .optional(),
    WEBHOOK_SECRET: z.string().min(16, 'must have at least 16 characters').optional(),
    VISITOR_TOKEN_SECRET: z.string().min(32, 'must have at least 32 characters').optional(),
    WEBHOOK_MAX_ATTEMPTS: numberFromEnv(z.number().int().min(1).max(20)).default(5),
    WEBHOOK_RETRY_BASE_MS: numberFromEnv(z.number().int().min(1).max(600_000)).default(1000),
    SMTP_URL: z
      .url({ protocol: /^smtps?$/, error: 'must be smtp://[user:pass@]host[:port] or smtps://…' })
      .optional(),
    SMTP_FROM: z.email('must be an email address such as support@example.com').optional(),
    TRUST_PROXY: trustProxyFromEnv.default(false),
    LOGIN_MAX_FAILURES: numberFromEnv(z.number().int().min(1).max(1000)).default(5),
    LOGIN_LOCKOUT_MINUTES: numberFromEnv(
      z
        .number()
        .min(0.01)
        .max(24 * 60),
    ).default(15),
    WIDGET_ORIGINS: originsFromEnv.optional(),
    RATE_LIMIT_CONNECTIONS_PER_MINUTE: limitSetting(60),
    RATE_LIMIT_MESSAGES_PER_MINUTE: limitSetting(30),
    RATE_LIMIT_SUGGESTIONS_PER_MINUTE: limitSetting(120),
    RATE_LIMIT_ESCALATIONS_PER_HOUR: limitSetting(10),
    RATE_LIMIT_IP_FACTOR: numberFromEnv(z.number().int().min(1).max(10_000)).default(10),
    RATE_LIMIT_API_TICKETS_PER_MINUTE: limitSetting(120),
    MESSENGER_PAGE_ACCESS_TOKEN: z.string().min(20, 'must be a page access token').optional(),
    MESSENGER_APP_SECRET: z.string().min(16, 'must be the app secret (at least 16 characters)').optional(),
    MESSENGER_VERIFY_TOKEN: z.string().min(8, 'must have at least 8 characters').optional(),
    MESSENGER_GRAPH_URL: z
      .url({ protocol: /^https?$/, error: 'must be http(s)://…' })
      .transform((u) => u.replace(/\/+$/, ''))
      .default('https://graph.facebook.com'),
    MESSENGER_GRAPH_VERSION: z
      .string()
      .regex(/^v\d+\.\d+$/, 'must be a Graph API version such as v21.0')
      .default('v21.0'),
  })
  .refine((e) => !e.WEBHOOK_URLS?.length || e.WEBHOOK_SECRET !== undefined, {
    path: ['WEBHOOK_SECRET'],
    message: 'is required when WEBHOOK_URLS is set (receivers check the HMAC signature with it)',
  })
  .refine((e) => e.SMTP_URL === undefined || e.SMTP_FROM !== undefined, {
    path: ['SMTP_FROM'],
    message: 'is required when SMTP_URL is set (the sender of ticket emails)',
  })
  .superRefine((e, ctx) => {
    const set = messengerKeys.filter((k) => e[k] !== undefined);
    if (set.length === 0 || set.length === messengerKeys.length) return;
    for (const k of messengerKeys)
      if (e[k] === undefined)
        ctx.addIssue({
          code: 'custom',
          path: [k],
          message: `is required with ${set.join(', ')} (Messenger needs all three, or none)`,
        });
  });

/** Messenger's settings that switch the channel on: all three, or none. */
const messengerKeys = [
  'MESSENGER_PAGE_ACCESS_TOKEN',
  'MESSENGER_APP_SECRET',
  'MESSENGER_VERIFY_TOKEN',
] as const;

export type Config = Readonly<{
  port: number;
  host: string;
  publicUrl: string | undefined;
  dataDir: string;
  /** The key of visitor tokens; unset: made once and kept in DATA_DIR/visitor-token.key. */
  visitorTokenSecret: string | undefined;
  contentDir: string;
  mongodbUri: string | undefined;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  answerThreshold: number;
  clarifyMargin: number;
  defaultLang: string;
  kbWatch: boolean;
  /** Choose each language's answer threshold by cross-validation on the KB's own questions (kb/thresholds.ts). */
  kbChooseThresholds: boolean;
  maxMessageLength: number;
  handoffAfterFailures: number;
  handoffGraceMs: number;
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
}>;

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
  'MESSENGER_PAGE_ACCESS_TOKEN',
  'MESSENGER_APP_SECRET',
  'MESSENGER_VERIFY_TOKEN',
  'VISITOR_TOKEN_SECRET',
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
    publicUrl: e.PUBLIC_URL,
    dataDir: path.resolve(cwd, e.DATA_DIR),
    visitorTokenSecret: e.VISITOR_TOKEN_SECRET,
    contentDir: path.resolve(cwd, e.CONTENT_DIR),
    mongodbUri: e.MONGODB_URI,
    logLevel: e.LOG_LEVEL,
    answerThreshold: e.ANSWER_THRESHOLD,
    clarifyMargin: e.CLARIFY_MARGIN,
    defaultLang: e.DEFAULT_LANG,
    kbWatch: e.KB_WATCH,
    kbChooseThresholds: e.KB_CHOOSE_THRESHOLDS,
    maxMessageLength: e.MAX_MESSAGE_LENGTH,
    handoffAfterFailures: e.HANDOFF_AFTER_FAILURES,
    handoffGraceMs: e.HANDOFF_GRACE_SECONDS * 1000,
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
  };
}

/** The environment of this process. The only place in Frontdesk that reads process.env. */
export function processEnv(): Readonly<Record<string, string | undefined>> {
  return process.env;
}
