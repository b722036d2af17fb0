/** Agents, handoffs and their life cycle; stored by store/ through the ports of handoff/ports.ts. */

export type AgentRole = 'agent' | 'admin';

export interface Agent {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  /** Languages the agent chats in, most fluent first. */
  readonly languages: readonly string[];
  /** Skills (tags) such as billing, shipping. */
  readonly skills: readonly string[];
  /** Chats at once. */
  readonly capacity: number;
  readonly role: AgentRole;
  readonly createdAt: string;
}

export interface AgentWithSecret extends Agent {
  /** scrypt, `scrypt$N$r$p$salt$hash` (base64url). */
  readonly passwordHash: string;
}

/** What sign-in reads: the secret, and whether an admin disabled the agent (no sign-in, no session). */
export interface AgentLogin extends AgentWithSecret {
  readonly disabled: boolean;
}

/** Why the visitor went to a person. */
export type HandoffReason = 'asked' | 'failures' | 'article' | 'sentiment' | 'form';

/**
 * queued: waiting for an agent · assigned: an agent owns the chat · resolved: the agent finished ·
 * cancelled: the visitor went back to the bot · pending: nobody could take it (closed, or no agent), kept
 * as a pending contact for the team.
 */
export type HandoffStatus = 'queued' | 'assigned' | 'resolved' | 'cancelled' | 'pending';

export interface Csat {
  readonly rating: number;
  readonly comment: string | null;
}

export interface Handoff {
  readonly id: string;
  readonly conversationId: string;
  readonly channel: string;
  readonly lang: string;
  /** Skills the chat needs (the tags of the articles the bot tried). */
  readonly skills: readonly string[];
  readonly reason: HandoffReason;
  readonly status: HandoffStatus;
  /** Position key in the queue: smaller goes first (a requeued chat goes to the front). */
  readonly queueKey: number;
  readonly queuedAt: string;
  readonly assignedTo: string | null;
  readonly assignedAt: string | null;
  /** A transfer's target: only this agent, or agents with this skill, may claim it. */
  readonly targetAgent: string | null;
  readonly targetSkill: string | null;
  readonly firstResponseAt: string | null;
  readonly resolvedAt: string | null;
  readonly csat: Csat | null;
  /** The page the visitor was on when they asked. */
  readonly page: string | null;
  readonly createdAt: string;
}

export type NewHandoff = Pick<
  Handoff,
  'conversationId' | 'channel' | 'lang' | 'skills' | 'reason' | 'page'
> & {
  readonly status: 'queued' | 'pending';
};

export type HandoffPatch = Partial<
  Pick<
    Handoff,
    | 'status'
    | 'queueKey'
    | 'assignedTo'
    | 'assignedAt'
    | 'targetAgent'
    | 'targetSkill'
    | 'firstResponseAt'
    | 'resolvedAt'
    | 'csat'
  >
>;

/** Who answers the visitor now, as the visitor sees it. */
export interface HandoffView {
  readonly state: 'bot' | 'queued' | 'agent';
  readonly position: number | null;
  readonly etaMinutes: number | null;
  readonly agentName: string | null;
}

export const botView: HandoffView = { state: 'bot', position: null, etaMinutes: null, agentName: null };
