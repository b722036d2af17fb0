import { io, type Socket } from 'socket.io-client';
import type {
  Ack,
  AgentClientToServer,
  AgentHello,
  AgentServerToClient,
  ChatSummary,
  ConsoleAgent,
  ConsoleMessage,
  QueueItem,
} from '../../channels/web/agent-events.js';
import { hashPassword } from '../../handoff/passwords.js';
import type { Agent } from '../../handoff/types.js';
import type { TestServer } from './server.js';
import { waitFor } from './chat-client.js';

export const testPassword = 'correct horse battery';

/** Adds an agent straight into the server's store (what `frontdesk agents add` does). */
export async function addAgent(
  server: TestServer,
  a: { name: string; languages: string[]; skills?: string[]; capacity?: number; role?: 'agent' | 'admin' },
): Promise<Agent> {
  return server.app.store.agents.add({
    email: `${a.name.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}@example.com`,
    name: a.name,
    languages: a.languages,
    skills: a.skills ?? [],
    capacity: a.capacity ?? 2,
    role: a.role ?? 'agent',
    passwordHash: await hashPassword(testPassword),
  });
}

/** Signs in over HTTP and returns the session cookie (`fd_session=…`). */
export async function login(url: string, email: string, password = testPassword): Promise<string> {
  const res = await fetch(`${url}/console/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
  const cookie = res.headers.get('set-cookie') ?? '';
  return cookie.split(';')[0] ?? '';
}

/** A real socket.io client on /agent, signed in with a session cookie, recording what it receives. */
export class AgentClient {
  readonly socket: Socket<AgentServerToClient, AgentClientToServer>;
  readonly hellos: AgentHello[] = [];
  readonly queues: Array<{ queue: readonly QueueItem[]; mine: readonly ChatSummary[] }> = [];
  readonly offers: QueueItem[] = [];
  readonly messages: ConsoleMessage[] = [];
  readonly typing: Array<{ conversationId: string; typing: boolean }> = [];
  readonly released: Array<{ conversationId: string; reason: string }> = [];
  /** Each `agents` event: the other agents and whether they are online. */
  readonly agentLists: Array<readonly ConsoleAgent[]> = [];
  readonly errors: Error[] = [];

  readonly disconnects: string[] = [];

  /** `origin`: the Origin header of the handshake (none by default, as a non-browser client). */
  constructor(url: string, cookie: string | null, origin?: string) {
    this.socket = io(`${url}/agent`, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      extraHeaders: { ...(cookie ? { cookie } : {}), ...(origin ? { origin } : {}) },
    });
    this.socket.on('disconnect', (reason) => this.disconnects.push(reason));
    this.socket.on('hello', (h) => this.hellos.push(h));
    this.socket.on('queue', (q) => this.queues.push(q));
    this.socket.on('offer', (o) => this.offers.push(o));
    this.socket.on('message', (m) => this.messages.push(m));
    this.socket.on('typing', (t) => this.typing.push(t));
    this.socket.on('released', (r) => this.released.push(r));
    this.socket.on('agents', (a) => this.agentLists.push(a));
    this.socket.on('connect_error', (e) => this.errors.push(e));
  }

  static async signIn(server: TestServer, agent: Agent, available = true): Promise<AgentClient> {
    const client = new AgentClient(server.url, await login(server.url, agent.email));
    await waitFor(() => client.hellos.length > 0, `hello for ${agent.name}`);
    if (available) await client.call('availability', { available: true });
    return client;
  }

  /** Emits an event with an ack and returns the data, or throws with the error code. */
  async call<E extends Exclude<keyof AgentClientToServer, 'typing'>>(
    event: E,
    payload: Parameters<AgentClientToServer[E]>[0],
  ): Promise<unknown> {
    const ack = (await (
      this.socket.timeout(5000) as unknown as { emitWithAck(e: string, p: unknown): Promise<Ack<unknown>> }
    ).emitWithAck(event, payload)) as Ack<unknown>;
    if (!ack.ok) throw Object.assign(new Error(ack.error.message), { code: ack.error.code });
    return ack.data;
  }

  /** The latest queue view (or the hello's). */
  queue(): readonly QueueItem[] {
    return this.queues.at(-1)?.queue ?? this.hellos.at(-1)?.queue ?? [];
  }

  close(): void {
    this.socket.close();
  }
}
