import mongoose, { Schema, type Connection } from 'mongoose';
import type { ApiKey, ApiKeyStore } from '../ports.js';
import { insertionKey } from './order.js';

interface KeyDoc {
  _id: string;
  name: string;
  keyHash: string;
  createdAt: Date;
  /** Breaks createdAt ties in insert order (order.ts). */
  order?: string;
  revokedAt: Date | null;
}

const schema = new Schema<KeyDoc>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    keyHash: { type: String, required: true, unique: true },
    createdAt: { type: Date, required: true },
    order: { type: String },
    revokedAt: { type: Date, default: null },
  },
  { versionKey: false },
);
schema.index({ createdAt: 1, order: 1 });

const toKey = (d: KeyDoc): ApiKey => ({
  id: d._id,
  name: d.name,
  createdAt: d.createdAt.toISOString(),
  revokedAt: d.revokedAt ? d.revokedAt.toISOString() : null,
});

/** REST API keys in MongoDB. */
export async function mongoApiKeys(connection: Connection): Promise<ApiKeyStore> {
  const Keys = connection.model<KeyDoc>('ApiKey', schema, 'api_keys');
  await Keys.init();
  return {
    async create(name, keyHash) {
      const doc: KeyDoc = {
        _id: new mongoose.Types.UUID().toString(),
        name,
        keyHash,
        createdAt: new Date(),
        order: insertionKey(),
        revokedAt: null,
      };
      await Keys.create([doc]);
      return toKey(doc);
    },
    async byHash(keyHash) {
      const d = await Keys.findOne({ keyHash, revokedAt: null }).lean();
      return d ? toKey(d) : null;
    },
    async list() {
      return (await Keys.find().sort({ createdAt: 1, order: 1 }).lean()).map(toKey);
    },
    async revoke(id) {
      const r = await Keys.updateOne({ _id: id, revokedAt: null }, { $set: { revokedAt: new Date() } });
      return r.modifiedCount > 0;
    },
  };
}
