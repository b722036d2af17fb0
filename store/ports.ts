/**
 * The store aggregate: every port store/ implements, for the composition root (server/) and the store
 * contract suites. Each module declares only the ports it uses; nothing in bot/, handoff/ or tickets/
 * depends on this aggregate.
 */
import type { ChannelAddressStore, ConversationStore } from '../conversation/ports.js';
import type { AnswerRatingStore, MissingTranslationStore, UnresolvedStore } from '../bot/ports.js';
import type { ReviewMarkStore } from '../review/ports.js';
import type { AgentStore, HandoffStore } from '../handoff/ports.js';
import type { TicketStore } from '../tickets/ports.js';
import type { ReportStore } from '../reports/ports.js';
import type { BlockStore } from '../handoff/blocks.js';
import type { PrivacyStore } from '../privacy/ports.js';

export interface Store {
  readonly kind: 'embedded' | 'mongo';
  readonly conversations: ConversationStore;
  readonly unresolved: UnresolvedStore;
  readonly missingTranslations: MissingTranslationStore;
  readonly agents: AgentStore;
  readonly handoffs: HandoffStore;
  readonly tickets: TicketStore;
  readonly apiKeys: ApiKeyStore;
  readonly reports: ReportStore;
  readonly audit: AdminAuditStore;
  readonly channelAddresses: ChannelAddressStore;
  readonly blocks: BlockStore;
  readonly privacy: PrivacyStore;
  readonly ratings: AnswerRatingStore;
  readonly reviewMarks: ReviewMarkStore;
  close(): Promise<void>;
}

export interface ApiKey {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

/** Keys for the REST API; only their SHA-256 is stored. */
export interface ApiKeyStore {
  create(name: string, keyHash: string): Promise<ApiKey>;
  /** The live (not revoked) key with this hash. */
  byHash(keyHash: string): Promise<ApiKey | null>;
  list(): Promise<ApiKey[]>;
  /** False when there is no such live key. */
  revoke(id: string): Promise<boolean>;
}

/** One admin action in the console (agents, API keys, …): who did what to what, when. */
export interface AdminAuditEntry {
  readonly id: string;
  readonly at: string;
  readonly actor: { readonly id: string; readonly email: string };
  /** e.g. agent.add, agent.disable, agent.update, apikey.create, apikey.revoke. */
  readonly action: string;
  /** What it was done to (an agent's email, an API key's id), or null. */
  readonly target: string | null;
  /** What changed; never a secret. */
  readonly details: Readonly<Record<string, unknown>>;
}

/** The admin audit log: append-only. */
export interface AdminAuditStore {
  record(entry: Omit<AdminAuditEntry, 'id' | 'at'>): Promise<AdminAuditEntry>;
  /** Newest first, at most `limit` (100), older than the entry `before` (its id) when given. */
  list(options?: { limit?: number; before?: string }): Promise<AdminAuditEntry[]>;
}
