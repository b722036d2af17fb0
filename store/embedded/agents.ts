import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { AppError } from '../../common/errors.js';
import type { AgentStore } from '../../handoff/ports.js';
import type { Agent, AgentLogin, AgentRole } from '../../handoff/types.js';

interface Row {
  id: string;
  email: string;
  name: string;
  languages: string;
  skills: string;
  capacity: number;
  role: string;
  password_hash: string;
  created_at: string;
  disabled_at: string | null;
}

const toAgent = (r: Row): Agent => ({
  id: r.id,
  email: r.email,
  name: r.name,
  languages: JSON.parse(r.languages) as string[],
  skills: JSON.parse(r.skills) as string[],
  capacity: r.capacity,
  role: r.role as AgentRole,
  createdAt: r.created_at,
});

/** Agents and their console sessions in the embedded store. */
export function sqliteAgents(db: Database.Database): AgentStore {
  const q = {
    insert: db.prepare(
      `INSERT INTO agents (id, email, name, languages, skills, capacity, role, password_hash, created_at)
       VALUES (@id, @email, @name, @languages, @skills, @capacity, @role, @password_hash, @created_at)`,
    ),
    byId: db.prepare<[string], Row>('SELECT * FROM agents WHERE id = ?'),
    byEmail: db.prepare<[string], Row>('SELECT * FROM agents WHERE email = ?'),
    all: db.prepare<[], Row>('SELECT * FROM agents ORDER BY created_at, rowid'),
    addSession: db.prepare('INSERT INTO agent_sessions (token_hash, agent_id, expires_at) VALUES (?, ?, ?)'),
    session: db.prepare<[string, string], { agent_id: string }>(
      `SELECT s.agent_id FROM agent_sessions s JOIN agents a ON a.id = s.agent_id
       WHERE s.token_hash = ? AND s.expires_at > ? AND a.disabled_at IS NULL`,
    ),
    deleteSession: db.prepare('DELETE FROM agent_sessions WHERE token_hash = ?'),
    disable: db.prepare<[string, string]>(
      'UPDATE agents SET disabled_at = COALESCE(disabled_at, ?) WHERE email = ?',
    ),
    deleteSessionsOf: db.prepare('DELETE FROM agent_sessions WHERE agent_id = ?'),
    enable: db.prepare<[string]>('UPDATE agents SET disabled_at = NULL WHERE email = ?'),
    update: db.prepare(
      `UPDATE agents SET name = COALESCE(@name, name), role = COALESCE(@role, role),
       languages = COALESCE(@languages, languages), skills = COALESCE(@skills, skills),
       capacity = COALESCE(@capacity, capacity) WHERE id = @id`,
    ),
    disabled: db.prepare<[], { id: string }>('SELECT id FROM agents WHERE disabled_at IS NOT NULL'),
  };
  return {
    async add(a) {
      const row: Row = {
        id: randomUUID(),
        email: a.email,
        name: a.name,
        languages: JSON.stringify(a.languages),
        skills: JSON.stringify(a.skills),
        capacity: a.capacity,
        role: a.role,
        password_hash: a.passwordHash,
        created_at: new Date().toISOString(),
        disabled_at: null,
      };
      try {
        q.insert.run(row);
      } catch (err) {
        // Duck-typed: under Jest's VM modules a native error is not an instance of this realm's Error.
        if (
          typeof err === 'object' &&
          err !== null &&
          (err as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE'
        )
          throw new AppError('AGENT_EXISTS', `An agent with the email ${a.email} already exists.`);
        throw err;
      }
      return toAgent(row);
    },
    async get(id) {
      const row = q.byId.get(id);
      return row ? toAgent(row) : null;
    },
    async byEmail(email): Promise<AgentLogin | null> {
      const row = q.byEmail.get(email);
      return row
        ? { ...toAgent(row), passwordHash: row.password_hash, disabled: row.disabled_at !== null }
        : null;
    },
    async list() {
      return q.all.all().map(toAgent);
    },
    async createSession(tokenHash, agentId, expiresAt) {
      q.addSession.run(tokenHash, agentId, expiresAt);
    },
    async sessionAgent(tokenHash, now) {
      return q.session.get(tokenHash, now)?.agent_id ?? null;
    },
    async deleteSession(tokenHash) {
      q.deleteSession.run(tokenHash);
    },
    async disable(email) {
      const row = db.transaction(() => {
        q.disable.run(new Date().toISOString(), email);
        const found = q.byEmail.get(email);
        if (found) q.deleteSessionsOf.run(found.id);
        return found;
      })();
      return row ? toAgent(row) : null;
    },
    async enable(email) {
      q.enable.run(email);
      const row = q.byEmail.get(email);
      return row ? toAgent(row) : null;
    },
    async update(id, patch) {
      q.update.run({
        id,
        name: patch.name ?? null,
        role: patch.role ?? null,
        languages: patch.languages ? JSON.stringify(patch.languages) : null,
        skills: patch.skills ? JSON.stringify(patch.skills) : null,
        capacity: patch.capacity ?? null,
      });
      const row = q.byId.get(id);
      return row ? toAgent(row) : null;
    },
    async disabledIds() {
      return q.disabled.all().map((r) => r.id);
    },
  };
}
