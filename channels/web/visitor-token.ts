import { createHash, randomBytes } from 'node:crypto';

/** A new bearer token for a web visitor (256 random bits, base64url). */
export function newVisitorToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The store keeps only a hash of the token, so a leaked database does not let anyone resume a chat. */
export function visitorKeyOf(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
