import { StoreUnavailableError } from '../common/errors.js';
import type { Store } from './ports.js';

export interface GuardOptions {
  /** Whether a store error means "the database is not answering now" (driver-specific). */
  readonly isUnavailable: (err: unknown) => boolean;
  /** A call still pending after this long fails as unavailable (a safety net over the driver's own timeout). */
  readonly timeoutMs: number;
  /** Told about each call turned into STORE_UNAVAILABLE (for the log). */
  readonly onUnavailable?: (port: string, method: string, err: unknown) => void;
}

type Port = Record<string, unknown>;

/** One port with every method's failure mapped: unavailable or too slow → StoreUnavailableError. */
function guardPort<T extends object>(name: string, port: T, o: GuardOptions): T {
  const guarded: Port = {};
  for (const [key, value] of Object.entries(port as Port)) {
    if (typeof value !== 'function') {
      guarded[key] = value;
      continue;
    }
    const method = value as (...args: unknown[]) => unknown;
    // A unit of work (ConversationStore.transaction) lasts as long as the turn it runs: only the store
    // calls inside it are timed, each by its own guard.
    if (key === 'transaction') {
      guarded[key] = (...args: unknown[]): unknown => method.apply(port, args);
      continue;
    }
    guarded[key] = (...args: unknown[]): unknown => {
      const result = method.apply(port, args);
      if (!(result instanceof Promise)) return result;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new StoreUnavailableError(`The database did not answer within ${o.timeoutMs} ms.`)),
          o.timeoutMs,
        );
        timer.unref?.();
      });
      return Promise.race([result, late])
        .catch((err: unknown) => {
          if (err instanceof StoreUnavailableError || o.isUnavailable(err)) {
            o.onUnavailable?.(name, key, err);
            throw err instanceof StoreUnavailableError ? err : new StoreUnavailableError();
          }
          throw err;
        })
        .finally(() => clearTimeout(timer));
    };
  }
  return guarded as T;
}

/**
 * The store with every call guarded: an error the driver reports as "not answering", or a call pending
 * longer than `timeoutMs`, becomes STORE_UNAVAILABLE, which the bot and the API answer as "try again in a
 * moment" instead of a generic failure. Other errors pass unchanged.
 */
export function guardStore(store: Store, o: GuardOptions): Store {
  const guarded: Record<string, unknown> = {};
  for (const [name, port] of Object.entries(store))
    guarded[name] = typeof port === 'object' && port !== null ? guardPort(name, port, o) : port;
  return { ...(guarded as unknown as Store), kind: store.kind, close: () => store.close() };
}
