import { io, type Socket } from 'socket.io-client';
import type {
  ChatError,
  ChatMessage,
  ClientToServerEvents,
  SendAck,
  SendPayload,
  ServerToClientEvents,
  SessionInfo,
  VisitorHandoffStatus,
} from '../../channels/web/events.js';
import { eventually } from './eventually.js';

/** A real socket.io client on /chat that records what it receives. */
export class ChatClient {
  readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  readonly messages: ChatMessage[] = [];
  readonly errors: ChatError[] = [];
  readonly sessions: SessionInfo[] = [];
  readonly handoffs: VisitorHandoffStatus[] = [];
  readonly typing: boolean[] = [];

  constructor(
    url: string,
    auth: { visitorToken?: string; locales?: string[]; page?: string; timeZone?: string } = {},
    options: {
      extraHeaders?: Record<string, string>;
      /** Default websocket only; ['polling'] for HTTP long-polling only (several requests per session). */
      transports?: Array<'polling' | 'websocket'>;
    } = {},
  ) {
    this.socket = io(`${url}/chat`, {
      auth,
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      ...options,
    });
    this.socket.on('message', (m) => this.messages.push(m));
    this.socket.on('chat_error', (e) => this.errors.push(e));
    this.socket.on('session', (s) => this.sessions.push(s));
    this.socket.on('handoff', (h) => this.handoffs.push(h));
    this.socket.on('typing', (t) => this.typing.push(t));
  }

  /** Sends a choice's postback with its label, as the widget does. */
  async pick(label: string, postback: string): Promise<SendAck> {
    return this.send({
      id: `p${Date.now()}${Math.random().toString(36).slice(2, 8)}`,
      text: label,
      postback,
    });
  }

  /** Resolves with the first session event. */
  async session(): Promise<SessionInfo> {
    await waitFor(() => this.sessions.length > 0, 'session');
    return this.sessions[0] as SessionInfo;
  }

  send(payload: SendPayload): Promise<SendAck> {
    return this.socket.timeout(5000).emitWithAck('send', payload);
  }

  /** Sends a message and waits for `count` bot replies to it. */
  async ask(
    text: string,
    id = `m${Date.now()}${Math.random().toString(36).slice(2, 8)}`,
    count = 1,
  ): Promise<ChatMessage[]> {
    const before = this.botMessages().length;
    const ack = await this.send({ id, text });
    if (!ack.ok) throw new Error(`not acknowledged: ${ack.error.code}`);
    await waitFor(() => this.botMessages().length >= before + count, `reply to "${text}"`);
    return this.botMessages().slice(before);
  }

  botMessages(): ChatMessage[] {
    return this.messages.filter((m) => m.role === 'bot');
  }

  close(): void {
    this.socket.close();
  }
}

/** Waits until `check()` holds. */
export function waitFor(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  return eventually(() => {
    if (!check()) throw new Error(`timed out waiting for ${what}`);
  }, timeoutMs);
}
