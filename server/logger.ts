import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Message text, contact details, tokens and secrets are redacted wherever they sit
 * in a log object, so a log line can be shared without leaking what a visitor wrote.
 */
export const redactPaths = [
  'text',
  '*.text',
  'email',
  '*.email',
  'phone',
  '*.phone',
  'visitorToken',
  '*.visitorToken',
  'password',
  '*.password',
  'token',
  '*.token',
  'values',
  '*.values',
  'req.headers.cookie',
  'req.headers.authorization',
  'mongodbUri',
];

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  const options = { level, redact: { paths: redactPaths, censor: '[redacted]' }, base: { app: 'frontdesk' } };
  return destination ? pino(options, destination) : pino(options);
}
