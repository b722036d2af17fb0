import { afterEach, describe, expect, it } from '@jest/globals';
import { AgentPresence } from '../handoff/presence.js';
import { VisitorPresence } from '../handoff/visitor-presence.js';
import type { RedisConnection } from './redis-connection.js';
import { RedisPresenceBoard } from './redis-presence.js';
import { waitFor } from '../test/helpers/chat-client.js';
import { dropRedis, recordingLog, testConnection, uniquePrefix } from '../test/helpers/redis.js';

let conns: RedisConnection[] = [];
let boards: RedisPresenceBoard[] = [];
let prefix = '';
afterEach(async () => {
  for (const b of boards) await b.close();
  await dropRedis(conns, prefix);
  conns = [];
  boards = [];
});

const timing = { heartbeatMs: 50, ttlMs: 300 };

async function board(): Promise<RedisPresenceBoard> {
  const conn = await testConnection(prefix);
  conns.push(conn);
  const b = await RedisPresenceBoard.open(conn, recordingLog(), timing);
  boards.push(b);
  return b;
}

describe('presence shared through Redis', () => {
  it("one process sees another's agents (online, available) and visitors as they come and go", async () => {
    prefix = uniquePrefix();
    const [boardA, boardB] = [await board(), await board()];
    const gone: string[] = [];
    const a = new AgentPresence(60_000, (id) => gone.push(id), boardA);
    const b = new AgentPresence(60_000, (id) => gone.push(id), boardB);
    a.connected('ann');
    await waitFor(() => b.isOnline('ann'), 'ann online on B');
    expect(b.isAvailable('ann')).toBe(false);
    a.setAvailable('ann', true);
    await waitFor(() => b.isAvailable('ann'), 'ann available on B');
    a.disconnected('ann');
    await waitFor(() => !b.isOnline('ann'), 'ann gone from B');
    a.close();
    b.close();

    const va = new VisitorPresence(60_000, () => undefined, boardA);
    const vb = new VisitorPresence(60_000, () => undefined, boardB);
    va.connected('web', 'v1', '203.0.113.7');
    await waitFor(() => vb.addressOf('web', 'v1') === '203.0.113.7', 'visitor address on B');
    va.close();
    vb.close();
  });

  it('a grace period ends without a requeue when the agent came back on another process', async () => {
    prefix = uniquePrefix();
    const [boardA, boardB] = [await board(), await board()];
    const goneOnA: string[] = [];
    // A grace period long enough for B's announcement to reach A even on a busy machine.
    const a = new AgentPresence(1000, (id) => goneOnA.push(id), boardA);
    const b = new AgentPresence(1000, () => undefined, boardB);
    a.connected('ann');
    a.disconnected('ann');
    b.connected('ann');
    await waitFor(() => a.isOnline('ann'), 'A sees ann on B');
    await new Promise((r) => setTimeout(r, 1200));
    expect(goneOnA).toEqual([]);
    a.close();
    b.close();
  });

  it("a killed process's agents and visitors expire with its heartbeat; the survivor starts their grace", async () => {
    prefix = uniquePrefix();
    const [boardA, boardB] = [await board(), await board()];
    const agentsGone: string[] = [];
    const visitorsGone: string[] = [];
    const a = new AgentPresence(100, () => undefined, boardA);
    const va = new VisitorPresence(100, () => undefined, boardA);
    const b = new AgentPresence(100, (id) => agentsGone.push(id), boardB);
    const vb = new VisitorPresence(100, (_c, key) => visitorsGone.push(key), boardB);
    a.connected('ann');
    va.connected('web', 'v1', '203.0.113.7');
    await waitFor(() => b.isOnline('ann') && vb.addressOf('web', 'v1') !== null, 'B sees A');
    // Killed: no goodbye; its connection just ends, and its heartbeat stops.
    boards.splice(boards.indexOf(boardA), 1);
    (boardA as unknown as { closed: boolean }).closed = true;
    conns[0]?.client.destroy();
    conns[0]?.subscriber.destroy();
    await waitFor(() => !b.isOnline('ann'), "ann's presence expires", 10_000);
    expect(vb.addressOf('web', 'v1')).toBeNull();
    await waitFor(
      () => agentsGone.includes('ann') && visitorsGone.includes('v1'),
      'grace periods end on B',
      10_000,
    );
    b.close();
    vb.close();
  });

  it('a process that closes says so at once', async () => {
    prefix = uniquePrefix();
    const [boardA, boardB] = [await board(), await board()];
    const a = new AgentPresence(60_000, () => undefined, boardA);
    const b = new AgentPresence(60_000, () => undefined, boardB);
    const lost: string[] = [];
    boardB.onLost('agents', (ids) => lost.push(...ids));
    a.connected('ann');
    await waitFor(() => b.isOnline('ann'), 'ann online on B');
    boards.splice(boards.indexOf(boardA), 1);
    await boardA.close();
    await waitFor(() => lost.includes('ann'), 'lost announced', 5000);
    expect(b.isOnline('ann')).toBe(false);
    a.close();
    b.close();
  });

  it('a process whose heartbeat expired (stalled, or cut off from Redis) is taken up again, entries and all', async () => {
    prefix = uniquePrefix();
    const [boardA, boardB] = [await board(), await board()];
    const a = new AgentPresence(60_000, () => undefined, boardA);
    const b = new AgentPresence(60_000, () => undefined, boardB);
    a.connected('ann');
    await waitFor(() => b.isOnline('ann'), 'ann online on B');
    // What a stall past the TTL leaves: A's heartbeat and entries gone from Redis.
    const conn = conns[1] as RedisConnection;
    const lost: string[] = [];
    boardB.onLost('agents', (ids) => lost.push(...ids));
    const stop = setInterval(() => {
      void conn.client.del([
        `${prefix}presence:alive:${boardA.processId}`,
        `${prefix}presence:agents:${boardA.processId}`,
      ]);
    }, 5);
    await waitFor(() => lost.includes('ann'), 'B drops A', 5000);
    clearInterval(stop);
    await waitFor(() => b.isOnline('ann'), 'A taken up again with its entries', 5000);
    a.close();
    b.close();
  });
});
