import type { Namespace, Server } from 'socket.io';
import { AppError, isStoreUnavailable, publicError } from '../../common/errors.js';
import type { Bot, LogPort } from '../../bot/bot.js';
import type {
  ChatError,
  ClientToServerEvents,
  SendAck,
  ServerToClientEvents,
  SessionInfo,
  VisitorHandoffStatus,
} from './events.js';
import { chatNamespace, historyPageSize } from './events.js';
import { handshakeSchema, type Handshake, malformed, sendPayloadSchema } from './validate.js';
import { toChatMessage } from './presenter.js';
import { visitorKeyOf, type VisitorTokens } from './visitor-token.js';
import { sendActions, type ChatLimits } from './chat-limits.js';
import { KeyedPool } from '../../common/keyed-pool.js';
import {
  burstLimiter,
  failure,
  isRecord,
  replyTo,
  webChannel,
  type ChatSocket,
  type SocketData,
} from './chat-socket.js';
import { attachVisitorRequests, type LimitCheck } from './visitor-requests.js';
import type { RateDecision } from '../../common/rate-limiter.js';

export { webChannel };

/** Messages refused in a row (rate limited) before the socket is disconnected. */
export const refusalsBeforeDisconnect = 10;

export interface WebGatewayDeps {
  readonly bot: Pick<Bot, 'handleTurn' | 'resume' | 'suggest' | 'history'>;
  readonly log: LogPort;
  readonly maxMessageLength: number;
  /** Issues visitor tokens and recognises the ones it issued. */
  readonly tokens: VisitorTokens;
  /** The language a new conversation starts in, from the browser's preferences. */
  languageFor(locales: readonly string[]): string;
  /** The KB's languages with their own names. */
  languages(): Array<{ code: string; name: string }>;
  widgetStrings(lang: string): Record<string, string>;
  /** Messages per socket per 10 s before RATE_LIMITED. */
  readonly burstLimit?: number;
  /** Suggestion requests per socket per 10 s before RATE_LIMITED (counted apart from messages). */
  readonly suggestLimit?: number;
  /** Limits per client address and per visitor; none = only the per-socket bursts above. */
  readonly limits?: ChatLimits;
  /** The client's address from the peer's and the X-Forwarded-For header (TRUST_PROXY); default: the peer. */
  clientAddress?(peer: string, forwardedFor: string | string[] | undefined): string;
  /** Turns of one client address handled at once (the rest wait, in order); default 2. */
  readonly turnsPerAddress?: number;
  /**
   * Visitors' presence for the desk (a queued chat leaves the queue when its visitor is gone past the
   * grace period) and spam blocks (a blocked visitor or address is refused).
   */
  readonly visitors?: {
    connected(visitorKey: string, address: string): void;
    disconnected(visitorKey: string): void;
    blocked(visitorKey: string | null, address: string): boolean;
  };
  /** Live-agent handoff: the visitor's view and their typing (what the desk pushes arrives through the web adapter). */
  readonly handoff?: {
    view(conversationId: string): Promise<VisitorHandoffStatus>;
    visitorTyping(channel: string, visitorKey: string, typing: boolean): Promise<void>;
  };
}

const botStatus: VisitorHandoffStatus = { state: 'bot', position: null, etaMinutes: null, agentName: null };

/** Every socket of one visitor (their tabs) is in this room. */
export const visitorRoom = (visitorKey: string): string => `visitor:${visitorKey}`;

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

  const addressOf = (socket: ChatSocket) =>
    deps.clientAddress
      ? deps.clientAddress(socket.handshake.address, socket.handshake.headers['x-forwarded-for'])
      : socket.handshake.address;

  // Too many new connections from one address are refused at the handshake (connect_error RATE_LIMITED).
  nsp.use((socket, next) => {
    const address = addressOf(socket);
    socket.data.address = address;
    if (deps.visitors?.blocked(null, address)) {
      const refused = new Error('You cannot use this chat.') as Error & { data: ChatError };
      refused.data = { code: 'VISITOR_BLOCKED', message: refused.message, id: null };
      next(refused);
      return;
    }
    const refuse = (retryAfterMs: number) => {
      const refused = new Error(
        'Too many connections from your address; please try again later.',
      ) as Error & { data: ChatError };
      refused.data = { code: 'RATE_LIMITED', message: refused.message, id: null, retryAfterMs };
      next(refused);
    };
    if (!deps.limits) {
      next();
      return;
    }
    deps.limits.connect(address).then(
      (decision) => (decision.ok ? next() : refuse(decision.retryAfterMs)),
      (err: unknown) => {
        deps.log.error({ err }, 'web chat connection limit failed');
        next();
      },
    );
  });

  // Fairness: a few turns per client address at a time, the rest wait their turn, so one address's
  // burst cannot crowd out everyone else's replies on the event loop.
  const turns = new KeyedPool(deps.turnsPerAddress ?? 2);

  /**
   * Null when allowed, else the RATE_LIMITED error with its retry-after. A limiter that fails (Redis away)
   * is logged and allows: the chat goes on without its limits rather than refusing everyone.
   */
  const limited: LimitCheck = async (socket, actions, id, message) => {
    let decision: RateDecision = { ok: true };
    if (deps.limits)
      try {
        decision = await deps.limits.take(actions, socket.data.address, socket.data.visitorKey);
      } catch (err) {
        deps.log.error({ err }, 'web chat rate limit failed');
      }
    if (decision.ok) return null;
    const error: ChatError = { code: 'RATE_LIMITED', message, id, retryAfterMs: decision.retryAfterMs };
    return error;
  };

  nsp.on('connection', (socket: ChatSocket) => {
    // A malformed handshake (not an object) reads as an empty one: every field is optional.
    const parsedAuth = handshakeSchema.safeParse(socket.handshake.auth);
    const auth: Handshake = parsedAuth.success ? parsedAuth.data : {};
    // A token this server never issued (made up, changed, or signed with another key) counts as none.
    const token =
      auth.visitorToken !== undefined && deps.tokens.issued(auth.visitorToken)
        ? auth.visitorToken
        : deps.tokens.issue();
    socket.data.visitorKey = visitorKeyOf(token);
    socket.data.locales = auth.locales ?? [];
    socket.data.page = auth.page ?? null;
    socket.data.timeZone = auth.timeZone ?? null;
    deps.visitors?.connected(socket.data.visitorKey, socket.data.address);
    socket.on('disconnect', () => deps.visitors?.disconnected(socket.data.visitorKey));
    void (async () => {
      await socket.join(visitorRoom(socket.data.visitorKey));
      // The latest page only; older messages come with `history` (a long conversation stays cheap to resume).
      const resumed = await deps.bot.resume(webChannel, socket.data.visitorKey, historyPageSize);
      const lang = resumed?.conversation.lang ?? deps.languageFor(socket.data.locales);
      const languages = deps.languages();
      const session: SessionInfo = {
        visitorToken: token,
        conversationId: resumed?.conversation.id ?? null,
        lang,
        maxMessageLength: deps.maxMessageLength,
        strings: deps.widgetStrings(lang),
        stringsByLang: Object.fromEntries(languages.map((l) => [l.code, deps.widgetStrings(l.code)])),
        languages,
        messages: (resumed?.messages ?? []).filter((m) => !m.meta.internal).map(toChatMessage),
        olderCursor: resumed?.olderCursor ?? null,
        handoff: resumed && deps.handoff ? await deps.handoff.view(resumed.conversation.id) : botStatus,
      };
      socket.emit('session', session);
    })().catch((err: unknown) => {
      deps.log.error({ err }, 'web chat session failed');
      socket.emit('chat_error', { ...publicError(err), id: null });
    });

    const sendAllowed = burstLimiter(deps.burstLimit ?? 20);
    let refusals = 0;
    socket.on('send', (payload: unknown, ack?: unknown) => {
      const reply = replyTo<SendAck>(socket, ack);
      if (!sendAllowed()) {
        reply(failure(null, new AppError('RATE_LIMITED')));
        return;
      }
      const rawPostback = isRecord(payload) ? payload['postback'] : undefined;
      const rawId =
        isRecord(payload) && typeof payload['id'] === 'string' ? payload['id'].slice(0, 64) : null;
      const afterLimits = (refused: ChatError | null) => {
        if (refused) {
          // Acknowledged only (no chat_error besides): a refusal costs one small frame. A socket that goes on
          // sending regardless is a script: it is cut off, and what it has queued is dropped unread.
          if (typeof ack === 'function')
            (ack as (r: SendAck) => void)({ ok: false, id: rawId, error: refused });
          else socket.emit('chat_error', refused);
          if (++refusals >= refusalsBeforeDisconnect) socket.disconnect(true);
          return;
        }
        refusals = 0;
        if (deps.visitors?.blocked(socket.data.visitorKey, socket.data.address)) {
          reply(failure(rawId, new AppError('VISITOR_BLOCKED')));
          return;
        }
        const parsed = sendPayloadSchema.safeParse(payload);
        if (!parsed.success) {
          reply(failure(rawId, malformed(parsed.error, 'message')));
          return;
        }
        const { id, text, postback } = parsed.data;
        turns
          .run(socket.data.address, () =>
            deps.bot.handleTurn({
              channel: webChannel,
              visitorKey: socket.data.visitorKey,
              clientId: id,
              text,
              postback: postback ?? null,
              localeHint: socket.data.locales[0] ?? null,
              channelData: {
                page: socket.data.page,
                timeZone: socket.data.timeZone,
                locales: socket.data.locales,
              },
            }),
          )
          .then((result) => {
            reply({ ok: true, id, messageId: result.visitorMessage.id, duplicate: result.duplicate });
            if (result.duplicate) return;
            const to = nsp.to(visitorRoom(socket.data.visitorKey));
            to.emit('message', toChatMessage(result.visitorMessage));
            for (const m of result.replies) to.emit('message', toChatMessage(m));
          })
          .catch((err: unknown) => {
            if (!(err instanceof AppError)) deps.log.error({ err }, 'web chat turn failed');
            else if (isStoreUnavailable(err))
              deps.log.warn({}, 'the store did not answer: message kept by the widget');
            reply(failure(id, err));
          });
      };
      void limited(socket, sendActions(rawPostback), rawId, 'Too many messages; please slow down.').then(
        afterLimits,
      );
    });

    attachVisitorRequests(socket, deps, limited);
  });

  return nsp;
}
