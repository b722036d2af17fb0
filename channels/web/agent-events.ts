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

/** A line of a ticket's chat transcript as the console gets it: with the HTML the visitor saw. */
export interface ConsoleTranscriptLine {
  readonly role: string;
  readonly text: string;
  readonly at: string;
  /** The channel's reason when it did not reach the visitor. */
  readonly undelivered?: string;
  /** Sanitised HTML of a bot, agent or system line (rendered like the chat); null for the visitor's. */
  readonly html?: string | null;
}

/** A form value as the console shows it: the form's label in the ticket's language, an option's label. */
export interface ConsoleField {
  readonly name: string;
  readonly label: string;
  readonly value: string;
}

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
  /**
   * How it reached the visitor, for messages sent through their channel after their own turn (agents'
   * replies, queue notices, ticket updates, CSAT); null when not tried. A failure comes again as a
   * `message` event with the same id.
   */
  readonly delivery: {
    readonly status: 'sent' | 'failed';
    readonly reason: string | null;
    readonly at: string;
  } | null;
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
  /** The same values under their forms' labels in the chat's language (a choice by its option's label). */
  readonly fields: readonly ConsoleField[];
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

/** Another agent, as the transfer dialog lists them. */
export interface ConsoleAgent {
  readonly id: string;
  readonly name: string;
  readonly online: boolean;
}

export interface AgentHello {
  readonly agent: AgentInfo;
  readonly available: boolean;
  readonly queue: readonly QueueItem[];
  readonly mine: readonly ChatSummary[];
  /** Other agents, for transfers (kept live by the `agents` event). */
  readonly agents: readonly ConsoleAgent[];
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
  /** The other agents again, whenever one signs in or out (their console connects or disconnects). */
  agents: (agents: readonly ConsoleAgent[]) => void;
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
