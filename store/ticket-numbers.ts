/** Ticket numbers are FD- and this plus the counter: the first is FD-10001. */
export const numberBase = 10000;

export const ticketNumber = (counter: number): string => `FD-${numberBase + counter}`;

/** What numbering needs of a store that takes numbers from a counter (MongoDB's `counters` document). */
export interface CounterNumbering<T> {
  /** Increments the counter (creating it at 1) and gives its new value. */
  next(): Promise<number>;
  /** Stores the ticket under this number; throws what `isTaken` recognises when the number is in use. */
  insert(number: string): Promise<T>;
  isTaken(err: unknown): boolean;
  /** The highest ticket number's digits stored (FD-10427 → 10427), 0 when there is none. */
  highestSeq(): Promise<number>;
  /** Raises the counter to at least this value (never lowers it: `$max`). */
  raiseTo(counter: number): Promise<void>;
}

/**
 * Inserts a ticket under the counter's next number. When that number is taken (the counter document was
 * lost or restored behind the tickets: numbering would restart at FD-10001 and fail on every ticket), the
 * counter is raised to the highest existing number and the insert retried, so numbering resumes after it.
 * A number taken by a concurrent writer just retries with the next one.
 */
export async function insertWithNextNumber<T>(n: CounterNumbering<T>, attempts = 10): Promise<T> {
  let lastError: unknown = null;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const number = ticketNumber(await n.next());
    try {
      return await n.insert(number);
    } catch (err) {
      if (!n.isTaken(err)) throw err;
      lastError = err;
      await n.raiseTo((await n.highestSeq()) - numberBase);
    }
  }
  throw lastError instanceof Error ? lastError : new Error('no free ticket number');
}
