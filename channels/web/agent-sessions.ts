import type { Namespace } from 'socket.io';
import type { Agent } from '../../handoff/types.js';
import type { AgentClientToServer, AgentServerToClient } from './agent-events.js';

export interface AgentData {
  agent: Agent;
  session: string;
}
export type AgentNamespace = Namespace<
  AgentClientToServer,
  AgentServerToClient,
  Record<string, never>,
  AgentData
>;

export interface AgentSessionDeps {
  /** The live session of the console's cookie (its agent and an opaque key), or null. */
  authenticate(cookieHeader: string | undefined): Promise<{ agent: Agent; key: string } | null>;
  /** Called with a session's key when it ends (logout): its sockets are disconnected at once. */
  onSessionEnded(listener: (key: string) => void): void;
  /** An admin changed or disabled this agent: re-check (drop or refresh) its sockets at once. */
  onAgentChanged?(listener: (agentId: string) => void): void;
  /** How often every open socket's session is checked again (an agent disabled from the CLI). */
  readonly recheckMs: number;
}

/** What a session check needs of a socket. */
interface CheckedSocket {
  data: AgentData;
  handshake: { headers: { cookie?: string } };
  disconnect(close: boolean): unknown;
}

/** Every socket of one console session (its tabs); a logout on any process ends them all. */
export const sessionRoom = (key: string) => `session:${key}`;

/**
 * The console sockets' sessions: the handshake needs a live session of the cookie ("UNAUTHENTICATED"
 * otherwise); a socket is checked again by `stillValid` (before every event), when its agent changes and
 * every `recheckMs`, and disconnected once its session ended (logout, expiry, the agent disabled).
 * `close()` stops the periodic check.
 */
export function guardAgentSessions(
  nsp: AgentNamespace,
  deps: AgentSessionDeps,
): { stillValid(socket: CheckedSocket): Promise<boolean>; close(): void } {
  nsp.use((socket, next) => {
    // Promise.resolve().then: a throw inside authenticate becomes a rejection, never an uncaught exception.
    Promise.resolve()
      .then(() => deps.authenticate(socket.handshake.headers.cookie))
      .then((session) => {
        if (!session) return next(new Error('UNAUTHENTICATED'));
        socket.data.agent = session.agent;
        socket.data.session = session.key;
        next();
      })
      .catch(() => next(new Error('UNAUTHENTICATED')));
  });

  /** Whether the socket's session is still live; disconnects it when not (a store error counts as not). */
  const stillValid = async (socket: CheckedSocket): Promise<boolean> => {
    const session = await Promise.resolve()
      .then(() => deps.authenticate(socket.handshake.headers.cookie))
      .catch(() => null);
    if (session?.key === socket.data.session && session.agent.id === socket.data.agent.id) {
      socket.data.agent = session.agent;
      return true;
    }
    socket.disconnect(true);
    return false;
  };
  deps.onSessionEnded((key) => {
    // Through the adapter: the session's sockets on every process (cluster mode) are disconnected.
    nsp.in(sessionRoom(key)).disconnectSockets(true);
  });
  deps.onAgentChanged?.((agentId) => {
    for (const socket of nsp.sockets.values()) if (socket.data.agent.id === agentId) void stillValid(socket);
  });
  const recheck = setInterval(() => {
    for (const socket of nsp.sockets.values()) void stillValid(socket);
  }, deps.recheckMs);
  recheck.unref();
  return { stillValid, close: () => clearInterval(recheck) };
}
