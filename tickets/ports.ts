import type {
  AuditEntry,
  CommentDelivery,
  NewTicket,
  Ticket,
  TicketComment,
  TicketFilter,
  TicketPatch,
} from './types.js';

export interface TicketStore {
  /** Creates it with the next number (FD-10001, FD-10002, …) and a "created" audit entry. */
  create(ticket: NewTicket, actor: string): Promise<Ticket>;
  get(idOrNumber: string): Promise<Ticket | null>;
  /**
   * Matching tickets in the filter's order, at most `limit` (100), after `after`: filtered, sorted and
   * limited by the store's own query on indexed fields, reading only the tickets it returns.
   */
  list(filter?: TicketFilter): Promise<Ticket[]>;
  /** Applies the patch and appends the audit entry in one write; null when the ticket does not exist. */
  update(id: string, patch: TicketPatch, audit: Omit<AuditEntry, 'at'>): Promise<Ticket | null>;
  addComment(id: string, comment: Omit<TicketComment, 'id' | 'createdAt'>): Promise<Ticket | null>;
  /** Records how a comment was delivered; null when the ticket or the comment does not exist. */
  setCommentDelivery(id: string, commentId: string, delivery: CommentDelivery): Promise<Ticket | null>;
}
