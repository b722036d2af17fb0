import type { Conversation, StoredMessage } from '../conversation/types.js';
import type {
  Agent,
  AgentWithSecret,
  Handoff,
  HandoffPatch,
  HandoffStatus,
  HandoffView,
  NewHandoff,
} from './types.js';

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

/**
 * What the handoff desk tells the channels and the console (the server wires it to socket.io): they
 * re-read what they need from the store.
 */
export type HandoffSignal =
  /** The queue or an agent's chats changed: every console refreshes its queue view. */
  | { readonly kind: 'queue' }
  /** Offer a queued chat to this agent first. */
  | { readonly kind: 'offer'; readonly agentId: string; readonly handoff: Handoff }
  /** A stored message: to the visitor (unless an internal note) and to the agents listed. */
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
  /** The visitor's view changed (queued, position, agent joined, back to the bot). */
  | { readonly kind: 'status'; readonly conversation: Conversation; readonly view: HandoffView }
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
