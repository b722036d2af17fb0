import type { PrivacyStore } from './ports.js';

export interface RetentionDeps {
  readonly privacy: Pick<PrivacyStore, 'purgeBatch'>;
  /** Closed conversations and solved or closed tickets older than this many days are deleted. */
  readonly days: number;
  /** Records per batch (conversations and tickets each); default 100. */
  readonly batchSize?: number;
  /** Between runs; default a day. */
  readonly everyMs?: number;
  readonly now?: () => Date;
  readonly onPurged?: (counts: { conversations: number; tickets: number }) => void;
  readonly onError?: (err: unknown) => void;
}

const day = 24 * 3600_000;

/** Waits for the event loop to go round once, so visitors' turns run between two batches. */
const yieldToTurns = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Retention (RETENTION_DAYS): at start and then daily, deletes what is older than the limit in small
 * batches, each one short transaction, yielding to the event loop between batches so that no visitor's
 * turn waits behind a long purge.
 */
export class RetentionPurger {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = false;

  constructor(private readonly deps: RetentionDeps) {}

  start(): void {
    const run = () => {
      if (this.running || this.stopped) return;
      this.running = this.runOnce()
        .then((counts) => this.deps.onPurged?.(counts))
        .catch((err: unknown) => this.deps.onError?.(err))
        .finally(() => {
          this.running = null;
        });
    };
    run();
    this.timer = setInterval(run, this.deps.everyMs ?? day);
    this.timer.unref();
  }

  /** One full purge, batch by batch; returns how many conversations and tickets went. */
  async runOnce(): Promise<{ conversations: number; tickets: number }> {
    const size = this.deps.batchSize ?? 100;
    const before = new Date((this.deps.now?.() ?? new Date()).getTime() - this.deps.days * day).toISOString();
    const total = { conversations: 0, tickets: 0 };
    for (;;) {
      if (this.stopped) return total;
      const batch = await this.deps.privacy.purgeBatch(before, size);
      total.conversations += batch.conversations;
      total.tickets += batch.tickets;
      if (batch.conversations < size && batch.tickets < size) return total;
      await yieldToTurns();
    }
  }

  /** Stops the timer and any run in progress after its current batch. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
