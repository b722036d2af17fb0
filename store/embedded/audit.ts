import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { AdminAuditEntry, AdminAuditStore } from '../ports.js';

interface Row {
  id: string;
  at: string;
  actor_id: string;
  actor_email: string;
  action: string;
  target: string | null;
  details: string;
}

const toEntry = (r: Row): AdminAuditEntry => ({
  id: r.id,
  at: r.at,
  actor: { id: r.actor_id, email: r.actor_email },
  action: r.action,
  target: r.target,
  details: JSON.parse(r.details) as Record<string, unknown>,
});

/** The admin audit log in the embedded store (table admin_audit), newest first by (at, rowid). */
export function sqliteAudit(db: Database.Database): AdminAuditStore {
  const q = {
    insert: db.prepare(
      `INSERT INTO admin_audit (id, at, actor_id, actor_email, action, target, details)
       VALUES (@id, @at, @actor_id, @actor_email, @action, @target, @details)`,
    ),
    latest: db.prepare<[number], Row>('SELECT * FROM admin_audit ORDER BY at DESC, rowid DESC LIMIT ?'),
    before: db.prepare<[string, number], Row>(
      `SELECT a.* FROM admin_audit a, (SELECT at, rowid AS r FROM admin_audit WHERE id = ?) b
       WHERE a.at < b.at OR (a.at = b.at AND a.rowid < b.r) ORDER BY a.at DESC, a.rowid DESC LIMIT ?`,
    ),
  };
  return {
    async record(entry) {
      const row: Row = {
        id: randomUUID(),
        at: new Date().toISOString(),
        actor_id: entry.actor.id,
        actor_email: entry.actor.email,
        action: entry.action,
        target: entry.target,
        details: JSON.stringify(entry.details),
      };
      q.insert.run(row);
      return toEntry(row);
    },
    async list(options = {}) {
      const limit = Math.max(0, Math.min(options.limit ?? 100, 100));
      const rows = options.before ? q.before.all(options.before, limit) : q.latest.all(limit);
      return rows.map(toEntry);
    },
  };
}
