import { afterEach, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Store } from '../ports.js';
import type { Ticket, TicketFilter } from '../../tickets/types.js';
import { migrations } from './schema.js';
import { openEmbeddedStore } from './sqlite-store.js';
import { ticketListSql } from './tickets.js';
import { ticketInput } from '../../test/helpers/tickets.js';

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const tempDbFile = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fd-tickets-'));
  dirs.push(dir);
  return path.join(dir, 'frontdesk.db');
};
const open = (file: string) => {
  const store = openEmbeddedStore(file);
  stores.push(store);
  return store;
};

/** A ticket as the version before the query columns wrote it: the search text had the internal notes. */
function oldTicket(n: number, over: Partial<Ticket>): Ticket {
  return {
    ...ticketInput({ subject: `Old ticket ${n}`, status: 'open', lang: 'fi' }),
    id: `old-${n}`,
    number: `FD-${10000 + n}`,
    firstRepliedAt: null,
    solvedAt: null,
    comments: [],
    audit: [],
    createdAt: `2025-12-0${n}T10:00:00.000Z`,
    updatedAt: `2025-12-0${n}T10:00:00.000Z`,
    ...over,
  };
}

describe('embedded ticket store', () => {
  it('migrates a database of the version before: its tickets are filtered, searched and sorted in SQL', async () => {
    const file = tempDbFile();
    const before = migrations.findIndex((m) => m.includes('ADD COLUMN sort_priority'));
    expect(before).toBeGreaterThan(0);
    const db = new Database(file);
    for (const m of migrations.slice(0, before)) db.exec(m);
    db.pragma(`user_version = ${before}`);
    const insert = db.prepare(
      `INSERT INTO tickets (id, seq, number, status, priority, lang, assignee, first_reply_due, resolution_due,
         first_replied_at, solved_at, search, doc, created_at, updated_at)
       VALUES (@id, @seq, @number, @status, @priority, @lang, NULL, @first_reply_due, NULL, NULL, NULL, @search,
         @doc, @createdAt, @updatedAt)`,
    );
    const note = {
      id: 'c1',
      author: { kind: 'agent' as const, id: 'a1', name: 'Aino' },
      body: 'Secret refund code',
      internal: true,
      createdAt: '2025-12-01T11:00:00.000Z',
    };
    const olds = [
      oldTicket(1, { priority: 'low', comments: [note], firstReplyDue: '2025-12-02T10:00:00.000Z' }),
      oldTicket(2, { priority: 'urgent' }),
      oldTicket(3, { priority: 'high', status: 'closed', firstReplyDue: '2025-12-02T10:00:00.000Z' }),
    ];
    for (const t of olds)
      insert.run({
        ...t,
        seq: 10000 + Number(t.id.slice(4)),
        first_reply_due: t.firstReplyDue,
        search: `${t.subject} ${t.comments.map((c) => c.body).join(' ')}`.toLowerCase(),
        doc: JSON.stringify(t),
      });
    db.close();

    const store = open(file);
    const numbers = async (f: TicketFilter) => (await store.tickets.list(f)).map((t) => t.number);
    expect(await numbers({ sort: 'priority' })).toEqual(['FD-10002', 'FD-10003', 'FD-10001']);
    expect(await numbers({ q: 'secret' })).toEqual([]);
    expect(await numbers({ q: 'secret', searchNotes: true })).toEqual(['FD-10001']);
    expect(await numbers({ overdueAt: '2025-12-03T00:00:00.000Z' })).toEqual(['FD-10001']);
    expect(await numbers({ sort: 'created', limit: 1 })).toEqual(['FD-10003']);
    const next = await store.tickets.create(ticketInput({ subject: 'New one' }), 'test');
    expect(next.number).toBe('FD-10004');
  });

  it('answers each filter and sort from an index, never a full table scan', async () => {
    const file = tempDbFile();
    open(file);
    const db = new Database(file, { readonly: true });
    try {
      const at = '2026-01-01T00:00:00.000Z';
      const after = { key: at, seq: 10001 };
      const filters: TicketFilter[] = [
        {},
        { limit: 1 },
        { sort: 'created', after: { sort: 'created', ...after } },
        { sort: 'priority', after: { sort: 'priority', ...after } },
        { sort: 'due' },
        { status: 'open' },
        { status: 'open', after: { sort: 'updated', ...after } },
        { priority: 'urgent' },
        { lang: 'fi' },
        { assignee: 'agent-1' },
        { assignee: 'none', status: 'new' },
        { overdueAt: at, sort: 'due' },
        { q: 'parcel late', searchNotes: true },
      ];
      for (const f of filters) {
        const { sql, params } = ticketListSql(f);
        const plan = db
          .prepare<[Record<string, string | number>], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
          .all(params)
          .map((r) => r.detail);
        expect({ f, plan }).toEqual({ f, plan: expect.arrayContaining([expect.stringMatching(/INDEX/)]) });
        expect({ f, plan }).toEqual({ f, plan: expect.not.arrayContaining(['SCAN tickets']) });
      }
    } finally {
      db.close();
    }
  });
});
