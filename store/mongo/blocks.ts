import { Schema, type Connection } from 'mongoose';
import type { BlockKind, BlockStore, VisitorBlock } from '../../handoff/blocks.js';

interface BlockDoc {
  kind: BlockKind;
  value: string;
  until: Date | null;
  by: string;
  createdAt: Date;
}

const schema = new Schema<BlockDoc>(
  {
    kind: { type: String, required: true, enum: ['visitor', 'address'] },
    value: { type: String, required: true },
    until: { type: Date, default: null, index: true },
    by: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);

const toBlock = (d: BlockDoc): VisitorBlock => ({
  kind: d.kind,
  value: d.value,
  until: d.until ? d.until.toISOString() : null,
  by: d.by,
  createdAt: d.createdAt.toISOString(),
});

/** Spam blocks in MongoDB. */
export async function mongoBlocks(connection: Connection): Promise<BlockStore> {
  const Blocks = connection.model<BlockDoc>('Block', schema, 'blocks');
  await Blocks.init();
  return {
    async add(block) {
      const doc: BlockDoc = {
        kind: block.kind,
        value: block.value,
        until: block.until === null ? null : new Date(block.until),
        by: block.by,
        createdAt: new Date(),
      };
      await Blocks.create([doc]);
      return toBlock(doc);
    },
    async active(now) {
      const docs = await Blocks.find({ $or: [{ until: null }, { until: { $gt: new Date(now) } }] })
        .sort({ createdAt: 1 })
        .lean();
      return docs.map(toBlock);
    },
  };
}
