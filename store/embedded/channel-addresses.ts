import type Database from 'better-sqlite3';
import type { ChannelAddressStore } from '../../conversation/ports.js';

/** Channel addresses (Teams conversation references) in the embedded store. */
export function sqliteChannelAddresses(db: Database.Database): ChannelAddressStore {
  const q = {
    upsert: db.prepare(
      `INSERT INTO channel_addresses (channel, visitor_key, address, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (channel, visitor_key) DO UPDATE SET address = excluded.address, updated_at = excluded.updated_at`,
    ),
    get: db.prepare<[string, string], { address: string }>(
      'SELECT address FROM channel_addresses WHERE channel = ? AND visitor_key = ?',
    ),
  };
  return {
    async save(channel, visitorKey, address) {
      q.upsert.run(channel, visitorKey, JSON.stringify(address), new Date().toISOString());
    },
    async get(channel, visitorKey) {
      const row = q.get.get(channel, visitorKey);
      return row ? (JSON.parse(row.address) as Record<string, unknown>) : null;
    },
  };
}
