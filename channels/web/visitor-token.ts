import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const randomLength = 43; // 32 random bytes in base64url
const macLength = 43; // HMAC-SHA256 in base64url

/**
 * Visitor tokens the server issued, and only those: a token is 256 random bits followed by their
 * HMAC-SHA256 with the server's key (`VISITOR_TOKEN_SECRET`), both base64url. A token the client made up,
 * or changed, fails the check and is treated as no token at all (a new one, a new conversation).
 */
export class VisitorTokens {
  constructor(private readonly key: string) {}

  private mac(random: string): string {
    return createHmac('sha256', this.key).update(`frontdesk-visitor:${random}`).digest('base64url');
  }

  /** A new bearer token for a web visitor. */
  issue(): string {
    const random = randomBytes(32).toString('base64url');
    return `${random}${this.mac(random)}`;
  }

  /** True when this server (with this key) issued the token. */
  issued(token: string): boolean {
    if (token.length !== randomLength + macLength) return false;
    const expected = Buffer.from(this.mac(token.slice(0, randomLength)));
    return timingSafeEqual(Buffer.from(token.slice(randomLength)), expected);
  }
}

/** The store keeps only a hash of the token, so a leaked database does not let anyone resume a chat. */
export function visitorKeyOf(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
