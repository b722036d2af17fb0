/**
 * At most `concurrency` jobs running per key, the rest waiting in order (first come, first started);
 * different keys run side by side. A key's state is dropped once it has nothing running or waiting.
 * Used for fairness: one busy key (a flooding address) cannot fill the event loop with its work, and
 * the other keys' I/O is read between its jobs.
 */
export class KeyedPool {
  private readonly keys = new Map<string, { running: number; waiting: Array<() => void> }>();

  constructor(private readonly concurrency: number) {}

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    let k = this.keys.get(key);
    if (!k) {
      k = { running: 0, waiting: [] };
      this.keys.set(key, k);
    }
    const slot = k;
    if (slot.running >= this.concurrency) await new Promise<void>((resolve) => slot.waiting.push(resolve));
    else slot.running++;
    try {
      return await work();
    } finally {
      const next = slot.waiting.shift();
      // The next job starts in a later turn of the event loop, not in this job's microtasks: a store
      // that answers synchronously would otherwise run a key's whole queue before any socket is read.
      if (next) setImmediate(next);
      else if (--slot.running === 0) this.keys.delete(key);
    }
  }

  /** Keys with work running or waiting (for tests). */
  get size(): number {
    return this.keys.size;
  }
}
