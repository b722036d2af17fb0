import type { Socket } from 'socket.io';
import { publicError } from '../../common/errors.js';
import type { ChatError, ClientToServerEvents, SendAck, ServerToClientEvents } from './events.js';

/** The web chat's channel name (conversations, addresses). */
export const webChannel = 'web';

/** What the web chat keeps on each visitor socket. */
export interface SocketData {
  visitorKey: string;
  address: string;
  locales: readonly string[];
  page: string | null;
  timeZone: string | null;
}

/** A visitor's socket on `/chat`. */
export type ChatSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

/** A sliding 10-second window: true while fewer than `limit` calls were allowed in the last 10 s. */
export function burstLimiter(limit: number): () => boolean {
  const times: number[] = [];
  return () => {
    const now = Date.now();
    while (times.length > 0 && (times[0] ?? now) < now - 10_000) times.shift();
    if (times.length >= limit) return false;
    times.push(now);
    return true;
  };
}

/**
 * How a request is answered: through its ack when the client gave one, and with a `chat_error` besides
 * when it failed (so a client without acks still hears of it).
 */
export function replyTo<R extends { readonly ok: true } | { readonly ok: false; readonly error: ChatError }>(
  socket: ChatSocket,
  ack: unknown,
): (result: R) => void {
  return (result) => {
    if (typeof ack === 'function') (ack as (r: R) => void)(result);
    if (!result.ok) socket.emit('chat_error', result.error);
  };
}

export function chatError(id: string | null, err: unknown): ChatError {
  const e = publicError(err);
  return { code: e.code, message: e.message, id };
}

export function failure(id: string | null, err: unknown): SendAck {
  return { ok: false, id, error: chatError(id, err) };
}

export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}
