import { Outbox } from '../../conversation/outbox.js';

/** An outbox whose web channel takes every message (unit tests of the desk, which has no socket server). */
export function acceptingOutbox(): Outbox {
  const outbox = new Outbox();
  outbox.register({ id: 'web', deliver: async () => ({ ok: true }) });
  return outbox;
}
