import { io, type Socket } from 'socket.io-client';
import type {
  Ack,
  AgentClientToServer,
  AgentServerToClient,
  CannedReply,
  ChatDetail,
  ConsoleMessage,
} from '../../channels/web/agent-events.js';
import { agentNamespace } from '../../channels/web/agent-events.js';

/** How long a request waits for its acknowledgement. */
const ackTimeoutMs = 10_000;

/** A refused or unanswered request; `code` is the server's (e.g. HANDOFF_TAKEN) or TIMEOUT. */
export class RequestError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Done<T> = (err: Error | null, r: Ack<T>) => void;

/** The `/agent` socket.io connection, authenticated by the session cookie, with promise-based requests. */
export class ConsoleSocket {
  readonly io: Socket<AgentServerToClient, AgentClientToServer>;

  constructor() {
    this.io = io(agentNamespace, { withCredentials: true });
  }

  on<K extends keyof AgentServerToClient>(event: K, listener: AgentServerToClient[K]): void {
    // socket.io's typed `on` wants the listener in its own decorated form; the shapes are the same.
    (this.io.on as (e: K, l: AgentServerToClient[K]) => void)(event, listener);
  }

  private call<T>(emit: (timed: ReturnType<typeof this.io.timeout>, done: Done<T>) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      emit(this.io.timeout(ackTimeoutMs), (err, r) => {
        if (err) reject(new RequestError('TIMEOUT', 'The server did not answer in time.'));
        else if (r.ok) resolve(r.data);
        else reject(new RequestError(r.error.code, r.error.message));
      });
    });
  }

  availability(available: boolean): Promise<{ available: boolean }> {
    return this.call((s, done) => s.emit('availability', { available }, done));
  }

  claim(handoffId: string): Promise<ChatDetail> {
    return this.call((s, done) => s.emit('claim', { handoffId }, done));
  }

  open(conversationId: string): Promise<ChatDetail> {
    return this.call((s, done) => s.emit('open', { conversationId }, done));
  }

  send(conversationId: string, id: string, text: string): Promise<ConsoleMessage> {
    return this.call((s, done) => s.emit('send', { conversationId, id, text }, done));
  }

  note(conversationId: string, text: string): Promise<ConsoleMessage> {
    return this.call((s, done) => s.emit('note', { conversationId, text }, done));
  }

  typing(conversationId: string, typing: boolean): void {
    if (this.io.connected) this.io.emit('typing', { conversationId, typing });
  }

  transfer(conversationId: string, to: { toAgent: string } | { toSkill: string }): Promise<unknown> {
    return this.call((s, done) => s.emit('transfer', { conversationId, ...to }, done));
  }

  resolve(conversationId: string): Promise<unknown> {
    return this.call((s, done) => s.emit('resolve', { conversationId }, done));
  }

  spam(conversationId: string): Promise<unknown> {
    return this.call((s, done) => s.emit('spam', { conversationId }, done));
  }

  canned(lang: string, query: string): Promise<readonly CannedReply[]> {
    return this.call((s, done) => s.emit('canned', { lang, query }, done));
  }

  close(): void {
    this.io.removeAllListeners();
    this.io.disconnect();
  }
}
