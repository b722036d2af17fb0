import type { HandoffStatus } from '../../handoff/types.js';
import type { TestServer } from './server.js';

const open: readonly HandoffStatus[] = ['queued', 'assigned', 'pending'];

/**
 * Cancels every open handoff in the server's store, as if each visitor had left, so that the next test on
 * the same server starts with an empty queue. One snapshot, then compare-and-set from any open status: a
 * requeue racing with it (an agent's grace period ending) cannot bring a chat back.
 */
export async function cancelOpenHandoffs(server: TestServer): Promise<void> {
  const { handoffs } = server.app.store;
  for (const h of await handoffs.list({}))
    if (open.includes(h.status))
      await handoffs.update(h.id, open, { status: 'cancelled', resolvedAt: new Date().toISOString() });
}
