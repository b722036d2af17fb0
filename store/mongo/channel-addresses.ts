import { Schema, type Connection } from 'mongoose';
import type { ChannelAddressStore } from '../../conversation/ports.js';

interface AddressDoc {
  _id: string;
  channel: string;
  visitorKey: string;
  address: Record<string, unknown>;
  updatedAt: Date;
}

const schema = new Schema<AddressDoc>(
  {
    _id: { type: String, required: true },
    channel: { type: String, required: true },
    visitorKey: { type: String, required: true },
    address: { type: Schema.Types.Mixed, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, minimize: false },
);

const idOf = (channel: string, visitorKey: string) => `${channel}\u0000${visitorKey}`;

/** Channel addresses (Teams conversation references) in MongoDB, one document per channel and visitor. */
export async function mongoChannelAddresses(connection: Connection): Promise<ChannelAddressStore> {
  const Addresses = connection.model<AddressDoc>('ChannelAddress', schema, 'channel_addresses');
  await Addresses.init();
  return {
    async save(channel, visitorKey, address) {
      await Addresses.updateOne(
        { _id: idOf(channel, visitorKey) },
        { $set: { channel, visitorKey, address, updatedAt: new Date() } },
        { upsert: true },
      );
    },
    async get(channel, visitorKey) {
      const doc = await Addresses.findById(idOf(channel, visitorKey)).lean();
      return doc ? doc.address : null;
    },
  };
}
