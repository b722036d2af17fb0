import mongoose, { Schema, type Connection } from 'mongoose';
import type { AdminAuditEntry, AdminAuditStore } from '../ports.js';

interface AuditDoc {
  _id: string;
  at: Date;
  actorId: string;
  actorEmail: string;
  action: string;
  target: string | null;
  details: Record<string, unknown>;
}

const schema = new Schema<AuditDoc>(
  {
    _id: { type: String, required: true },
    at: { type: Date, required: true },
    actorId: { type: String, required: true },
    actorEmail: { type: String, required: true },
    action: { type: String, required: true },
    target: { type: String, default: null },
    details: { type: Schema.Types.Mixed, required: true },
  },
  { versionKey: false, minimize: false },
);
schema.index({ at: -1, _id: -1 });

const toEntry = (d: AuditDoc): AdminAuditEntry => ({
  id: d._id,
  at: d.at.toISOString(),
  actor: { id: d.actorId, email: d.actorEmail },
  action: d.action,
  target: d.target,
  details: d.details,
});

/** The admin audit log in MongoDB (collection admin_audit); ObjectId ids break ties in insert order. */
export async function mongoAudit(connection: Connection): Promise<AdminAuditStore> {
  const Audit = connection.model<AuditDoc>('AdminAudit', schema, 'admin_audit');
  await Audit.init();
  return {
    async record(entry) {
      const doc: AuditDoc = {
        _id: new mongoose.Types.ObjectId().toHexString(),
        at: new Date(),
        actorId: entry.actor.id,
        actorEmail: entry.actor.email,
        action: entry.action,
        target: entry.target,
        details: { ...entry.details },
      };
      await Audit.create([doc]);
      return toEntry(doc);
    },
    async list(options = {}) {
      const limit = Math.max(0, Math.min(options.limit ?? 100, 100));
      if (limit === 0) return [];
      const pivot = options.before ? await Audit.findById(options.before).lean() : null;
      if (options.before && !pivot) return [];
      const filter = pivot
        ? { $or: [{ at: { $lt: pivot.at } }, { at: pivot.at, _id: { $lt: pivot._id } }] }
        : {};
      const docs = await Audit.find(filter).sort({ at: -1, _id: -1 }).limit(limit).lean();
      return docs.map(toEntry);
    },
  };
}
