import { afterEach, describe, expect, it } from '@jest/globals';
import type { ChildProcess } from 'node:child_process';
import type { ChatDetail } from '../../channels/web/agent-events.js';
import type { RedisConnection } from '../../cluster/redis-connection.js';
import { AgentClient, addAgent } from '../helpers/agent-client.js';
import { ChatClient, waitFor } from '../helpers/chat-client.js';
import { builtServer, clusterEnv, sharedAgent, spawnServer } from '../helpers/cluster.js';
import { dropRedis, testConnection, uniquePrefix } from '../helpers/redis.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { frontdesk } from '../helpers/cli.js';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Two Frontdesk instances as one (REDIS_URL): one store file (the same DATA_DIR, SQLite in WAL mode) and
 * Redis at 127.0.0.1:6379, with a key prefix of this run's own.
 */
let prefix = '';
let redis: RedisConnection | null = null;
const servers: TestServer[] = [];
const clients: Array<{ close(): void }> = [];
let child: ChildProcess | null = null;

const track = <T extends { close(): void }>(c: T): T => {
  clients.push(c);
  return c;
};

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  child = null;
  // The second instance first: the first owns the shared DATA_DIR and deletes it.
  for (const s of servers.splice(0).reverse()) await s.stop();
  if (redis) await dropRedis([redis], prefix);
  redis = null;
});

/** Instance A, then B on A's DATA_DIR and CONTENT_DIR. */
async function twoInstances(): Promise<[TestServer, TestServer]> {
  prefix = uniquePrefix();
  redis = await testConnection(prefix);
  const a = await startTestServer(clusterEnv(prefix));
  servers.push(a);
  const b = await startTestServer(clusterEnv(prefix), { dataDir: a.dataDir, contentDir: a.contentDir });
  servers.push(b);
  return [a, b];
}

async function visitorOn(server: { url: string }, visitorToken?: string): Promise<ChatClient> {
  const c = track(new ChatClient(server.url, visitorToken ? { visitorToken } : {}));
  await c.session();
  return c;
}

async function agentOn(
  server: TestServer,
  store: TestServer,
  name: string,
): Promise<{ client: AgentClient; id: string }> {
  const agent = await addAgent(store, { name, languages: ['en'] });
  const client = track(await AgentClient.signIn(server, agent));
  await sharedAgent(redis as RedisConnection, agent.id, 'available');
  return { client, id: agent.id };
}

describe('two instances sharing Redis and one store (cluster mode)', () => {
  it('a visitor on A and an agent on B chat both ways', async () => {
    const [a, b] = await twoInstances();
    const { client: agent } = await agentOn(b, a, 'Beata');
    const v = await visitorOn(a);
    const [queued] = await v.ask('I want to talk to a person');
    expect(queued?.text).toMatch(/You're number 1 in line/);
    // The offer comes from A's desk, through the signal bus, to B's console.
    await waitFor(() => agent.offers.length > 0, 'offer on B');
    const detail = (await agent.call('claim', { handoffId: agent.offers[0]?.handoffId ?? '' })) as ChatDetail;
    await waitFor(() => v.messages.some((m) => m.text === 'Beata has joined the chat.'), 'joined, on A');
    await waitFor(() => v.handoffs.at(-1)?.state === 'agent', 'agent status on A');
    await agent.call('send', { conversationId: detail.conversationId, id: 'a1', text: 'Hello from B' });
    await waitFor(
      () => v.messages.some((m) => m.role === 'agent' && m.text === 'Hello from B'),
      'agent reply on A',
    );
    const ack = await v.send({ id: 'v1', text: 'Thanks, from A' });
    expect(ack.ok).toBe(true);
    await waitFor(() => agent.messages.some((m) => m.text === 'Thanks, from A'), 'visitor reply on B');
  });

  it('an agent claim race across the two instances has exactly one winner', async () => {
    const [a, b] = await twoInstances();
    const { client: onA } = await agentOn(a, a, 'Aada');
    const { client: onB } = await agentOn(b, a, 'Bert');
    // The transfer list on A shows the agent who signed in on B, online.
    await waitFor(
      () => onA.agentLists.at(-1)?.some((x) => x.name === 'Bert' && x.online) ?? false,
      "Bert online in A's agent list",
    );
    const v = await visitorOn(a);
    await v.ask('I want to talk to a person');
    await waitFor(() => onA.queue().length > 0 && onB.queue().length > 0, 'the chat in both queues');
    const handoffId = onA.queue()[0]?.handoffId ?? '';
    expect(onB.queue()[0]?.handoffId).toBe(handoffId);
    const results = await Promise.allSettled([
      onA.call('claim', { handoffId }),
      onB.call('claim', { handoffId }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0]?.reason as { code?: string }).code).toBe('HANDOFF_TAKEN');
    await waitFor(() => v.messages.some((m) => / has joined the chat\.$/.test(m.text)), 'joined');
    await new Promise((r) => setTimeout(r, 200));
    expect(v.messages.filter((m) => / has joined the chat\.$/.test(m.text))).toHaveLength(1);
  });

  it('the queue position is the same on both instances and follows a claim made on either', async () => {
    const [a, b] = await twoInstances();
    const { client: agent } = await agentOn(b, a, 'Bodil');
    const first = await visitorOn(a);
    await first.ask('I want to talk to a person');
    const second = await visitorOn(b);
    const [place] = await second.ask('I want to talk to a person');
    expect(place?.text).toMatch(/You're number 2 in line/);
    // The second visitor opens another tab, on A: the same place there.
    const token = second.sessions[0]?.visitorToken ?? '';
    const secondOnA = await visitorOn(a, token);
    expect(secondOnA.sessions[0]?.handoff).toMatchObject({ state: 'queued', position: 2 });
    expect(first.handoffs.at(-1)).toMatchObject({ state: 'queued', position: 1 });
    // The agent on B takes the first chat: both of the second visitor's tabs move up, on A and on B.
    await waitFor(() => agent.queue().length === 2, 'two chats in the queue on B');
    // The first visitor's chat: the one that entered the queue first.
    const [front] = [...agent.queue()].sort((x, y) => x.queuedAt.localeCompare(y.queuedAt));
    const handoffId = front?.handoffId ?? '';
    await agent.call('claim', { handoffId });
    await waitFor(() => secondOnA.handoffs.at(-1)?.position === 1, 'place 1 on A');
    await waitFor(() => second.handoffs.at(-1)?.position === 1, 'place 1 on B');
    await waitFor(() => first.handoffs.at(-1)?.state === 'agent', 'the first visitor is with the agent');
  });

  it("a visitor's message limit counts across instances: tabs on A and B share one allowance", async () => {
    prefix = uniquePrefix();
    redis = await testConnection(prefix);
    const env = { ...clusterEnv(prefix), RATE_LIMIT_MESSAGES_PER_MINUTE: '3' };
    const a = await startTestServer(env);
    servers.push(a);
    const b = await startTestServer(env, { dataDir: a.dataDir, contentDir: a.contentDir });
    servers.push(b);
    const onA = await visitorOn(a);
    const onB = await visitorOn(b, onA.sessions[0]?.visitorToken ?? '');
    const acks = [
      await onA.send({ id: 'm1', text: 'hello' }),
      await onB.send({ id: 'm2', text: 'hello again' }),
      await onA.send({ id: 'm3', text: 'and again' }),
      await onB.send({ id: 'm4', text: 'one too many' }),
    ];
    expect(acks.map((x) => x.ok)).toEqual([true, true, true, false]);
    const refused = acks[3];
    expect(refused?.ok === false && refused.error.code).toBe('RATE_LIMITED');
  });

  it('REDIS_URL set but Redis unreachable: `frontdesk serve` exits 1 with one line, password masked, before the store and KB', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fd-redis-down-'));
    try {
      const r = await frontdesk(['serve'], {
        env: {
          REDIS_URL: 'redis://frontdesk:hunter2@127.0.0.1:1/0',
          DATA_DIR: dataDir,
          CONTENT_DIR: path.join(dataDir, 'no-such-content'),
          PORT: '0',
          LOG_LEVEL: 'silent',
        },
      });
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain('Cannot connect to Redis at 127.0.0.1:1: connect ECONNREFUSED 127.0.0.1:1.');
      expect(r.stderr).toContain('REDIS_URL (redis://frontdesk:****@127.0.0.1:1/0)');
      expect(r.stderr).not.toContain('hunter2');
      expect(r.stderr).not.toMatch(/content/i);
      expect(r.stdout).not.toContain('running');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('Redis dropping every connection mid-run: both instances log it, reconnect, and are one again', async () => {
    const [a, b] = await twoInstances();
    const own = redis as RedisConnection;
    const mine = String(await own.client.sendCommand(['CLIENT', 'ID']));
    const list = String(await own.client.sendCommand(['CLIENT', 'LIST']));
    const ids = list
      .split('\n')
      .filter((line) => line.includes(` name=${prefix}`))
      .map((line) => /(?:^|\s)id=(\d+)/.exec(line)?.[1])
      .filter((id): id is string => id !== undefined && id !== mine);
    expect(ids.length).toBeGreaterThanOrEqual(4);
    for (const id of ids) await own.client.sendCommand(['CLIENT', 'KILL', 'ID', id]);
    const said = (s: TestServer, msg: string) => s.logs.some((l) => l['msg'] === msg);
    await waitFor(
      () => [a, b].every((s) => said(s, 'Redis connection lost; serving from this process until it is back')),
      'the loss logged',
    );
    await waitFor(() => [a, b].every((s) => said(s, 'Redis connection restored')), 'reconnected', 10_000);
    const { client: agent } = await agentOn(b, a, 'Rita');
    const v = await visitorOn(a);
    await v.ask('I want to talk to a person');
    await waitFor(() => agent.offers.length > 0, 'offer on B after the outage');
    const detail = (await agent.call('claim', { handoffId: agent.offers[0]?.handoffId ?? '' })) as ChatDetail;
    await agent.call('send', { conversationId: detail.conversationId, id: 'r1', text: 'Back together' });
    await waitFor(() => v.messages.some((m) => m.text === 'Back together'), 'agent reply on A');
  });

  const main = builtServer();
  (main ? it : it.skip)(
    'A is killed (kill -9) mid-chat: the visitor reconnects to B and resumes with nothing lost' +
      (main ? '' : ' [skipped: dist/ is missing; run `npx tsc -p tsconfig.build.json`]'),
    async () => {
      prefix = uniquePrefix();
      redis = await testConnection(prefix);
      const b = await startTestServer(clusterEnv(prefix));
      servers.push(b);
      const a = await spawnServer(main as string, {
        ...clusterEnv(prefix),
        DATA_DIR: b.dataDir,
        CONTENT_DIR: b.contentDir,
        KB_CHOOSE_THRESHOLDS: 'false',
      });
      child = a.child;
      const { client: agent } = await agentOn(b, b, 'Bruno');
      const v = track(new ChatClient(a.url));
      await v.session();
      await v.ask('I want to talk to a person');
      await waitFor(() => agent.offers.length > 0, 'offer on B');
      const detail = (await agent.call('claim', {
        handoffId: agent.offers[0]?.handoffId ?? '',
      })) as ChatDetail;
      await agent.call('send', { conversationId: detail.conversationId, id: 'a1', text: 'Before the crash' });
      await waitFor(() => v.messages.some((m) => m.text === 'Before the crash'), 'agent reply on A');
      expect((await v.send({ id: 'v1', text: 'Acknowledged by A' })).ok).toBe(true);
      await waitFor(() => agent.messages.some((m) => m.text === 'Acknowledged by A'), 'visitor reply on B');
      const seen = v.messages.map((m) => m.id);

      a.child.kill('SIGKILL');
      await waitFor(() => !v.socket.connected, 'the socket to A drops');
      const token = v.sessions[0]?.visitorToken ?? '';
      const again = await visitorOn(b, token);
      const session = again.sessions[0];
      expect(session?.conversationId).toBe(detail.conversationId);
      expect(session?.handoff).toMatchObject({ state: 'agent', agentName: 'Bruno' });
      // Every message the visitor saw (and the one A acknowledged) is there.
      expect(session?.messages.map((m) => m.id)).toEqual(expect.arrayContaining(seen));
      expect(session?.messages.some((m) => m.text === 'Acknowledged by A')).toBe(true);
      // And the chat goes on, on B.
      expect((await again.send({ id: 'v2', text: 'Still here, on B' })).ok).toBe(true);
      await waitFor(() => agent.messages.some((m) => m.text === 'Still here, on B'), 'visitor message on B');
      await agent.call('send', { conversationId: detail.conversationId, id: 'a2', text: 'Welcome back' });
      await waitFor(() => again.messages.some((m) => m.text === 'Welcome back'), 'agent reply on B');
    },
    90_000,
  );
});
