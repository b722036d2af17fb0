import { AppError } from '../common/errors.js';
import type { ConversationStore } from '../conversation/ports.js';
import type { TicketStore } from '../tickets/ports.js';
import type { PrivacyStore } from './ports.js';

export interface VisitorDataDeps {
  readonly privacy: PrivacyStore;
  readonly conversations: Pick<ConversationStore, 'get' | 'messages'>;
  readonly tickets: Pick<TicketStore, 'get'>;
  readonly now?: () => Date;
}

/**
 * A visitor's data (GDPR access and erasure): `exportVisitor` gathers everything stored about them in one
 * JSON document (conversations with messages and form values, handoffs with CSAT, unresolved questions,
 * tickets with comments and CSAT); `eraseVisitor` deletes it all and records only that it happened.
 */
export async function exportVisitor(deps: VisitorDataDeps, visitor: string) {
  const ids = await found(deps, visitor);
  const conversations = [];
  for (const id of ids.conversationIds) {
    const conversation = await deps.conversations.get(id);
    if (!conversation) continue;
    const handoffs = await deps.privacy.handoffsOf(id);
    conversations.push({
      id: conversation.id,
      channel: conversation.channel,
      lang: conversation.lang,
      createdAt: conversation.createdAt,
      updatedAt: conversation.updatedAt,
      formValues: conversation.state.details ?? {},
      messages: (await deps.conversations.messages(id)).map((m) => ({
        role: m.role,
        text: m.text,
        internal: m.meta.internal === true,
        at: m.createdAt,
      })),
      handoffs: handoffs.map((h) => ({
        status: h.status,
        reason: h.reason,
        queuedAt: h.queuedAt,
        resolvedAt: h.resolvedAt,
        csat: h.csat,
      })),
      unresolvedQuestions: (await deps.privacy.unresolvedOf(id)).map((q) => ({
        text: q.text,
        at: q.createdAt,
      })),
    });
  }
  const tickets = [];
  for (const id of ids.ticketIds) {
    const t = await deps.tickets.get(id);
    if (t) tickets.push(t);
  }
  return {
    format: 'frontdesk-visitor-export/1',
    visitor,
    exportedAt: (deps.now?.() ?? new Date()).toISOString(),
    conversations,
    tickets,
  };
}

/** Deletes everything of the visitor; returns how many conversations and tickets went. */
export async function eraseVisitor(
  deps: VisitorDataDeps,
  visitor: string,
  by: string,
): Promise<{ conversations: number; tickets: number }> {
  const ids = await found(deps, visitor);
  await deps.privacy.erase(ids, { at: (deps.now?.() ?? new Date()).toISOString(), by });
  return { conversations: ids.conversationIds.length, tickets: ids.ticketIds.length };
}

async function found(deps: VisitorDataDeps, visitor: string) {
  const v = visitor.trim();
  if (v === '' || v.length > 320)
    throw new AppError('PAYLOAD_INVALID', 'Give a visitor: a conversation id, a ticket number or an email.');
  const ids = await deps.privacy.locate(v);
  if (ids.conversationIds.length === 0 && ids.ticketIds.length === 0)
    throw new AppError('NOT_FOUND', `Nothing is stored for ${v}.`);
  return ids;
}
