/**
 * The store aggregate: every port store/ implements, for the composition root (server/) and the store
 * contract suites. Each module declares only the ports it uses; nothing in bot/, handoff/ or tickets/
 * depends on this aggregate.
 */
import type { ConversationStore } from '../conversation/ports.js';
import type { AnswerRatingStore, MissingTranslationStore, UnresolvedStore } from '../bot/ports.js';
import type { ReviewMarkStore } from '../review/ports.js';
import type { AgentStore, HandoffStore } from '../handoff/ports.js';
import type { TicketStore } from '../tickets/ports.js';

export interface Store {
  readonly kind: 'embedded' | 'mongo';
  readonly conversations: ConversationStore;
  readonly unresolved: UnresolvedStore;
  readonly missingTranslations: MissingTranslationStore;
  readonly agents: AgentStore;
  readonly handoffs: HandoffStore;
  readonly tickets: TicketStore;
  readonly apiKeys: ApiKeyStore;
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
