import type { Store } from '../../store/ports.js';

export type OutageMode = 'none' | 'hang' | 'late';

/** What the store does now: answer, hang (never settle), or answer late (after `lateMs`, then for real). */
export interface Outage {
  mode: OutageMode;
  /** The ports (`tickets`) or methods (`conversations.append`) affected. */
  ports: ReadonlySet<string>;
  lateMs: number;
}

/**
 * A store that stops answering on demand, as a MongoDB that accepts but never answers: wrap a real store,
 * then set `outage.mode`. Put it behind `guardStore` to get the MongoDB store's STORE_UNAVAILABLE.
 */
export function withOutage(store: Store, outage: Outage): Store {
  const wrap = <T extends object>(name: string, port: T): T => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(port as Record<string, unknown>)) {
      if (typeof value !== 'function') continue;
      const method = value as (...args: unknown[]) => Promise<unknown>;
      out[key] = (...args: unknown[]): Promise<unknown> => {
        // A unit of work is not a call to the database: the calls inside it stop answering.
        const hit = key !== 'transaction' && (outage.ports.has(name) || outage.ports.has(`${name}.${key}`));
        if (outage.mode === 'none' || !hit) return method.apply(port, args);
        if (outage.mode === 'hang') return new Promise(() => undefined);
        // Late: the write lands after the caller gave up on it.
        return new Promise((resolve) => setTimeout(resolve, outage.lateMs)).then(() =>
          method.apply(port, args),
        );
      };
    }
    return out as T;
  };
  const wrapped: Record<string, unknown> = {};
  for (const [name, port] of Object.entries(store))
    wrapped[name] = typeof port === 'object' && port !== null ? wrap(name, port) : port;
  return { ...(wrapped as unknown as Store), kind: store.kind, close: () => store.close() };
}
