import type { HandoffSignal, SignalBus } from '../handoff/ports.js';
import type { RedisConnection, RedisLog } from './redis-connection.js';

/** Where the in-process listeners are (server/signal-hub.ts SignalHub). */
export interface LocalSignals {
  on(listener: (signal: HandoffSignal) => void | Promise<void>): void;
  emit(signal: HandoffSignal): void;
}

/**
 * The handoff desk's signals shared by every process (cluster mode): a signal is published on one Redis
 * channel and every process, the sender included, hands it to its own listeners (the agent gateway, which
 * tells the consoles connected to that process). While Redis does not answer, a signal reaches this
 * process's listeners only.
 */
export class RedisSignalBus implements SignalBus {
  private readonly channel: string;
  private warned = false;

  private constructor(
    private readonly conn: RedisConnection,
    private readonly local: LocalSignals,
    private readonly log: RedisLog,
  ) {
    this.channel = `${conn.prefix}signals`;
  }

  /** Subscribes before returning, so no signal published after start-up is missed. */
  static async open(conn: RedisConnection, local: LocalSignals, log: RedisLog): Promise<RedisSignalBus> {
    const bus = new RedisSignalBus(conn, local, log);
    await conn.subscriber.subscribe(bus.channel, (raw: string) => bus.received(raw));
    return bus;
  }

  on(listener: (signal: HandoffSignal) => void | Promise<void>): void {
    this.local.on(listener);
  }

  emit(signal: HandoffSignal): void {
    if (!this.conn.isReady()) {
      this.fallback(signal, new Error('not connected'));
      return;
    }
    this.conn.client.publish(this.channel, JSON.stringify(signal)).then(
      () => {
        this.warned = false;
      },
      (err: unknown) => this.fallback(signal, err),
    );
  }

  private fallback(signal: HandoffSignal, err: unknown): void {
    if (!this.warned)
      this.log.warn({ err }, 'handoff signals reach this process only while Redis does not answer');
    this.warned = true;
    this.local.emit(signal);
  }

  private received(raw: string): void {
    let signal: HandoffSignal;
    try {
      signal = JSON.parse(raw) as HandoffSignal;
    } catch (err) {
      this.log.error({ err }, 'unreadable handoff signal from Redis');
      return;
    }
    this.local.emit(signal);
  }
}
