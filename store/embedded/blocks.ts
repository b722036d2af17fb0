import type Database from 'better-sqlite3';
import type { BlockKind, BlockStore, VisitorBlock } from '../../handoff/blocks.js';

interface Row {
  kind: BlockKind;
  value: string;
  until: string | null;
  by: string;
  created_at: string;
}

const toBlock = (r: Row): VisitorBlock => ({
  kind: r.kind,
  value: r.value,
  until: r.until,
  by: r.by,
  createdAt: r.created_at,
});

/** Spam blocks in the embedded store. */
export function sqliteBlocks(db: Database.Database): BlockStore {
  const q = {
    insert: db.prepare('INSERT INTO blocks (kind, value, until, by, created_at) VALUES (?, ?, ?, ?, ?)'),
    active: db.prepare<[string], Row>(
      'SELECT * FROM blocks WHERE until IS NULL OR until > ? ORDER BY created_at, rowid',
    ),
  };
  return {
    async add(block) {
      const row: Row = { ...block, created_at: new Date().toISOString() };
      q.insert.run(row.kind, row.value, row.until, row.by, row.created_at);
      return toBlock(row);
    },
    async active(now) {
      return q.active.all(now).map(toBlock);
    },
  };
}
