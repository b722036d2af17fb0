import express, { type Router } from 'express';
import type { Bot, LogPort } from '../../bot/bot.js';
import type { Choice, Conversation } from '../../conversation/types.js';
import type { ChannelAdapter } from '../../conversation/outbox.js';
import type { Translator } from '../../common/translator.js';
import { KeyedQueue } from '../../common/keyed-queue.js';
import { AppError } from '../../common/errors.js';
import { incomingEvents, type IncomingEvent } from './events.js';
import { validSignature } from './signature.js';
import { numberedChoice } from './render.js';
import { messengerChannel } from './adapter.js';
import type { GraphClient } from './graph-client.js';

export const messengerWebhookPath = '/channels/messenger/webhook';

export interface MessengerWebhookDeps {
  readonly verifyToken: string;
  readonly appSecret: string;
  readonly bot: Pick<Bot, 'handleTurn'>;
  readonly adapter: Pick<ChannelAdapter, 'deliver'>;
  readonly client: Pick<GraphClient, 'send'>;
  readonly translator: Translator;
  readonly defaultLang: string;
  /** The longest visitor text the bot takes (MAX_MESSAGE_LENGTH); longer ones get a notice. */
  readonly maxMessageLength: number;
  readonly log: LogPort;
  /** The visitor's conversation and the choices of the latest message offering some (for typed numbers). */
  visitor(psid: string): Promise<{ conversation: Conversation; choices: readonly Choice[] } | null>;
  /** The postback of "talk to a person". */
  readonly personPostback: string;
}

/**
 * Meta's webhook: `GET` answers the verification challenge; `POST` checks `X-Hub-Signature-256` over the
 * raw body (403 when missing or bad, nothing stored), answers 200 at once and then handles the events,
 * one sender at a time in order. Redeliveries are answered once: the `mid` is the turn's clientId.
 */
export function messengerWebhook(deps: MessengerWebhookDeps): Router & { idle(): Promise<void> } {
  const router = express.Router();
  const queue = new KeyedQueue();
  const noticed = new Set<string>();

  router.get(messengerWebhookPath, (req, res, next) => {
    const { 'hub.mode': mode, 'hub.verify_token': token, 'hub.challenge': challenge } = req.query;
    if (mode !== 'subscribe' || typeof challenge !== 'string' || !/^[\w-]{1,200}$/.test(challenge))
      return next(new AppError('PAYLOAD_INVALID', 'Not a Messenger verification request.'));
    if (token !== deps.verifyToken) return next(new AppError('FORBIDDEN', 'Wrong verify token.'));
    res.type('text/plain').send(challenge);
  });

  router.post(messengerWebhookPath, express.raw({ type: () => true, limit: '1mb' }), (req, res, next) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const signature = req.get('x-hub-signature-256');
    if (!validSignature(raw, signature, deps.appSecret))
      return next(new AppError('FORBIDDEN', 'Missing or bad X-Hub-Signature-256.'));
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return next(new AppError('PAYLOAD_INVALID', 'The body is not valid JSON.'));
    }
    res.status(200).send('EVENT_RECEIVED');
    for (const event of incomingEvents(body))
      void queue
        .run(event.psid, () => handle(event))
        .catch((err: unknown) => deps.log.error({ err }, 'Messenger event failed'));
  });

  async function handle(event: IncomingEvent): Promise<void> {
    if (event.kind === 'unsupported')
      return notice(event.psid, event.mid, (lang) => deps.translator.t('channel.textOnly', lang));
    const visitor = await deps.visitor(event.psid);
    const picked = event.postback === null ? numberedChoice(event.text, visitor?.choices ?? []) : null;
    const typing = await deps.client.send({ recipient: { id: event.psid }, sender_action: 'typing_on' });
    if (!typing.ok) deps.log.warn({ reason: typing.error }, 'Messenger typing indicator failed');
    const result = await deps.bot
      .handleTurn({
        channel: messengerChannel,
        visitorKey: event.psid,
        clientId: event.mid,
        text: event.text,
        postback: event.postback ?? picked?.postback ?? null,
        localeHint: null,
      })
      .catch((err: unknown) => {
        // Nothing but invisible characters (a zero-width space): nothing to answer, as on Teams.
        if (err instanceof AppError && err.id === 'MESSAGE_EMPTY') return 'empty' as const;
        if (!(err instanceof AppError && err.id === 'MESSAGE_TOO_LONG')) throw err;
        return null;
      });
    if (result === 'empty') return;
    if (result === null) {
      const vars = { count: [...event.text].length, max: deps.maxMessageLength };
      return notice(event.psid, event.mid, (lang) => deps.translator.t('widget.tooLong', lang, vars));
    }
    if (result.duplicate) return;
    // A failure is logged by the adapter.
    await deps.adapter.deliver(result.conversation, result.replies);
  }

  /**
   * A message the bot cannot take (not text, too long): a notice in the visitor's language with the person
   * option. Nothing is stored, so a redelivered mid is remembered here (in memory) to answer it once.
   */
  async function notice(psid: string, mid: string | null, text: (lang: string) => string): Promise<void> {
    if (mid !== null) {
      if (noticed.has(mid)) return;
      noticed.add(mid);
      if (noticed.size > 10_000) noticed.clear();
    }
    const lang = (await deps.visitor(psid))?.conversation.lang ?? deps.defaultLang;
    const sent = await deps.client.send({
      recipient: { id: psid },
      messaging_type: 'RESPONSE',
      message: {
        text: text(lang),
        quick_replies: [
          {
            content_type: 'text',
            title: deps.translator.t('channel.person', lang),
            payload: deps.personPostback,
          },
        ],
      },
    });
    if (!sent.ok) deps.log.warn({ reason: sent.error }, 'Messenger notice failed');
  }

  return Object.assign(router, { idle: () => queue.idle() });
}
