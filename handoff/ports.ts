import type { Agent, AgentWithSecret, Handoff, HandoffPatch, HandoffStatus, NewHandoff } from './types.js';

export interface AgentStore {
  /** Throws AppError AGENT_EXISTS when the email is taken. */
  add(agent: Omit<AgentWithSecret, 'id' | 'createdAt'>): Promise<Agent>;
  get(id: string): Promise<Agent | null>;
  /** With the password hash, for login. Emails compare case-insensitively. */
  byEmail(email: string): Promise<AgentWithSecret | null>;
  list(): Promise<Agent[]>;
  /** Console sessions: only the token's SHA-256 is stored. */
  createSession(tokenHash: string, agentId: string, expiresAt: string): Promise<void>;
  /** The agent of a live session, or null (unknown or expired). */
  sessionAgent(tokenHash: string, now: string): Promise<string | null>;
  deleteSession(tokenHash: string): Promise<void>;
}

export interface HandoffStore {
  create(h: NewHandoff): Promise<Handoff>;
  get(id: string): Promise<Handoff | null>;
  /** The conversation's queued or assigned handoff. */
  active(conversationId: string): Promise<Handoff | null>;
  /** The latest handoff of a conversation, whatever its status. */
  latest(conversationId: string): Promise<Handoff | null>;
  list(filter: { status?: HandoffStatus; assignedTo?: string }): Promise<Handoff[]>;
  /**
   * Gives a queued handoff to an agent, atomically: null when it is no longer queued (another agent
   * claimed it first), so there are never two owners.
   */
  claim(id: string, agentId: string, at: string): Promise<Handoff | null>;
  /** Applies a patch only while the handoff is in `from` (compare-and-set); null otherwise. */
  update(id: string, from: readonly HandoffStatus[], patch: HandoffPatch): Promise<Handoff | null>;
}
