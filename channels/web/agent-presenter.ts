import type { Conversation, StoredMessage } from '../../conversation/types.js';
import type { Handoff } from '../../handoff/types.js';
import type { ChatDetail, ConsoleMessage, QueueItem } from './agent-events.js';
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

/** The agent's view of a chat: transcript with notes, language, form values, page, the bot's attempts. */
export function toChatDetail(
  h: Handoff,
  conversation: Conversation,
  messages: readonly StoredMessage[],
  maskedDetails: Readonly<Record<string, string | number>>,
): ChatDetail {
  const tried = messages
    .filter((m) => m.role === 'bot' && m.meta.articleId && typeof m.meta.confidence === 'number')
    .map((m) => ({ articleId: m.meta.articleId ?? '', confidence: m.meta.confidence ?? 0 }))
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
    articlesTried: tried,
    messages: messages.map(toConsoleMessage),
  };
}
