import type { AgentInfo } from '../../channels/web/agent-events.js';

/** The console's HTTP API (same origin; the session is an HTTP-only cookie set by login). */
const base = '/console/api';

/** Failed sign-ins to the account since its last successful one (what login answers). */
export interface FailedLogins {
  readonly count: number;
  readonly lastAt: string;
  readonly lastIp: string;
}

export type LoginResult =
  | { readonly ok: true; readonly agent: AgentInfo; readonly lastFailedLogins: FailedLogins | null }
  | { readonly ok: false; readonly message: string };

interface ErrorBody {
  readonly error?: { readonly code?: string; readonly message?: string };
}

async function post(path: string, body?: unknown): Promise<Response> {
  return fetch(`${base}${path}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

export async function login(email: string, password: string): Promise<LoginResult> {
  let res: Response;
  try {
    res = await post('/login', { email, password });
  } catch {
    return { ok: false, message: 'Cannot reach the server. Check your connection and try again.' };
  }
  if (res.ok) {
    const body = (await res.json()) as { agent: AgentInfo; lastFailedLogins?: FailedLogins | null };
    return { ok: true, agent: body.agent, lastFailedLogins: body.lastFailedLogins ?? null };
  }
  if (res.status === 401 || res.status === 429) {
    const body = (await res.json().catch(() => ({}))) as ErrorBody;
    return { ok: false, message: body.error?.message ?? 'Wrong email or password.' };
  }
  if (res.status === 400) return { ok: false, message: 'Enter your email address and password.' };
  return { ok: false, message: `Sign-in failed (HTTP ${res.status}). Try again.` };
}

export async function logout(): Promise<void> {
  try {
    await post('/logout');
  } catch {
    // offline: the cookie expires by itself; the console still goes back to the login form
  }
}

/** The signed-in agent, or null without a valid session. Throws when the server cannot be reached. */
export async function me(): Promise<AgentInfo | null> {
  const res = await fetch(`${base}/me`, { credentials: 'same-origin' });
  if (res.status === 401) return null;
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return ((await res.json()) as { agent: AgentInfo }).agent;
}
