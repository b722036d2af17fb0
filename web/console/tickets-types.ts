/**
 * The ticket as the console's ticket routes return it (server/console-ticket-routes.ts): the shared types,
 * re-exported by channels/web/agent-events.ts, plus what only the console's ticket view needs.
 */
import type {
  ConsoleField,
  ConsoleTranscriptLine,
  Ticket as StoredTicket,
  TicketPriority,
  TicketStatus,
} from '../../channels/web/agent-events.js';

export type {
  AuditEntry,
  CommentDelivery,
  TicketComment,
  TicketPriority,
  TicketStatus,
} from '../../channels/web/agent-events.js';

/** The ticket as the console's routes present it: transcript lines with the HTML the visitor saw, labelled fields. */
export type Ticket = Omit<StoredTicket, 'transcript'> & {
  readonly transcript: readonly ConsoleTranscriptLine[];
  readonly fieldsShown?: readonly ConsoleField[];
};
export { ticketPriorities, ticketStatuses } from '../../channels/web/agent-events.js';
export const ticketSorts = ['updated', 'created', 'priority', 'due'] as const;
export type TicketSort = (typeof ticketSorts)[number];

/** What PATCH /console/api/tickets/:id accepts. */
export interface TicketChange {
  readonly status?: TicketStatus;
  readonly priority?: TicketPriority;
  readonly tags?: readonly string[];
  readonly assignee?: string | null;
  readonly subject?: string;
  readonly category?: string | null;
}

/** The list's filters, as the query string of GET /console/api/tickets takes them. */
export interface TicketQuery {
  readonly status: TicketStatus | '';
  readonly priority: TicketPriority | '';
  readonly lang: string;
  /** '' = anyone, 'me', or an agent id. */
  readonly assignee: string;
  readonly overdue: boolean;
  readonly q: string;
  readonly sort: TicketSort;
}

export interface AgentSummary {
  readonly id: string;
  readonly name: string;
  readonly role: string;
}
