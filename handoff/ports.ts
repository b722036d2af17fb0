import type { Conversation, StoredMessage } from '../conversation/types.js';
import type { AgentLoad } from './routing.js';
import type {
  Agent,
  AgentLogin,
  AgentWithSecret,
  Handoff,
  HandoffPatch,
  HandoffStatus,
  NewHandoff,
} from './types.js';

export interface AgentStore {
  /** Throws AppError AGENT_EXISTS when the email is taken. */
  add(agent: Omit<AgentWithSecret, 'id' | 'createdAt'>): Promise<Agent>;
  get(id: string): Promise<Agent | null>;
  /** With the password hash and the disabled flag, for login. Emails compare case-insensitively. */
  byEmail(email: string): Promise<AgentLogin | null>;
  list(): Promise<Agent[]>;
  /** Console sessions: only the token's SHA-256 is stored. */
  createSession(tokenHash: string, agentId: string, expiresAt: string): Promise<void>;
  /** The agent of a live session, or null (unknown, expired, or the agent is disabled). */
  sessionAgent(tokenHash: string, now: string): Promise<string | null>;
  deleteSession(tokenHash: string): Promise<void>;
  /** Disables the agent (email in any case) and ends all its sessions; null when there is no such agent. */
  disable(email: string): Promise<Agent | null>;
  /** Lets a disabled agent sign in again (email in any case); null when there is no such agent. */
  enable(email: string): Promise<Agent | null>;
  /** Changes role, languages, skills, capacity or name; null when there is no such agent. */
  update(id: string, patch: AgentPatch): Promise<Agent | null>;
  /** The ids of the disabled agents (for the admin's list). */
  disabledIds(): Promise<string[]>;
}

export type AgentPatch = Partial<Pick<Agent, 'name' | 'role' | 'languages' | 'skills' | 'capacity'>>;

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

/**
 * What the handoff desk tells the agents' consoles (the agent gateway turns them into socket.io events):
 * console-only events. What the visitor sees goes through the outbox (conversation/outbox.ts) instead.
 */
export type HandoffSignal =
  /** The queue or an agent's chats changed: every console refreshes its queue view. */
  | { readonly kind: 'queue' }
  /** Offer a queued chat to this agent first. */
  | { readonly kind: 'offer'; readonly agentId: string; readonly handoff: Handoff }
  /** A stored message, for the consoles of the agents listed. */
  | {
      readonly kind: 'message';
      readonly conversation: Conversation;
      readonly message: StoredMessage;
      readonly agentIds: readonly string[];
    }
  | {
      readonly kind: 'typing';
      readonly conversation: Conversation;
      readonly from: 'agent' | 'visitor';
      readonly typing: boolean;
      readonly agentId: string | null;
    }
  /** A chat left an agent. */
  | {
      readonly kind: 'released';
      readonly agentId: string;
      readonly conversationId: string;
      readonly reason: string;
    };

export interface SignalBus {
  emit(signal: HandoffSignal): void;
}

/** The agent side of the desk, as the agent console's gateway uses it (HandoffService implements it). */
export interface AgentDesk {
  loads(): Promise<AgentLoad[]>;
  queueFor(agent: Agent): Promise<{ queue: Handoff[]; mine: Handoff[] }>;
  claim(agent: Agent, handoffId: string): Promise<Handoff>;
  /** The agent's chat (admins: any chat), or 403. */
  owned(agent: Agent, conversationId: string): Promise<Handoff>;
  agentMessage(agent: Agent, conversationId: string, text: string, clientId: string): Promise<StoredMessage>;
  note(agent: Agent, conversationId: string, text: string): Promise<StoredMessage>;
  agentTyping(agent: Agent, conversationId: string, typing: boolean): Promise<void>;
  transfer(agent: Agent, conversationId: string, to: { toAgent?: string; toSkill?: string }): Promise<void>;
  resolve(agent: Agent, conversationId: string): Promise<void>;
  /** Marks an open chat as spam: it leaves the queue, its visitor (and their address, for a while) is blocked. */
  markSpam(agent: Agent, conversationId: string): Promise<void>;
  connected(agentId: string): void;
  disconnected(agentId: string): void;
  isOnline(agentId: string): boolean;
  isAvailable(agentId: string): boolean;
  setAvailable(agentId: string, available: boolean): void;
  /** Cluster mode: an agent connected, left or changed availability on another process. */
  onPresenceChanged?(listener: (agentId: string) => void): void;
}

/** What a process shares about who is connected to it: agents (their consoles) and web visitors. */
export type PresenceKind = 'agents' | 'visitors';

/**
 * Presence shared by the processes that serve as one (cluster mode; cluster/redis-presence.ts). Each
 * process publishes its own entries; reads answer at once from a copy of the other live processes'
 * entries kept up to date in the background. Absent: presence is this process's only.
 */
export interface PresenceBoard {
  /** This process's entry for `id` (null: it has none any more). */
  set(kind: PresenceKind, id: string, value: string | null): void;
  /** The values the other live processes hold for `id` (none: no other process has it). */
  remote(kind: PresenceKind, id: string): readonly string[];
  /**
   * Another process ended or stopped answering (its heartbeat expired): the ids it held, whose grace
   * periods ended with it.
   */
  onLost(kind: PresenceKind, listener: (ids: readonly string[]) => void): void;
  /** Another process changed its entry for `id` (came, went, or changed value). */
  onChange(kind: PresenceKind, listener: (id: string) => void): void;
}
