import path from 'node:path';

/** Every web chat rate limit off: the load benchmarks measure turns, not refusals. */
export const rateLimitsOff: Readonly<Record<string, string>> = {
  RATE_LIMIT_CONNECTIONS_PER_MINUTE: '0',
  RATE_LIMIT_MESSAGES_PER_MINUTE: '0',
  RATE_LIMIT_SUGGESTIONS_PER_MINUTE: '0',
  RATE_LIMIT_ESCALATIONS_PER_HOUR: '0',
};

/**
 * The settings of a load benchmark's server: a free loopback port, its own DATA_DIR, the given content (or
 * the demo's), no logs, no watching, no rate limits.
 */
export function loadServerEnv(dataDir: string, contentDir: string | undefined): Record<string, string> {
  return {
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    CONTENT_DIR: contentDir ?? path.resolve('content'),
    LOG_LEVEL: 'silent',
    KB_WATCH: 'false',
    ...rateLimitsOff,
  };
}
