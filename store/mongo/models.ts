import { Schema, type Connection } from 'mongoose';

export interface ConversationDoc {
  _id: string;
  channel: string;
  visitorKey: string;
  lang: string | null;
  state: Record<string, unknown>;
  nextSeq: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface MessageDoc {
  _id: string;
  conversationId: string;
  seq: number;
  role: string;
  text: string;
  clientId: string | null;
  meta: Record<string, unknown>;
  createdAt: Date;
  /** MessageDelivery, once a channel was asked (absent on older documents). */
  delivery?: { status: string; reason?: string; at: string } | null;
}

export interface UnresolvedDoc {
  _id: string;
  conversationId: string;
  lang: string;
  text: string;
  candidates: Array<{ articleId: string; confidence: number }>;
  /** Absent on questions logged before offers existed. */
  offered?: string[];
  createdAt: Date;
  source?: string;
  answer?: string;
}

const conversationSchema = new Schema<ConversationDoc>(
  {
    _id: { type: String, required: true },
    channel: { type: String, required: true },
    visitorKey: { type: String, required: true },
    lang: { type: String, default: null },
    state: { type: Schema.Types.Mixed, required: true },
    nextSeq: { type: Number, required: true, default: 1 },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true, index: true },
  },
  { versionKey: false, minimize: false },
);
conversationSchema.index({ channel: 1, visitorKey: 1 }, { unique: true });
// Reports select by creation time (store/mongo/reports.ts).
conversationSchema.index({ createdAt: 1 });

const messageSchema = new Schema<MessageDoc>(
  {
    _id: { type: String, required: true },
    conversationId: { type: String, required: true },
    seq: { type: Number, required: true },
    role: { type: String, required: true },
    text: { type: String, default: '', validate: (v: unknown) => typeof v === 'string' },
    clientId: { type: String, default: null },
    meta: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Date, required: true },
    delivery: { type: Schema.Types.Mixed, default: null },
  },
  { versionKey: false, minimize: false },
);
messageSchema.index({ conversationId: 1, seq: 1 }, { unique: true });
messageSchema.index({ createdAt: 1 });
messageSchema.index(
  { conversationId: 1, clientId: 1 },
  { unique: true, partialFilterExpression: { clientId: { $type: 'string' } } },
);

const unresolvedSchema = new Schema<UnresolvedDoc>(
  {
    _id: { type: String, required: true },
    conversationId: { type: String, required: true },
    lang: { type: String, required: true },
    text: { type: String, default: '', validate: (v: unknown) => typeof v === 'string' },
    candidates: [{ _id: false, articleId: String, confidence: Number }],
    offered: { type: [String], default: [] },
    createdAt: { type: Date, required: true },
    source: { type: String },
    answer: { type: String },
  },
  { versionKey: false },
);
// The list, all languages or one: newest first, ties by `_id` (an ObjectId: insert order).
unresolvedSchema.index({ createdAt: -1, _id: -1 });
unresolvedSchema.index({ lang: 1, createdAt: -1, _id: -1 });

export function registerModels(connection: Connection) {
  return {
    Conversation: connection.model<ConversationDoc>('Conversation', conversationSchema, 'conversations'),
    Message: connection.model<MessageDoc>('Message', messageSchema, 'messages'),
    Unresolved: connection.model<UnresolvedDoc>('Unresolved', unresolvedSchema, 'unresolved'),
  };
}
