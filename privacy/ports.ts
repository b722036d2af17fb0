import type { UnresolvedQuestion } from '../bot/ports.js';
import type { Handoff } from '../handoff/types.js';

/** What belongs to one visitor: their conversations and tickets, by id. */
export interface VisitorRecordIds {
  readonly conversationIds: readonly string[];
  readonly ticketIds: readonly string[];
}

/** That an erasure happened, when and by whom: never what was erased. */
export interface ErasureRecord {
  readonly at: string;
  /** `cli`, `admin:<agent id>`. */
  readonly by: string;
}

/** The store's side of privacy requests (export, erase) and retention; both stores implement it. */
export interface PrivacyStore {
  /**
   * A visitor's records: `visitor` is a conversation id, a ticket id or number, or an email address (the
   * email given in a form, or a ticket's requester; any case). Tickets of the conversations found and
   * conversations of the tickets found are included.
   */
  locate(visitor: string): Promise<VisitorRecordIds>;
  handoffsOf(conversationId: string): Promise<Handoff[]>;
  unresolvedOf(conversationId: string): Promise<UnresolvedQuestion[]>;
  /**
   * Deletes the conversations (with their messages, handoffs and unresolved-log entries) and tickets, and
   * stores the record, in one transaction where the store has them.
   */
  erase(ids: VisitorRecordIds, record: ErasureRecord): Promise<void>;
  erasures(): Promise<ErasureRecord[]>;
  /**
   * Retention: deletes up to `limit` closed conversations (no open handoff, last change before `before`)
   * and up to `limit` solved or closed tickets last changed before `before`; returns how many.
   */
  purgeBatch(before: string, limit: number): Promise<{ conversations: number; tickets: number }>;
}
