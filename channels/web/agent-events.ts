/**
 * The agent console's socket.io protocol (namespace `/agent`), shared by the server and the console in
 * web/console. The connection is authenticated by the console's session cookie (`fd_session`, HTTP-only,
 * set by POST /console/api/login); without a valid one the handshake fails with "UNAUTHENTICATED".
 */
import type { ChatChoice } from './events.js';

/** Tickets as the console's ticket routes return them (the console imports them from here). */
export type {
  AuditEntry,
  CommentDelivery,
  Ticket,
  TicketComment,
  TicketPriority,
  TicketStatus,
} from '../../tickets/types.js';
export { ticketPriorities, ticketStatuses } from '../../tickets/types.js';

export const agentNamespace = '/agent';

export interface AgentInfo {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly languages: readonly string[];
  readonly skills: readonly string[];
  readonly capacity: number;
  readonly role: 'agent' | 'admin';
}

/** A chat waiting for an agent, as the queue shows it. */
export interface QueueItem {
  readonly handoffId: string;
  readonly conversationId: string;
  readonly lang: string;
  readonly channel: string;
  readonly skills: readonly string[];
  readonly reason: string;
  /** ISO time it entered the queue. */
  readonly queuedAt: string;
  /** The visitor's first message, cut to 140 characters. */
  readonly preview: string;
  /** Set after a transfer: only this agent, or agents with this skill. */
  readonly targetAgent: string | null;
  readonly targetSkill: string | null;
}

/** One of the agent's own chats. */
export interface ChatSummary extends QueueItem {
  readonly assignedAt: string;
}

export type ConsoleRole = 'visitor' | 'bot' | 'agent' | 'system';

export interface ConsoleMessage {
  readonly id: string;
  readonly conversationId: string;
  readonly seq: number;
  readonly role: ConsoleRole;
  /** Plain text as written (render it as text, never as HTML). */
  readonly text: string;
  /** Sanitised HTML for bot and agent Markdown; null for visitor messages and notes. */
  readonly html: string | null;
  /** An internal note: agents only, never shown to the visitor. */
  readonly internal: boolean;
  /** Who wrote it, for agent messages and notes. */
  readonly agentName: string | null;
  readonly choices: readonly ChatChoice[];
  readonly articleId: string | null;
  readonly confidence: number | null;
  readonly createdAt: string;
}

/** Everything an agent sees when opening a chat. */
export interface ChatDetail {
  readonly handoffId: string;
  readonly conversationId: string;
  readonly status: 'queued' | 'assigned' | 'resolved' | 'cancelled' | 'pending';
  readonly assignedTo: string | null;
  readonly lang: string;
  readonly channel: string;
  readonly page: string | null;
  /** Values the visitor gave in forms (sensitive ones masked). */
  readonly details: Readonly<Record<string, string | number>>;
  /** Articles the bot tried, with its confidence, newest first. */
  readonly articlesTried: ReadonlyArray<{ readonly articleId: string; readonly confidence: number }>;
  readonly messages: readonly ConsoleMessage[];
}

export interface CannedReply {
  readonly id: string;
  readonly lang: string;
  readonly title: string;
  /** Markdown, inserted into the composer. */
  readonly body: string;
}

export interface AgentError {
  readonly code: string;
  readonly message: string;
}

export type Ack<T> =
  { readonly ok: true; readonly data: T } | { readonly ok: false; readonly error: AgentError };

export interface AgentHello {
  readonly agent: AgentInfo;
  readonly available: boolean;
  readonly queue: readonly QueueItem[];
  readonly mine: readonly ChatSummary[];
  /** Other agents, for transfers. */
  readonly agents: ReadonlyArray<{ readonly id: string; readonly name: string; readonly online: boolean }>;
}

export interface AgentServerToClient {
  hello: (hello: AgentHello) => void;
  /** The queue as this agent may claim from it, and their own chats, after any change. */
  queue: (view: { readonly queue: readonly QueueItem[]; readonly mine: readonly ChatSummary[] }) => void;
  /** A chat offered to this agent first (routing: language, then skills, then least busy). */
  offer: (item: QueueItem) => void;
  message: (message: ConsoleMessage) => void;
  /** The visitor of a chat is typing. */
  typing: (event: { readonly conversationId: string; readonly typing: boolean }) => void;
  /** A chat left this agent (transferred, resolved, the visitor went back to the bot, or requeued). */
  released: (event: { readonly conversationId: string; readonly reason: string }) => void;
}

export interface AgentClientToServer {
  availability: (payload: { available: boolean }, ack: (r: Ack<{ available: boolean }>) => void) => void;
  claim: (payload: { handoffId: string }, ack: (r: Ack<ChatDetail>) => void) => void;
  /** Any chat the agent owns (admins: any chat). */
  open: (payload: { conversationId: string }, ack: (r: Ack<ChatDetail>) => void) => void;
  /** A reply to the visitor; `id` is the client's id (1–64 of A–Z a–z 0–9 _ -), resent ids are stored once. */
  send: (
    payload: { conversationId: string; id: string; text: string },
    ack: (r: Ack<ConsoleMessage>) => void,
  ) => void;
  note: (payload: { conversationId: string; text: string }, ack: (r: Ack<ConsoleMessage>) => void) => void;
  typing: (payload: { conversationId: string; typing: boolean }) => void;
  transfer: (
    payload: { conversationId: string; toAgent?: string; toSkill?: string },
    ack: (r: Ack<{ transferred: true }>) => void,
  ) => void;
  resolve: (payload: { conversationId: string }, ack: (r: Ack<{ resolved: true }>) => void) => void;
  /** Marks a chat (queued and offered to this agent, or theirs) as spam: it leaves, its visitor is blocked. */
  spam: (payload: { conversationId: string }, ack: (r: Ack<{ blocked: true }>) => void) => void;
  canned: (payload: { lang: string; query: string }, ack: (r: Ack<readonly CannedReply[]>) => void) => void;
}
