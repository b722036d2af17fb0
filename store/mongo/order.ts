import mongoose from 'mongoose';

/**
 * The tie-break of an order, as the embedded store's `rowid`: an ObjectId's hex, which increases with
 * every insert of this process (time, then a per-process counter), so documents made in the same
 * millisecond keep the order they were made in. Across processes, ties in the same second fall in process
 * order: still total, the same on every read.
 */
export const insertionKey = (): string => new mongoose.Types.ObjectId().toHexString();
