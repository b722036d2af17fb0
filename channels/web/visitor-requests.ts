import { AppError } from '../../common/errors.js';
import type { Bot, LogPort } from '../../bot/bot.js';
import { historyPageSize, type ChatError, type HistoryAck, type SuggestAck } from './events.js';
import { historyPayloadSchema, malformed, suggestPayloadSchema } from './validate.js';
import { toChatMessage } from './presenter.js';
import type { ChatAction } from './chat-limits.js';
import { burstLimiter, chatError, replyTo, webChannel, type ChatSocket } from './chat-socket.js';

/** What a visitor's history, typing and suggestion requests need. */
export interface VisitorRequestDeps {
  readonly bot: Pick<Bot, 'suggest' | 'history'>;
  readonly log: LogPort;
  /** Suggestion requests per socket per 10 s before RATE_LIMITED (counted apart from messages). */
  readonly suggestLimit?: number;
  readonly handoff?: {
    visitorTyping(channel: string, visitorKey: string, typing: boolean): Promise<void>;
  };
}

/**
 * The gateway's per-visitor rate limits: null when allowed, else the RATE_LIMITED error. Never rejects: a
 * limiter that fails (Redis away) is logged and allows.
 */
export type LimitCheck = (
  socket: ChatSocket,
  actions: readonly ChatAction[],
  id: string | null,
  message: string,
) => Promise<ChatError | null>;

/**
 * A visitor socket's requests besides messages: older history pages (`history`), typing for the agent
 * (`typing`) and article suggestions as they type (`suggest`), each with its own burst limit.
 */
export function attachVisitorRequests(
  socket: ChatSocket,
  deps: VisitorRequestDeps,
  limited: LimitCheck,
): void {
  const historyAllowed = burstLimiter(60);
  socket.on('history', (payload: unknown, ack?: unknown) => {
    const reply = replyTo<HistoryAck>(socket, ack);
    const fail = (err: unknown) => reply({ ok: false, error: chatError(null, err) });
    if (!historyAllowed()) {
      fail(new AppError('RATE_LIMITED', 'Too many history requests; please slow down.'));
      return;
    }
    const parsed = historyPayloadSchema.safeParse(payload);
    if (!parsed.success) {
      fail(malformed(parsed.error));
      return;
    }
    deps.bot
      .history(webChannel, socket.data.visitorKey, parsed.data.before, historyPageSize)
      .then((page) =>
        reply({
          ok: true,
          messages: page.messages.filter((m) => !m.meta.internal).map(toChatMessage),
          olderCursor: page.olderCursor,
        }),
      )
      .catch((err: unknown) => {
        deps.log.error({ err }, 'web chat history failed');
        fail(err);
      });
  });

  const typingAllowed = burstLimiter(30);
  socket.on('typing', (typing: unknown) => {
    if (typeof typing !== 'boolean' || !typingAllowed() || !deps.handoff) return;
    void deps.handoff.visitorTyping(webChannel, socket.data.visitorKey, typing).catch(() => undefined);
  });

  const suggestAllowed = burstLimiter(deps.suggestLimit ?? 60);
  socket.on('suggest', (payload: unknown, ack?: unknown) => {
    const reply = replyTo<SuggestAck>(socket, ack);
    const fail = (err: unknown) => reply({ ok: false, error: chatError(null, err) });
    if (!suggestAllowed()) {
      fail(new AppError('RATE_LIMITED', 'Too many suggestion requests; please slow down.'));
      return;
    }
    const afterLimits = (refused: ChatError | null) => {
      if (refused) {
        reply({ ok: false, error: refused });
        return;
      }
      const parsed = suggestPayloadSchema.safeParse(payload);
      if (!parsed.success) {
        fail(malformed(parsed.error));
        return;
      }
      deps.bot
        .suggest(webChannel, socket.data.visitorKey, parsed.data.text, socket.data.locales[0] ?? null)
        .then((suggestions) => reply({ ok: true, suggestions }))
        .catch((err: unknown) => {
          deps.log.error({ err }, 'web chat suggestions failed');
          fail(err);
        });
    };
    void limited(socket, ['suggestion'], null, 'Too many suggestion requests; please slow down.').then(
      afterLimits,
    );
  });
}
