import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { ApiKey, ApiKeyStore } from '../ports.js';

interface Row {
  id: string;
  name: string;
  created_at: string;
  revoked_at: string | null;
}

const toKey = (r: Row): ApiKey => ({
  id: r.id,
  name: r.name,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
});

/** REST API keys in the embedded store. */
export function sqliteApiKeys(db: Database.Database): ApiKeyStore {
  const q = {
    insert: db.prepare('INSERT INTO api_keys (id, name, key_hash, created_at) VALUES (?, ?, ?, ?)'),
    byHash: db.prepare<[string], Row>('SELECT * FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL'),
    all: db.prepare<[], Row>('SELECT * FROM api_keys ORDER BY created_at, rowid'),
    revoke: db.prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
  };
  return {
    async create(name, keyHash) {
      const row: Row = { id: randomUUID(), name, created_at: new Date().toISOString(), revoked_at: null };
      q.insert.run(row.id, name, keyHash, row.created_at);
      return toKey(row);
    },
    async byHash(keyHash) {
      const row = q.byHash.get(keyHash);
      return row ? toKey(row) : null;
    },
    async list() {
      return q.all.all().map(toKey);
    },
    async revoke(id) {
      return q.revoke.run(new Date().toISOString(), id).changes > 0;
    },
  };
}
