import type { UnresolvedStore } from '../bot/ports.js';
import type { ConversationStore } from '../conversation/ports.js';
import type { StoredMessage } from '../conversation/types.js';
import type { Candidate } from '../kb/types.js';

/** The chat an agent just resolved, as far as the suggestion needs it. */
export interface ResolvedChat {
  readonly conversationId: string;
  readonly lang: string;
  readonly queuedAt: string;
  readonly assignedAt: string | null;
  readonly resolvedAt: string | null;
}

/**
 * Events of a bot reply that show its visitor message was a question the KB was asked: answered (no
 * event), offered articles ("These articles may help:"), clarified (older messages) or unresolved.
 */
const asked = new Set<string | null | undefined>(['unresolved', 'offer', 'clarify', null, undefined]);

/**
 * The visitor's question behind a handoff: the last visitor message before it was queued that the bot
 * tried to answer from the KB (answered, offered articles for, clarified or unresolved); else the first
 * thing the visitor told the agent.
 */
export function visitorQuestion(
  messages: readonly StoredMessage[],
  chat: ResolvedChat,
): StoredMessage | null {
  const before = messages.filter(
    (m) => m.role === 'visitor' && m.createdAt <= chat.queuedAt && !m.meta.postback,
  );
  for (const m of [...before].reverse()) {
    const reply = messages.find((r) => r.role === 'bot' && r.meta.replyTo === m.id);
    if (reply && asked.has(reply.meta.event) && (reply.meta.event || reply.meta.articleId)) return m;
  }
  const start = chat.assignedAt ?? chat.queuedAt;
  return messages.find((m) => m.role === 'visitor' && m.createdAt >= start && !m.meta.postback) ?? null;
}

/**
 * When an agent resolves a handed-off chat, the visitor's question and the agent's answer (their messages
 * to the visitor, internal notes left out) go into the review queue as an `agent-answer`: an admin can
 * add the question to the article the matcher proposes, or start a new article from the answer.
 */
export async function suggestFromResolvedChat(
  deps: {
    conversations: ConversationStore;
    unresolved: UnresolvedStore;
    match(text: string, lang: string, limit?: number): Promise<Candidate[]>;
  },
  chat: ResolvedChat,
): Promise<boolean> {
  const messages = await deps.conversations.messages(chat.conversationId);
  const question = visitorQuestion(messages, chat);
  const start = chat.assignedAt ?? chat.queuedAt;
  const end = chat.resolvedAt ?? '\uffff';
  const answer = messages
    .filter((m) => m.role === 'agent' && !m.meta.internal && m.createdAt >= start && m.createdAt <= end)
    .map((m) => m.text.trim())
    .filter(Boolean)
    .join('\n\n');
  if (!question || !answer) return false;
  const candidates = await deps.match(question.text, chat.lang, 3);
  await deps.unresolved.record({
    conversationId: chat.conversationId,
    lang: chat.lang,
    text: question.text,
    candidates: candidates.map((c) => ({ articleId: c.articleId, confidence: c.confidence })),
    source: 'agent-answer',
    answer,
  });
  return true;
}
