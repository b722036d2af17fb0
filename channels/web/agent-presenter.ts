import type { Conversation, StoredMessage } from '../../conversation/types.js';
import type { Handoff } from '../../handoff/types.js';
import type { ChatDetail, ConsoleField, ConsoleMessage, QueueItem } from './agent-events.js';
import { messageHtml } from './render.js';
import { toChatChoices } from './presenter.js';

export function toConsoleMessage(m: StoredMessage): ConsoleMessage {
  const internal = m.meta.internal === true;
  return {
    id: m.id,
    conversationId: m.conversationId,
    seq: m.seq,
    role: m.role,
    text: m.text,
    html: m.role === 'visitor' || internal ? null : (m.meta.html ?? messageHtml(m.role, m.text)),
    internal,
    agentName: m.meta.agentName ?? null,
    choices: toChatChoices(m.meta.choices),
    articleId: m.meta.articleId ?? null,
    confidence: m.meta.confidence ?? null,
    createdAt: m.createdAt,
    delivery: m.delivery
      ? { status: m.delivery.status, reason: m.delivery.reason ?? null, at: m.delivery.at }
      : null,
  };
}

export function toQueueItem(h: Handoff, firstVisitorMessage: string): QueueItem {
  return {
    handoffId: h.id,
    conversationId: h.conversationId,
    lang: h.lang,
    channel: h.channel,
    skills: h.skills,
    reason: h.reason,
    queuedAt: h.queuedAt,
    preview: [...firstVisitorMessage].slice(0, 140).join(''),
    targetAgent: h.targetAgent,
    targetSkill: h.targetSkill,
  };
}

/**
 * What the bot tried in one reply: the article it answered with, or, when it answered nothing (a clarify,
 * an unresolved question), the candidates it weighed (best first).
 */
function triedBy(m: StoredMessage): Array<{ articleId: string; confidence: number }> {
  if (m.meta.tried && m.meta.tried.length > 0)
    return [...m.meta.tried].reverse().map((t) => ({ articleId: t.articleId, confidence: t.confidence }));
  if (m.meta.articleId && typeof m.meta.confidence === 'number')
    return [{ articleId: m.meta.articleId, confidence: m.meta.confidence }];
  return [];
}

/** The agent's view of a chat: transcript with notes, language, form values, page, the bot's attempts. */
export function toChatDetail(
  h: Handoff,
  conversation: Conversation,
  messages: readonly StoredMessage[],
  maskedDetails: Readonly<Record<string, string | number>>,
  fields: readonly ConsoleField[] = [],
): ChatDetail {
  const tried = messages
    .filter((m) => m.role === 'bot')
    .flatMap(triedBy)
    .reverse();
  return {
    handoffId: h.id,
    conversationId: conversation.id,
    status: h.status,
    assignedTo: h.assignedTo,
    lang: conversation.lang ?? h.lang,
    channel: conversation.channel,
    page: h.page,
    details: maskedDetails,
    fields,
    articlesTried: tried,
    messages: messages.map(toConsoleMessage),
  };
}
