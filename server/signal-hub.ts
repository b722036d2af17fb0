import type { HandoffSignal, SignalBus } from '../handoff/ports.js';
import type { Logger } from './logger.js';

/** The in-process bus from the handoff desk to the socket gateways; a failing listener is logged, not fatal. */
export class SignalHub implements SignalBus {
  private readonly listeners: Array<(signal: HandoffSignal) => void | Promise<void>> = [];

  constructor(private readonly log: Pick<Logger, 'error'>) {}

  on(listener: (signal: HandoffSignal) => void | Promise<void>): void {
    this.listeners.push(listener);
  }

  emit(signal: HandoffSignal): void {
    for (const listener of this.listeners) {
      Promise.resolve()
        .then(() => listener(signal))
        .catch((err: unknown) => this.log.error({ err, signal: signal.kind }, 'handoff signal failed'));
    }
  }
}
