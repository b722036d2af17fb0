import mongoose, { Schema, type Connection } from 'mongoose';
import type { HandoffStore } from '../../handoff/ports.js';
import type { Handoff, HandoffPatch, HandoffReason, HandoffStatus } from '../../handoff/types.js';
import { insertionKey } from './order.js';

export interface HandoffDoc {
  _id: string;
  conversationId: string;
  channel: string;
  lang: string;
  skills: string[];
  reason: string;
  status: string;
  queueKey: number;
  queuedAt: Date;
  assignedTo: string | null;
  assignedAt: Date | null;
  targetAgent: string | null;
  targetSkill: string | null;
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
  csat: { rating: number; comment: string | null } | null;
  page: string | null;
  createdAt: Date;
  /** Breaks queueKey and createdAt ties in insert order (order.ts), as the embedded store's rowid. */
  order?: string;
}

const schema = new Schema<HandoffDoc>(
  {
    _id: { type: String, required: true },
    conversationId: { type: String, required: true },
    channel: { type: String, required: true },
    lang: { type: String, required: true },
    skills: [String],
    reason: { type: String, required: true },
    status: { type: String, required: true },
    queueKey: { type: Number, required: true },
    queuedAt: { type: Date, required: true },
    assignedTo: { type: String, default: null },
    assignedAt: { type: Date, default: null },
    targetAgent: { type: String, default: null },
    targetSkill: { type: String, default: null },
    firstResponseAt: { type: Date, default: null },
    resolvedAt: { type: Date, default: null },
    csat: { type: Schema.Types.Mixed, default: null },
    page: { type: String, default: null },
    createdAt: { type: Date, required: true },
    order: { type: String },
  },
  { versionKey: false, minimize: false },
);
// Each query of this file: a conversation's latest/active, the queue (all, by status, by agent).
schema.index({ conversationId: 1, createdAt: -1, order: -1 });
schema.index({ queueKey: 1, order: 1 });
schema.index({ status: 1, queueKey: 1, order: 1 });
schema.index({ assignedTo: 1, status: 1, queueKey: 1, order: 1 });
schema.index({ createdAt: 1 }); // reports

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
export const toHandoff = (d: HandoffDoc): Handoff => ({
  id: d._id,
  conversationId: d.conversationId,
  channel: d.channel,
  lang: d.lang,
  skills: [...d.skills],
  reason: d.reason as HandoffReason,
  status: d.status as HandoffStatus,
  queueKey: d.queueKey,
  queuedAt: d.queuedAt.toISOString(),
  assignedTo: d.assignedTo,
  assignedAt: iso(d.assignedAt),
  targetAgent: d.targetAgent,
  targetSkill: d.targetSkill,
  firstResponseAt: iso(d.firstResponseAt),
  resolvedAt: iso(d.resolvedAt),
  csat: d.csat ? { rating: d.csat.rating, comment: d.csat.comment } : null,
  page: d.page,
  createdAt: d.createdAt.toISOString(),
});

const dates = new Set<keyof HandoffPatch>(['assignedAt', 'firstResponseAt', 'resolvedAt']);

/** Handoffs in MongoDB; claims and transitions are findOneAndUpdate with the expected status in the filter. */
export async function mongoHandoffs(connection: Connection): Promise<HandoffStore> {
  const Handoffs = connection.model<HandoffDoc>('Handoff', schema, 'handoffs');
  await Handoffs.init();
  return {
    async create(h) {
      const now = new Date();
      const doc: HandoffDoc = {
        _id: new mongoose.Types.UUID().toString(),
        conversationId: h.conversationId,
        channel: h.channel,
        lang: h.lang,
        skills: [...h.skills],
        reason: h.reason,
        status: h.status,
        queueKey: now.getTime(),
        queuedAt: now,
        assignedTo: null,
        assignedAt: null,
        targetAgent: null,
        targetSkill: null,
        firstResponseAt: null,
        resolvedAt: null,
        csat: null,
        page: h.page,
        createdAt: now,
        order: insertionKey(),
      };
      await Handoffs.create([doc]);
      return toHandoff(doc);
    },
    async get(id) {
      const d = await Handoffs.findById(id).lean();
      return d ? toHandoff(d) : null;
    },
    async active(conversationId) {
      const d = await Handoffs.findOne({ conversationId, status: { $in: ['queued', 'assigned'] } })
        .sort({ createdAt: -1, order: -1 })
        .lean();
      return d ? toHandoff(d) : null;
    },
    async latest(conversationId) {
      const d = await Handoffs.findOne({ conversationId }).sort({ createdAt: -1, order: -1 }).lean();
      return d ? toHandoff(d) : null;
    },
    async list(filter) {
      const query: Record<string, string> = {};
      if (filter.status) query['status'] = filter.status;
      if (filter.assignedTo) query['assignedTo'] = filter.assignedTo;
      return (await Handoffs.find(query).sort({ queueKey: 1, order: 1 }).lean()).map(toHandoff);
    },
    async claim(id, agentId, at) {
      const d = await Handoffs.findOneAndUpdate(
        { _id: id, status: 'queued' },
        {
          $set: {
            status: 'assigned',
            assignedTo: agentId,
            assignedAt: new Date(at),
            targetAgent: null,
            targetSkill: null,
          },
        },
        { returnDocument: 'after', lean: true },
      );
      return d ? toHandoff(d) : null;
    },
    async update(id, from, patch) {
      const set: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(patch) as Array<[keyof HandoffPatch, unknown]>)
        set[k] = dates.has(k) && typeof v === 'string' ? new Date(v) : v;
      const d = await Handoffs.findOneAndUpdate(
        { _id: id, status: { $in: [...from] } },
        { $set: set },
        { returnDocument: 'after', lean: true },
      );
      return d ? toHandoff(d) : null;
    },
  };
}
