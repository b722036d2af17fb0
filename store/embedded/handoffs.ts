import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { HandoffStore } from '../../handoff/ports.js';
import type { Csat, Handoff, HandoffPatch, HandoffReason, HandoffStatus } from '../../handoff/types.js';

export interface Row {
  id: string;
  conversation_id: string;
  channel: string;
  lang: string;
  skills: string;
  reason: string;
  status: string;
  queue_key: number;
  queued_at: string;
  assigned_to: string | null;
  assigned_at: string | null;
  target_agent: string | null;
  target_skill: string | null;
  first_response_at: string | null;
  resolved_at: string | null;
  csat: string | null;
  page: string | null;
  created_at: string;
}

export const toHandoff = (r: Row): Handoff => ({
  id: r.id,
  conversationId: r.conversation_id,
  channel: r.channel,
  lang: r.lang,
  skills: JSON.parse(r.skills) as string[],
  reason: r.reason as HandoffReason,
  status: r.status as HandoffStatus,
  queueKey: r.queue_key,
  queuedAt: r.queued_at,
  assignedTo: r.assigned_to,
  assignedAt: r.assigned_at,
  targetAgent: r.target_agent,
  targetSkill: r.target_skill,
  firstResponseAt: r.first_response_at,
  resolvedAt: r.resolved_at,
  csat: r.csat === null ? null : (JSON.parse(r.csat) as Csat),
  page: r.page,
  createdAt: r.created_at,
});

const columns: Record<keyof HandoffPatch, string> = {
  status: 'status',
  queueKey: 'queue_key',
  assignedTo: 'assigned_to',
  assignedAt: 'assigned_at',
  targetAgent: 'target_agent',
  targetSkill: 'target_skill',
  firstResponseAt: 'first_response_at',
  resolvedAt: 'resolved_at',
  csat: 'csat',
};

/** Handoffs in the embedded store; claims and transitions are compare-and-set in one statement. */
export function sqliteHandoffs(db: Database.Database): HandoffStore {
  const q = {
    insert: db.prepare(
      `INSERT INTO handoffs (id, conversation_id, channel, lang, skills, reason, status, queue_key, queued_at,
         assigned_to, assigned_at, target_agent, target_skill, first_response_at, resolved_at, csat, page, created_at)
       VALUES (@id, @conversation_id, @channel, @lang, @skills, @reason, @status, @queue_key, @queued_at,
         NULL, NULL, NULL, NULL, NULL, NULL, NULL, @page, @created_at)`,
    ),
    byId: db.prepare<[string], Row>('SELECT * FROM handoffs WHERE id = ?'),
    active: db.prepare<[string], Row>(
      `SELECT * FROM handoffs WHERE conversation_id = ? AND status IN ('queued', 'assigned')
       ORDER BY created_at DESC, rowid DESC LIMIT 1`,
    ),
    latest: db.prepare<[string], Row>(
      'SELECT * FROM handoffs WHERE conversation_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1',
    ),
    claim: db.prepare<[string, string, string], Row>(
      `UPDATE handoffs SET status = 'assigned', assigned_to = ?, assigned_at = ?, target_agent = NULL, target_skill = NULL
       WHERE id = ? AND status = 'queued' RETURNING *`,
    ),
  };
  return {
    async create(h) {
      const now = new Date().toISOString();
      const id = randomUUID();
      q.insert.run({
        id,
        conversation_id: h.conversationId,
        channel: h.channel,
        lang: h.lang,
        skills: JSON.stringify(h.skills),
        reason: h.reason,
        status: h.status,
        queue_key: Date.now(),
        queued_at: now,
        page: h.page,
        created_at: now,
      });
      return toHandoff(q.byId.get(id) as Row);
    },
    async get(id) {
      const row = q.byId.get(id);
      return row ? toHandoff(row) : null;
    },
    async active(conversationId) {
      const row = q.active.get(conversationId);
      return row ? toHandoff(row) : null;
    },
    async latest(conversationId) {
      const row = q.latest.get(conversationId);
      return row ? toHandoff(row) : null;
    },
    async list(filter) {
      const where: string[] = [];
      const args: string[] = [];
      if (filter.status) {
        where.push('status = ?');
        args.push(filter.status);
      }
      if (filter.assignedTo) {
        where.push('assigned_to = ?');
        args.push(filter.assignedTo);
      }
      const sql = `SELECT * FROM handoffs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY queue_key, rowid`;
      return db
        .prepare<string[], Row>(sql)
        .all(...args)
        .map(toHandoff);
    },
    async claim(id, agentId, at) {
      const row = q.claim.get(agentId, at, id);
      return row ? toHandoff(row) : null;
    },
    async update(id, from, patch) {
      const keys = Object.keys(patch) as Array<keyof HandoffPatch>;
      const sets = keys.map((k) => `${columns[k]} = @${k}`);
      const values: Record<string, unknown> = { id };
      for (const k of keys)
        values[k] = k === 'csat' ? JSON.stringify(patch.csat ?? null) : (patch[k] ?? null);
      if (patch.csat === null) values['csat'] = null;
      const statuses = from.map((_, i) => `@from${i}`);
      from.forEach((s, i) => (values[`from${i}`] = s));
      const sql = `UPDATE handoffs SET ${sets.join(', ') || 'id = id'} WHERE id = @id AND status IN (${statuses.join(', ')}) RETURNING *`;
      const row = db.prepare<[Record<string, unknown>], Row>(sql).get(values);
      return row ? toHandoff(row) : null;
    },
  };
}
