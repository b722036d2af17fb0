import type { z } from 'zod';
import { AppError, publicError } from '../../common/errors.js';
import type { LogPort } from '../../bot/bot.js';
import type { Ack } from './agent-events.js';
import { malformed } from './validate.js';

/**
 * The agent console's action handlers: `handle(schema, action)` gives a socket listener that validates the
 * payload (PAYLOAD_INVALID otherwise), runs the action and answers its ack with the result or a catalog
 * error (an unexpected one is logged and answered as INTERNAL).
 */
export function ackHandler(log: LogPort) {
  return <S extends z.ZodType, T>(schema: S, action: (payload: z.infer<S>) => Promise<T>) =>
    (payload: unknown, ack?: unknown) => {
      const reply = (r: Ack<T>) => {
        if (typeof ack === 'function') (ack as (r: Ack<T>) => void)(r);
      };
      const parsed = schema.safeParse(payload);
      if (!parsed.success) {
        const { code, message } = publicError(malformed(parsed.error));
        reply({ ok: false, error: { code, message } });
        return;
      }
      action(parsed.data)
        .then((data) => reply({ ok: true, data }))
        .catch((err: unknown) => {
          if (!(err instanceof AppError)) log.error({ err }, 'agent action failed');
          const e = publicError(err);
          reply({ ok: false, error: { code: e.code, message: e.message } });
        });
    };
}
