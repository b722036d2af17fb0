import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../common/errors.js';
import type { ApiKey, ApiKeyStore } from '../store/ports.js';

/** An API key's SHA-256 (hex): the only form the store keeps. */
export const hashApiKey = (key: string): string => createHash('sha256').update(key).digest('hex');

/** A new random key (`fd_` + 24 random bytes, base64url): shown once, then only its hash is kept. */
export const newApiKey = (): string => `fd_${randomBytes(24).toString('base64url')}`;

/**
 * The live key an `Authorization: Bearer <key>` header carries, or UNAUTHENTICATED (401). A missing,
 * malformed, unknown or revoked key reads the same way.
 */
export async function authenticateApiKey(keys: ApiKeyStore, authorization: unknown): Promise<ApiKey> {
  const header = typeof authorization === 'string' ? authorization : '';
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  const key = token ? await keys.byHash(hashApiKey(token)) : null;
  if (!key) throw new AppError('UNAUTHENTICATED', 'Send a valid API key as "Authorization: Bearer <key>".');
  return key;
}
