import { z } from 'zod';
import { AppError } from '../../common/errors.js';
import { canonicalLocale } from '../../common/locale.js';

/** Shape checks of what the browser sends; text length and emptiness are the bot's one shared check. */
export const sendPayloadSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'id must be 1–64 characters of A–Z, a–z, 0–9, "_" or "-"'),
  text: z.string().max(100_000, 'text is far too long'),
  postback: z.string().max(200).optional(),
});

/** The bot trims the text and keeps its first 200 characters; here only its type is checked. */
export const suggestPayloadSchema = z.object({
  text: z.string().max(100_000, 'text is far too long'),
});

export const historyPayloadSchema = z.object({
  before: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});

export const handshakeSchema = z.object({
  visitorToken: z
    .string()
    .regex(/^[A-Za-z0-9_-]{32,128}$/)
    .optional()
    .catch(undefined),
  /** BCP 47 tags, canonical and without extensions; a malformed one ("en_GB") is dropped, the rest kept. */
  locales: z
    .array(z.string().max(35))
    .max(10)
    .transform((tags) => tags.flatMap((t) => canonicalLocale(t) ?? []))
    .optional()
    .catch(undefined),
  /** Only http(s) URLs, up to 500 characters; anything else is dropped. */
  page: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .optional()
    .catch(undefined),
  timeZone: z
    .string()
    .max(64)
    .regex(/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+){0,2}$/)
    .optional()
    .catch(undefined),
});

export type Handshake = z.infer<typeof handshakeSchema>;

/** PAYLOAD_INVALID for a socket payload that failed its schema, naming every issue ("text: Too big; …"). */
export function malformed(error: z.ZodError, what: 'request' | 'message' = 'request'): AppError {
  const issues = error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; ');
  return new AppError('PAYLOAD_INVALID', `The ${what} is malformed: ${issues}`);
}
