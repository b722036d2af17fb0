/** Tickets: requests people work later (issue 7). Stored through TicketStore (tickets/ports.ts). */

export const ticketStatuses = ['new', 'open', 'pending', 'solved', 'closed'] as const;
export type TicketStatus = (typeof ticketStatuses)[number];
export const ticketPriorities = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof ticketPriorities)[number];

/** Allowed status changes; anything else is a 409 with the reason. */
export const statusTransitions: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  new: ['open', 'pending', 'solved', 'closed'],
  open: ['pending', 'solved', 'closed'],
  pending: ['open', 'solved', 'closed'],
  solved: ['open', 'closed'],
  closed: [],
};

export interface TicketComment {
  readonly id: string;
  readonly author: {
    readonly kind: 'agent' | 'requester' | 'api';
    readonly id: string | null;
    readonly name: string;
  };
  readonly body: string;
  /** Internal notes are never shown to the requester. */
  readonly internal: boolean;
  readonly createdAt: string;
  /** How a public reply reached the requester; set once the delivery was tried. */
  readonly delivery?: CommentDelivery;
}

/** Where a reply went: the requester's chat (through its channel) and email. */
export interface CommentDelivery {
  /** Delivered to the requester's conversation through its channel (web: they see it when they come back). */
  readonly chat: boolean;
  /** Why the chat's channel did not take it (Meta's error, …), shown to the agent; absent without a chat. */
  readonly chatError?: string;
  /** unverified: the requester has not confirmed their address yet (EMAIL_VERIFICATION). */
  readonly email: 'sent' | 'failed' | 'not-configured' | 'no-address' | 'unverified';
  /** Why the email failed (shown to the agent). */
  readonly error?: string;
  readonly at: string;
}

export interface TicketCsat {
  /** 1–5. */
  readonly rating: number;
  readonly comment: string | null;
  readonly at: string;
}

export interface AuditEntry {
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly changes: Readonly<Record<string, { readonly from: unknown; readonly to: unknown }>>;
}

export interface TranscriptLine {
  readonly role: string;
  readonly text: string;
  readonly at: string;
  /** The channel's reason when this message did not reach the visitor (shown to agents only). */
  readonly undelivered?: string;
}

export interface Ticket {
  readonly id: string;
  /** Human-friendly, e.g. FD-10427. */
  readonly number: string;
  readonly subject: string;
  readonly status: TicketStatus;
  readonly priority: TicketPriority;
  readonly category: string | null;
  readonly tags: readonly string[];
  readonly lang: string;
  readonly channel: string;
  readonly conversationId: string | null;
  readonly requester: {
    readonly email: string | null;
    readonly name: string | null;
    readonly channelId: string | null;
  };
  /** Form values (sensitive ones masked). */
  readonly fields: Readonly<Record<string, string | number>>;
  readonly transcript: readonly TranscriptLine[];
  /** Set when earlier lines were left out (a ticket keeps the latest ones; the conversation has them all). */
  readonly transcriptTruncated?: boolean;
  readonly assignee: string | null;
  readonly team: string | null;
  readonly firstReplyDue: string | null;
  readonly resolutionDue: string | null;
  readonly firstRepliedAt: string | null;
  readonly solvedAt: string | null;
  readonly comments: readonly TicketComment[];
  readonly audit: readonly AuditEntry[];
  /** How many audit entries between the first and the kept latest ones were dropped (a ticket keeps a bounded trail). */
  readonly auditOmitted?: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Set when this ticket was merged into another (its number). */
  readonly mergedInto?: string | null;
  /** The requester's rating after the ticket was solved. */
  readonly csat?: TicketCsat | null;
  /** Message-IDs of the emails sent about it, oldest first (for In-Reply-To and References). */
  readonly emailThread?: readonly string[];
  /** The requester address confirmed through the link in the acknowledgement (lower case), if any. */
  readonly emailVerified?: string | null;
}

export type NewTicket = Omit<
  Ticket,
  | 'id'
  | 'number'
  | 'comments'
  | 'audit'
  | 'auditOmitted'
  | 'createdAt'
  | 'updatedAt'
  | 'firstRepliedAt'
  | 'solvedAt'
>;

export type TicketPatch = Partial<
  Pick<
    Ticket,
    | 'subject'
    | 'status'
    | 'priority'
    | 'category'
    | 'tags'
    | 'assignee'
    | 'team'
    | 'firstRepliedAt'
    | 'solvedAt'
    | 'mergedInto'
    | 'csat'
    | 'emailThread'
    | 'emailVerified'
  >
>;

export const ticketSorts = ['updated', 'created', 'priority', 'due'] as const;
/** Newest update or creation first; highest priority (then soonest due) or soonest due first. */
export type TicketSort = (typeof ticketSorts)[number];

/**
 * Where a page starts (keyset paging): right after the ticket with this sort key and number. Stores read
 * it, they never make one: `cursorAfter` (store/ticket-query.ts) does, from the last ticket of a page.
 */
export interface TicketCursor {
  /** The sort it was made for; it must be the filter's. */
  readonly sort: TicketSort;
  /** That ticket's key for the sort (store/ticket-query.ts `sortKey`). */
  readonly key: string;
  /** That ticket's number without `FD-`: the tie-break. */
  readonly seq: number;
}

export interface TicketFilter {
  readonly status?: TicketStatus;
  readonly priority?: TicketPriority;
  readonly lang?: string;
  /** An agent id, or `none` for unassigned tickets. */
  readonly assignee?: string;
  /** First reply or resolution due before this instant and not yet met. */
  readonly overdueAt?: string;
  /** Words (all of them, anywhere) in the number, subject, requester email, fields or public comments. */
  readonly q?: string;
  /** `q` searches the internal notes too (agents only; never for API clients). */
  readonly searchNotes?: boolean;
  readonly sort?: TicketSort;
  /** The page after this one (same sort). */
  readonly after?: TicketCursor;
  /** At most this many (100 when not given). */
  readonly limit?: number;
}
