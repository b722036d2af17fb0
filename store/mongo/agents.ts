import mongoose, { Schema, type Connection } from 'mongoose';
import { AppError } from '../../common/errors.js';
import type { AgentStore } from '../../handoff/ports.js';
import type { Agent, AgentRole } from '../../handoff/types.js';
import { insertionKey } from './order.js';

interface AgentDoc {
  _id: string;
  email: string;
  emailKey: string;
  name: string;
  languages: string[];
  skills: string[];
  capacity: number;
  role: string;
  passwordHash: string;
  createdAt: Date;
  /** Breaks createdAt ties in insert order (order.ts). */
  order?: string;
  disabledAt?: Date | null;
}

interface SessionDoc {
  _id: string;
  agentId: string;
  expiresAt: Date;
}

const agentSchema = new Schema<AgentDoc>(
  {
    _id: { type: String, required: true },
    email: { type: String, required: true },
    emailKey: { type: String, required: true, unique: true },
    name: { type: String, required: true },
    languages: [String],
    skills: [String],
    capacity: { type: Number, required: true },
    role: { type: String, required: true },
    passwordHash: { type: String, required: true },
    createdAt: { type: Date, required: true },
    order: { type: String },
    disabledAt: { type: Date, default: null },
  },
  { versionKey: false },
);
agentSchema.index({ createdAt: 1, order: 1 });

const sessionSchema = new Schema<SessionDoc>(
  {
    _id: { type: String, required: true },
    agentId: { type: String, required: true, index: true },
    expiresAt: { type: Date, required: true, index: { expireAfterSeconds: 0 } },
  },
  { versionKey: false },
);

const toAgent = (d: AgentDoc): Agent => ({
  id: d._id,
  email: d.email,
  name: d.name,
  languages: [...d.languages],
  skills: [...d.skills],
  capacity: d.capacity,
  role: d.role as AgentRole,
  createdAt: d.createdAt.toISOString(),
});

const isDuplicateKey = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && 'code' in err && (err as { code: unknown }).code === 11000;

/** Agents (unique by lower-cased email) and console sessions (a TTL index drops expired ones) in MongoDB. */
export async function mongoAgents(connection: Connection): Promise<AgentStore> {
  const Agents = connection.model<AgentDoc>('Agent', agentSchema, 'agents');
  const Sessions = connection.model<SessionDoc>('AgentSession', sessionSchema, 'agent_sessions');
  await Promise.all([Agents.init(), Sessions.init()]);
  return {
    async add(a) {
      const doc: AgentDoc = {
        _id: new mongoose.Types.UUID().toString(),
        email: a.email,
        emailKey: a.email.toLowerCase(),
        name: a.name,
        languages: [...a.languages],
        skills: [...a.skills],
        capacity: a.capacity,
        role: a.role,
        passwordHash: a.passwordHash,
        createdAt: new Date(),
        order: insertionKey(),
      };
      try {
        await Agents.create([doc]);
      } catch (err) {
        if (isDuplicateKey(err))
          throw new AppError('AGENT_EXISTS', `An agent with the email ${a.email} already exists.`);
        throw err;
      }
      return toAgent(doc);
    },
    async get(id) {
      const d = await Agents.findById(id).lean();
      return d ? toAgent(d) : null;
    },
    async byEmail(email) {
      const d = await Agents.findOne({ emailKey: email.toLowerCase() }).lean();
      return d ? { ...toAgent(d), passwordHash: d.passwordHash, disabled: Boolean(d.disabledAt) } : null;
    },
    async list() {
      return (await Agents.find().sort({ createdAt: 1, order: 1 }).lean()).map(toAgent);
    },
    async createSession(tokenHash, agentId, expiresAt) {
      await Sessions.create([{ _id: tokenHash, agentId, expiresAt: new Date(expiresAt) }]);
    },
    async sessionAgent(tokenHash, now) {
      const d = await Sessions.findOne({ _id: tokenHash, expiresAt: { $gt: new Date(now) } }).lean();
      if (!d) return null;
      const live = await Agents.exists({ _id: d.agentId, disabledAt: null });
      return live ? d.agentId : null;
    },
    async deleteSession(tokenHash) {
      await Sessions.deleteOne({ _id: tokenHash });
    },
    async disable(email) {
      const d = await Agents.findOneAndUpdate(
        { emailKey: email.toLowerCase() },
        [{ $set: { disabledAt: { $ifNull: ['$disabledAt', '$$NOW'] } } }],
        { returnDocument: 'after' },
      ).lean();
      if (!d) return null;
      await Sessions.deleteMany({ agentId: d._id });
      return toAgent(d);
    },
    async enable(email) {
      const d = await Agents.findOneAndUpdate(
        { emailKey: email.toLowerCase() },
        { $set: { disabledAt: null } },
        { returnDocument: 'after' },
      ).lean();
      return d ? toAgent(d) : null;
    },
    async update(id, patch) {
      const set: Record<string, unknown> = {};
      if (patch.name !== undefined) set['name'] = patch.name;
      if (patch.role !== undefined) set['role'] = patch.role;
      if (patch.languages !== undefined) set['languages'] = [...patch.languages];
      if (patch.skills !== undefined) set['skills'] = [...patch.skills];
      if (patch.capacity !== undefined) set['capacity'] = patch.capacity;
      const d = await Agents.findByIdAndUpdate(id, { $set: set }, { returnDocument: 'after' }).lean();
      return d ? toAgent(d) : null;
    },
    async disabledIds() {
      const docs = await Agents.find({ disabledAt: { $ne: null } }, { _id: 1 }).lean();
      return docs.map((d) => d._id);
    },
  };
}
