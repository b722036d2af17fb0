import type { Namespace, Server, Socket } from 'socket.io';
import { AppError, publicError } from '../../common/errors.js';
import type { Bot, LogPort } from '../../bot/bot.js';
import type {
  ChatError,
  ClientToServerEvents,
  SendAck,
  ServerToClientEvents,
  SessionInfo,
} from './events.js';
import { chatNamespace } from './events.js';
import { describeIssues, handshakeSchema, sendPayloadSchema } from './validate.js';
import { toChatMessage } from './presenter.js';
import { newVisitorToken, visitorKeyOf } from './visitor-token.js';

export const webChannel = 'web';

export interface WebGatewayDeps {
  readonly bot: Pick<Bot, 'handleTurn' | 'resume'>;
  readonly log: LogPort;
  readonly maxMessageLength: number;
  /** The language a new conversation starts in, from the browser's preferences. */
  languageFor(locales: readonly string[]): string;
  widgetStrings(lang: string): Record<string, string>;
  /** Messages per socket per 10 s before RATE_LIMITED. */
  readonly burstLimit?: number;
}

interface SocketData {
  visitorKey: string;
  locales: readonly string[];
}

type ChatSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const room = (visitorKey: string) => `visitor:${visitorKey}`;

/**
 * The web chat channel: a visitor connects (with their token, to resume), gets the conversation so far,
 * and sends messages that are acknowledged once stored. Every message of the conversation is broadcast
 * to all the visitor's tabs.
 */
export function attachWebChat(
  io: Server,
  deps: WebGatewayDeps,
): Namespace<ClientToServerEvents, ServerToClientEvents> {
  const nsp = io.of(chatNamespace) as Namespace<
    ClientToServerEvents,
    ServerToClientEvents,
    Record<string, never>,
    SocketData
  >;

  nsp.on('connection', (socket: ChatSocket) => {
    const auth = handshakeSchema.parse(socket.handshake.auth ?? {});
    const token = auth.visitorToken ?? newVisitorToken();
    socket.data.visitorKey = visitorKeyOf(token);
    socket.data.locales = auth.locales ?? [];
    void (async () => {
      await socket.join(room(socket.data.visitorKey));
      const resumed = await deps.bot.resume(webChannel, socket.data.visitorKey);
      const lang = resumed?.conversation.lang ?? deps.languageFor(socket.data.locales);
      const session: SessionInfo = {
        visitorToken: token,
        conversationId: resumed?.conversation.id ?? null,
        lang,
        maxMessageLength: deps.maxMessageLength,
        strings: deps.widgetStrings(lang),
        messages: (resumed?.messages ?? []).map(toChatMessage),
      };
      socket.emit('session', session);
    })().catch((err: unknown) => {
      deps.log.error({ err }, 'web chat session failed');
      socket.emit('chat_error', { ...publicError(err), id: null });
    });

    const sent: number[] = [];
    socket.on('send', (payload: unknown, ack?: unknown) => {
      const reply = (result: SendAck) => {
        if (typeof ack === 'function') (ack as (r: SendAck) => void)(result);
        if (!result.ok) socket.emit('chat_error', result.error);
      };
      const now = Date.now();
      while (sent.length > 0 && (sent[0] ?? now) < now - 10_000) sent.shift();
      if (sent.length >= (deps.burstLimit ?? 20)) {
        reply(failure(null, new AppError('RATE_LIMITED')));
        return;
      }
      sent.push(now);
      const parsed = sendPayloadSchema.safeParse(payload);
      if (!parsed.success) {
        const id = isRecord(payload) && typeof payload['id'] === 'string' ? payload['id'].slice(0, 64) : null;
        reply(
          failure(
            id,
            new AppError('PAYLOAD_INVALID', `The message is malformed: ${describeIssues(parsed.error)}`),
          ),
        );
        return;
      }
      const { id, text, postback } = parsed.data;
      deps.bot
        .handleTurn({
          channel: webChannel,
          visitorKey: socket.data.visitorKey,
          clientId: id,
          text,
          postback: postback ?? null,
          localeHint: socket.data.locales[0] ?? null,
        })
        .then((result) => {
          reply({ ok: true, id, messageId: result.visitorMessage.id, duplicate: result.duplicate });
          if (result.duplicate) return;
          const to = nsp.to(room(socket.data.visitorKey));
          to.emit('message', toChatMessage(result.visitorMessage));
          for (const m of result.replies) to.emit('message', toChatMessage(m));
        })
        .catch((err: unknown) => {
          if (!(err instanceof AppError)) deps.log.error({ err }, 'web chat turn failed');
          reply(failure(id, err));
        });
    });
  });
  return nsp;
}

function failure(id: string | null, err: unknown): SendAck {
  const e = publicError(err);
  const error: ChatError = { code: e.code, message: e.message, id };
  return { ok: false, id, error };
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}
