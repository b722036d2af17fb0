import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../common/errors.js';
import type { AgentStore } from '../handoff/ports.js';
import type { Agent } from '../handoff/types.js';
import { hashPassword, verifyPassword } from '../handoff/passwords.js';
import type { LogPort } from '../bot/bot.js';
import type { FailedLogins, LoginLimiter } from './login-throttle.js';

export const sessionCookie = 'fd_session';

const sha256 = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * A cookie's value from a Cookie header, or null. A value that is not valid percent-encoding, or a header
 * that is not a string, is bad input and reads as no cookie (never a throw: this runs in socket.io
 * middleware and before every console route).
 */
export function readCookie(header: unknown, name: string): string | null {
  if (typeof header !== 'string') return null;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return safeDecode(rest.join('='));
  }
  return null;
}

function safeDecode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

/** A console session: its agent and its key (the token's SHA-256, what the store keeps). */
export interface ConsoleSession {
  readonly agent: Agent;
  readonly key: string;
}

/** What a successful sign-in gives: the token for the cookie, and what failed since the last sign-in. */
export interface SignedIn {
  readonly token: string;
  readonly agent: Agent;
  readonly expiresAt: Date;
  readonly lastFailedLogins: FailedLogins | null;
}

/** Refused during a lockout; `retryAfterSeconds` goes in the Retry-After header. */
export class LoginLockedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('LOGIN_LOCKED', `Too many failed sign-ins. Try again in ${describeWait(retryAfterSeconds)}.`);
  }
}

const describeWait = (s: number) => (s < 120 ? `${s} seconds` : `${Math.ceil(s / 60)} minutes`);

/** An email for the logs: its SHA-256 prefix, never the address (nor ever the password). */
export const accountRef = (email: string) => sha256(email.trim().toLowerCase()).slice(0, 12);

/**
 * Console sign-in: email and password (scrypt) give a random session token, kept by the browser in an
 * HTTP-only cookie; only its SHA-256 is stored. Unknown emails cost a hash too, so timing does not tell
 * which emails exist. Failures are throttled per account and address (LoginThrottle) and logged; disabled
 * agents cannot sign in. Logging out tells `onSessionEnded` listeners (the agent gateway drops the
 * session's sockets).
 */
export class ConsoleAuth {
  private readonly dummy: Promise<string>;
  private readonly ended: Array<(key: string) => void> = [];
  private readonly changed: Array<(agentId: string) => void> = [];

  constructor(
    private readonly agents: AgentStore,
    private readonly sessionMs: number,
    private readonly throttle: LoginLimiter,
    private readonly log: LogPort,
  ) {
    this.dummy = hashPassword(randomBytes(16).toString('hex'));
  }

  async login(email: string, password: string, ip: string): Promise<SignedIn> {
    const account = accountRef(email);
    const waitMs = await this.throttle.retryAfterMs(email, ip);
    if (waitMs > 0) {
      await this.throttle.fail(email, ip, true);
      this.log.warn({ account, ip }, 'console sign-in refused: locked out');
      throw new LoginLockedError(Math.ceil(waitMs / 1000));
    }
    const found = await this.agents.byEmail(email.trim());
    const ok = await verifyPassword(password, found?.passwordHash ?? (await this.dummy));
    if (!found || !ok || found.disabled) {
      await this.throttle.fail(email, ip, false);
      this.log.warn(
        { account, ip, reason: !found ? 'unknown' : !ok ? 'password' : 'disabled' },
        'console sign-in failed',
      );
      throw new AppError('LOGIN_FAILED');
    }
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.sessionMs);
    await this.agents.createSession(sha256(token), found.id, expiresAt.toISOString());
    const agent = await this.agents.get(found.id);
    if (!agent) throw new AppError('LOGIN_FAILED');
    const lastFailedLogins = await this.throttle.succeed(email);
    if (lastFailedLogins)
      this.log.info({ account, failed: lastFailedLogins.count }, 'console sign-in after failures');
    return { token, agent, expiresAt, lastFailedLogins };
  }

  /** The live session of a token (unknown, expired, logged out or of a disabled agent: null). */
  async session(token: string | null): Promise<ConsoleSession | null> {
    if (!token) return null;
    const key = sha256(token);
    const id = await this.agents.sessionAgent(key, new Date().toISOString());
    const agent = id ? await this.agents.get(id) : null;
    return agent ? { agent, key } : null;
  }

  async agentFor(token: string | null): Promise<Agent | null> {
    return (await this.session(token))?.agent ?? null;
  }

  async logout(token: string | null): Promise<void> {
    if (!token) return;
    const key = sha256(token);
    await this.agents.deleteSession(key);
    for (const listener of this.ended) listener(key);
  }

  /** Called with a session's key when it is logged out. */
  onSessionEnded(listener: (key: string) => void): void {
    this.ended.push(listener);
  }

  /**
   * An admin changed or disabled an agent: listeners (the agent gateway) re-check that agent's sockets at
   * once, dropping them when the agent's sessions ended and refreshing role, languages and skills otherwise.
   */
  agentChanged(agentId: string): void {
    for (const listener of this.changed) listener(agentId);
  }

  onAgentChanged(listener: (agentId: string) => void): void {
    this.changed.push(listener);
  }
}
