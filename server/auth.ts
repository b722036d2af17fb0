import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../common/errors.js';
import type { AgentStore } from '../handoff/ports.js';
import type { Agent } from '../handoff/types.js';
import { hashPassword, verifyPassword } from '../handoff/passwords.js';

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

/**
 * Console sign-in: email and password (scrypt) give a random session token, kept by the browser in an
 * HTTP-only cookie; only its SHA-256 is stored. Unknown emails cost a hash too, so timing does not tell
 * which emails exist.
 */
export class ConsoleAuth {
  private readonly dummy: Promise<string>;

  constructor(
    private readonly agents: AgentStore,
    private readonly sessionMs: number,
  ) {
    this.dummy = hashPassword(randomBytes(16).toString('hex'));
  }

  async login(email: string, password: string): Promise<{ token: string; agent: Agent; expiresAt: Date }> {
    const found = await this.agents.byEmail(email.trim());
    const ok = await verifyPassword(password, found?.passwordHash ?? (await this.dummy));
    if (!found || !ok) throw new AppError('LOGIN_FAILED');
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.sessionMs);
    await this.agents.createSession(sha256(token), found.id, expiresAt.toISOString());
    const agent = await this.agents.get(found.id);
    if (!agent) throw new AppError('LOGIN_FAILED');
    return { token, agent, expiresAt };
  }

  async agentFor(token: string | null): Promise<Agent | null> {
    if (!token) return null;
    const id = await this.agents.sessionAgent(sha256(token), new Date().toISOString());
    return id ? this.agents.get(id) : null;
  }

  async logout(token: string | null): Promise<void> {
    if (token) await this.agents.deleteSession(sha256(token));
  }
}
