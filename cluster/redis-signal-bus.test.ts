import { afterEach, describe, expect, it } from '@jest/globals';
import type { HandoffSignal } from '../handoff/ports.js';
import type { RedisConnection } from './redis-connection.js';
import { RedisSignalBus, type LocalSignals } from './redis-signal-bus.js';
import { waitFor } from '../test/helpers/chat-client.js';
import { dropRedis, recordingLog, testConnection, uniquePrefix } from '../test/helpers/redis.js';

let conns: RedisConnection[] = [];
let prefix = '';
afterEach(async () => {
  await dropRedis(conns, prefix);
  conns = [];
});

/** A process's own listeners, in memory (what server/signal-hub.ts does). */
function localSignals(): LocalSignals & { got: HandoffSignal[] } {
  const got: HandoffSignal[] = [];
  const listeners: Array<(s: HandoffSignal) => void | Promise<void>> = [(s) => void got.push(s)];
  return {
    got,
    on: (l) => void listeners.push(l),
    emit: (s) => {
      for (const l of listeners) void l(s);
    },
  };
}

/** Two processes' buses on one Redis (a fresh prefix): A's bus, and each process's own listeners. */
async function twoProcesses() {
  prefix = uniquePrefix();
  conns = [await testConnection(prefix), await testConnection(prefix)];
  const [la, lb] = [localSignals(), localSignals()];
  const log = recordingLog();
  const a = await RedisSignalBus.open(conns[0] as RedisConnection, la, log);
  await RedisSignalBus.open(conns[1] as RedisConnection, lb, log);
  return { a, la, lb, log };
}

const released: HandoffSignal = { kind: 'released', agentId: 'a1', conversationId: 'c1', reason: 'visitor' };

describe('the handoff signal bus through Redis', () => {
  it("a signal emitted in one process reaches every process's listeners once, the sender's included", async () => {
    const { a, la, lb } = await twoProcesses();
    a.emit({ kind: 'queue' });
    a.emit(released);
    await waitFor(() => la.got.length === 2 && lb.got.length === 2, 'both processes');
    expect(lb.got).toEqual([{ kind: 'queue' }, released]);
    expect(la.got).toEqual([{ kind: 'queue' }, released]);
    // No second copy arrives later.
    await new Promise((r) => setTimeout(r, 100));
    expect(la.got).toHaveLength(2);
  });

  it('while Redis does not answer, a signal reaches this process only', async () => {
    const { a, la, lb, log } = await twoProcesses();
    await conns[0]?.close();
    a.emit(released);
    expect(la.got).toEqual([released]);
    await new Promise((r) => setTimeout(r, 100));
    expect(lb.got).toEqual([]);
    expect(log.lines.some((l) => l.level === 'warn')).toBe(true);
  });
});
