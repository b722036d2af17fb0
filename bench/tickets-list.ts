import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Writable } from 'node:stream';
import { loadConfig } from '../server/config.js';
import { createLogger } from '../server/logger.js';
import { startFrontdesk } from '../server/frontdesk.js';
import { hashApiKey, newApiKey } from '../server/api-keys.js';
import type { TicketStore } from '../tickets/ports.js';
import { ticketPriorities, ticketStatuses, type TicketFilter } from '../tickets/types.js';

const langs = ['en', 'fi', 'et', 'tr', 'ar', 'th'];
const agents = ['agent-1', 'agent-2', 'agent-3', null, null];
const words = ['parcel', 'refund', 'invoice', 'login', 'customs', 'delivery', 'password', 'order'];
const pick = <T>(xs: readonly T[], i: number): T => xs[i % xs.length] as T;

/** N tickets of a realistic size: a transcript, a few comments (one an internal note), audit entries. */
async function seed(tickets: TicketStore, n: number): Promise<void> {
  const hour = 3_600_000;
  for (let i = 0; i < n; i++) {
    const at = (h: number) => new Date(Date.UTC(2026, 0, 1) + (i + h) * hour).toISOString();
    const t = await tickets.create(
      {
        subject: `${pick(words, i)} problem number ${i}`,
        status: 'new',
        priority: pick(ticketPriorities, i),
        category: null,
        tags: [],
        lang: pick(langs, Math.floor(i / 4)),
        channel: 'web',
        conversationId: null,
        requester: { email: `person${i}@example.com`, name: null, channelId: null },
        fields: {
          email: `person${i}@example.com`,
          description: `My ${pick(words, i + 3)} is late. `.repeat(5),
        },
        transcript: Array.from({ length: 10 }, (_, k) => ({
          role: k % 2 ? 'bot' : 'visitor',
          text: `Message ${k} about the ${pick(words, i + k)}, with a few more words to make it a line.`,
          at: at(0),
        })),
        assignee: null,
        team: 'support',
        firstReplyDue: at(4),
        resolutionDue: at(24),
      },
      'bench',
    );
    await tickets.update(
      t.id,
      { status: pick(ticketStatuses, Math.floor(i / 3)), assignee: pick(agents, i) },
      { actor: 'agent:bench', action: 'updated', changes: { status: { from: 'new', to: 'open' } } },
    );
    for (const internal of [false, true])
      await tickets.addComment(t.id, {
        author: { kind: 'agent', id: 'agent-1', name: 'Aino' },
        body: `${internal ? 'Note' : 'Reply'}: checked the ${pick(words, i + 5)} with the carrier. `.repeat(
          3,
        ),
        internal,
      });
  }
}

/** p50 and p95 in ms of `runs` calls after 5 warm-ups. */
async function time(fn: () => Promise<unknown>, runs: number): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 5; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => Number((ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] ?? 0).toFixed(2));
  return { p50: at(0.5), p95: at(0.95) };
}

/**
 * `node dist/bench/tickets-list.js [--tickets 2000] [--runs 50]` (after `npm run build`): fills a temp
 * embedded store, then times ticket lists straight from the store and through the REST API (the real
 * server). The last line is JSON.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { tickets: { type: 'string', default: '2000' }, runs: { type: 'string', default: '50' } },
  });
  const n = Number(values.tickets);
  const runs = Number(values.runs);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fd-bench-'));
  const quiet = new Writable({ write: (_c, _e, done) => done() });
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, KB_WATCH: 'false' });
  const app = await startFrontdesk(config, createLogger('silent', quiet));
  try {
    const seeded = performance.now();
    await seed(app.store.tickets, n);
    console.log(`seeded ${n} tickets in ${Math.round(performance.now() - seeded)} ms`);
    const key = newApiKey();
    await app.store.apiKeys.create('bench', hashApiKey(key));
    const api = async (query: string) => {
      const res = await fetch(`${app.url}/api/tickets?${query}`, {
        headers: { authorization: `Bearer ${key}` },
      });
      if (res.status !== 200) throw new Error(`${query}: HTTP ${res.status}`);
      return res.json();
    };
    const filtered: TicketFilter = { status: 'open', lang: 'fi', sort: 'priority', limit: 25 };
    const filteredQuery = 'status=open&lang=fi&sort=priority&limit=25';
    // Before paging existed there is no `next`: page 2 is then page 1 again.
    const { next } = (await api(filteredQuery)) as { next?: string | null };
    const page2 = next ? `${filteredQuery}&cursor=${next}` : filteredQuery;
    const sizes = {
      filtered: (await app.store.tickets.list(filtered)).length,
      search: (await app.store.tickets.list({ q: 'customs carrier', limit: 25 })).length,
    };
    console.log(`rows: ${JSON.stringify(sizes)}`);
    const result = {
      tickets: n,
      storeLimit1: await time(() => app.store.tickets.list({ limit: 1 }), runs),
      storeFiltered25: await time(() => app.store.tickets.list(filtered), runs),
      storeSearch25: await time(() => app.store.tickets.list({ q: 'customs carrier', limit: 25 }), runs),
      storeOverdue25: await time(
        () => app.store.tickets.list({ overdueAt: '2026-02-01T00:00:00.000Z', sort: 'due', limit: 25 }),
        runs,
      ),
      apiLimit1: await time(() => api('limit=1'), runs),
      apiFiltered25: await time(() => api(filteredQuery), runs),
      apiFiltered25Page2: await time(() => api(page2), runs),
    };
    console.log(JSON.stringify(result));
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
