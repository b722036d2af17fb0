import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * The schema of every environment variable Frontdesk reads (zod); server/config.ts parses the environment
 * with it once and turns the result into the Config.
 */
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
export const envSchema = z
  .object({
    PORT: numberFromEnv(z.number().int().min(0).max(65535)).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    WORKERS: numberFromEnv(z.number().int().min(1).max(64)).default(1),
    PUBLIC_URL: z.url().optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    CONTENT_DIR: z.string().min(1).default('./content'),
    MONGODB_URI: z
      .string()
      .regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://')
      .optional(),
    MONGODB_DB_NAME: z
      .string()
      .regex(
        /^[^/\\. "$*<>:|?\0]{1,63}$/,
        'must be a MongoDB database name (1-63 characters, none of /\\. "$*<>:|?)',
      )
      .optional(),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\/\S+$/, 'must start with redis:// or rediss://')
      .optional(),
    REDIS_KEY_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9:_.-]{1,64}$/, 'must be 1-64 letters, digits or : _ . -')
      .default('frontdesk:'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    ANSWER_THRESHOLD: numberFromEnv(z.number().min(0).max(1)).default(0.25),
    CLARIFY_MARGIN: numberFromEnv(z.number().min(0).max(1)).default(0.05),
    DEFAULT_LANG: z
      .string()
      .regex(/^[a-z]{2,3}$/, 'must be a two- or three-letter language code')
      .default('en'),
    KB_WATCH: boolFromEnv.default(true),
    REVIEW_GIT_COMMIT: boolFromEnv.default(false),
    RATE_ANSWERS: boolFromEnv.default(true),
    KB_CHOOSE_THRESHOLDS: boolFromEnv.default(true),
    MAX_MESSAGE_LENGTH: numberFromEnv(z.number().int().min(1).max(100000)).default(2000),
    HANDOFF_AFTER_FAILURES: numberFromEnv(z.number().int().min(0).max(100)).default(2),
    HANDOFF_GRACE_SECONDS: numberFromEnv(z.number().min(0).max(3600)).default(30),
    EMAIL_VERIFICATION: boolFromEnv.default(true),
    EMAIL_ACKS_PER_DAY: numberFromEnv(z.number().int().min(0).max(100000)).default(5),
    RETENTION_DAYS: numberFromEnv(
      z
        .number()
        .int()
        .min(0)
        .max(365 * 100),
    ).default(0),
    VISITOR_GRACE_SECONDS: numberFromEnv(z.number().min(0).max(86400)).default(120),
    HANDOFF_QUEUED_PER_ADDRESS: numberFromEnv(z.number().int().min(0).max(10000)).default(3),
    SPAM_BLOCK_MINUTES: numberFromEnv(
      z
        .number()
        .min(0)
        .max(60 * 24 * 365),
    ).default(1440),
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
    METRICS_TOKEN: z
      .string()
      .regex(/^[\x21-\x7e]{24,200}$/, 'must be 24–200 printable characters without spaces')
      .optional(),
    EMBEDDINGS_URL: z
      .url({ protocol: /^https?$/, error: 'must be http(s)://… (an OpenAI-compatible server)' })
      .optional(),
    EMBEDDINGS_MODEL: z.string().trim().min(1).max(200).optional(),
    EMBEDDINGS_API_KEY: z.string().min(1).max(1000).optional(),
    EMBEDDINGS_TIMEOUT_MS: numberFromEnv(z.number().int().min(10).max(60000)).default(300),
    TEAMS_ENABLED: boolFromEnv.optional(),
    TEAMS_PORT: numberFromEnv(z.number().int().min(0).max(65535)).default(3978),
    TEAMS_HOST: z.string().min(1).default('127.0.0.1'),
    MICROSOFT_APP_ID: z.uuid("must be the bot's Microsoft App ID (a GUID)").optional(),
    MICROSOFT_APP_PASSWORD: z.string().min(8, "must be the app's client secret").optional(),
    MICROSOFT_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
    MICROSOFT_APP_TENANT_ID: z.uuid('must be the Microsoft Entra tenant id (a GUID)').optional(),
  })
  .refine((e) => !e.WEBHOOK_URLS?.length || e.WEBHOOK_SECRET !== undefined, {
    path: ['WEBHOOK_SECRET'],
    message: 'is required when WEBHOOK_URLS is set (receivers check the HMAC signature with it)',
  })
  .refine((e) => e.EMBEDDINGS_URL === undefined || e.EMBEDDINGS_MODEL !== undefined, {
    path: ['EMBEDDINGS_MODEL'],
    message:
      'is required when EMBEDDINGS_URL is set (the model the server embeds with, e.g. nomic-embed-text)',
  })
  .refine(
    (e) => e.EMBEDDINGS_URL !== undefined || (e.EMBEDDINGS_MODEL ?? e.EMBEDDINGS_API_KEY) === undefined,
    {
      path: ['EMBEDDINGS_URL'],
      message: 'is required when EMBEDDINGS_MODEL or EMBEDDINGS_API_KEY is set',
    },
  )
  .refine((e) => !(e.WORKERS > 1) || e.REDIS_URL !== undefined, {
    path: ['REDIS_URL'],
    message:
      'is required when WORKERS is above 1 (the workers share presence, handoff signals and rate limits through Redis)',
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
  })
  .superRefine(checkTeams);

/** Messenger's settings that switch the channel on: all three, or none. */
const messengerKeys = [
  'MESSENGER_PAGE_ACCESS_TOKEN',
  'MESSENGER_APP_SECRET',
  'MESSENGER_VERIFY_TOKEN',
] as const;

type Env = Partial<Record<string, unknown>> & {
  TEAMS_ENABLED?: boolean;
  TEAMS_HOST?: string;
  MICROSOFT_APP_ID?: string;
  MICROSOFT_APP_PASSWORD?: string;
  MICROSOFT_APP_TYPE?: string;
  MICROSOFT_APP_TENANT_ID?: string;
};

const loopbackHosts = new Set(['127.0.0.1', '::1', 'localhost']);

/**
 * Teams (Bot Framework) settings, all or none: an app id with its secret (MultiTenant, the default),
 * plus the tenant for SingleTenant; UserAssignedMSI takes the app id and tenant and no secret. Without an
 * app id, TEAMS_ENABLED=true runs the Bot Framework Emulator's anonymous mode, on a loopback host only.
 */
function checkTeams(e: Env, ctx: z.RefinementCtx): void {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  const type = e.MICROSOFT_APP_TYPE ?? 'MultiTenant';
  if (e.MICROSOFT_APP_ID === undefined) {
    for (const k of ['MICROSOFT_APP_PASSWORD', 'MICROSOFT_APP_TYPE', 'MICROSOFT_APP_TENANT_ID'] as const)
      if (e[k] !== undefined) issue(k, 'is set but MICROSOFT_APP_ID is not (Teams needs the app id with it)');
    if (e.TEAMS_ENABLED === true && !loopbackHosts.has(e.TEAMS_HOST ?? '127.0.0.1'))
      issue(
        'TEAMS_HOST',
        'must be a loopback address (127.0.0.1, ::1, localhost) without MICROSOFT_APP_ID: the anonymous Emulator mode checks no token',
      );
    return;
  }
  if (type === 'UserAssignedMSI') {
    if (e.MICROSOFT_APP_PASSWORD !== undefined)
      issue('MICROSOFT_APP_PASSWORD', 'must not be set with MICROSOFT_APP_TYPE=UserAssignedMSI');
  } else if (e.MICROSOFT_APP_PASSWORD === undefined)
    issue('MICROSOFT_APP_PASSWORD', `is required with MICROSOFT_APP_ID (MICROSOFT_APP_TYPE=${type})`);
  if (type !== 'MultiTenant' && e.MICROSOFT_APP_TENANT_ID === undefined)
    issue('MICROSOFT_APP_TENANT_ID', `is required with MICROSOFT_APP_TYPE=${type}`);
}
