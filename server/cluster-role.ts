/**
 * What a cluster's primary and its workers say to each other (server/cluster-primary.ts,
 * server/cluster-worker.ts): the worker's role, passed in its environment when it is forked, and the
 * messages over the cluster's IPC channel.
 */

/** Set by the primary in each worker's environment; not a setting (the README's table does not list it). */
export const workerRoleKey = 'FRONTDESK_CLUSTER_WORKER';

export interface ClusterRole {
  /** 1..WORKERS; a restarted worker keeps its slot. Slot 1 runs the singletons. */
  readonly slot: number;
  /** The address the primary listens on. */
  readonly url: string;
}

export const encodeRole = (role: ClusterRole): string => JSON.stringify(role);

/** The role in a worker's environment, or null when it is missing or malformed. */
export function decodeRole(value: string | undefined): ClusterRole | null {
  if (!value) return null;
  try {
    const r = JSON.parse(value) as Partial<ClusterRole>;
    return typeof r.slot === 'number' && Number.isInteger(r.slot) && r.slot >= 1 && typeof r.url === 'string'
      ? { slot: r.slot, url: r.url }
      : null;
  } catch {
    return null;
  }
}

/** Worker to primary: started (ready), or could not start (failed, with what the CLI would print). */
export type WorkerMessage =
  { type: 'frontdesk:ready' } | { type: 'frontdesk:failed'; message: string; exitCode: number };
/** Primary to worker: close everything and exit. */
export type PrimaryMessage = { type: 'frontdesk:stop' };

export function isWorkerMessage(m: unknown): m is WorkerMessage {
  const type = (m as { type?: unknown } | null)?.type;
  return type === 'frontdesk:ready' || type === 'frontdesk:failed';
}

export const isStopMessage = (m: unknown): m is PrimaryMessage =>
  (m as { type?: unknown } | null)?.type === 'frontdesk:stop';
