import type { StoredMessage } from '../../conversation/types.js';
import type { ChatChoice, ChatMessage } from './events.js';
import { readChoices } from '../../conversation/choices.js';
import { messageHtml } from './render.js';

/** A stored message as the widget sees it; bot and agent Markdown comes with sanitised HTML. */
export function toChatMessage(m: StoredMessage): ChatMessage {
  return {
    id: m.id,
    seq: m.seq,
    role: m.role,
    text: m.text,
    // Rendered when it was stored (conversation/stored-html.ts); older messages are rendered here.
    html: m.role === 'visitor' ? null : (m.meta.html ?? messageHtml(m.role, m.text)),
    clientId: m.clientId,
    choices: toChatChoices(m.meta.choices),
    articleId: m.meta.articleId ?? null,
    confidence: m.meta.confidence ?? null,
    event: m.meta.event ?? null,
    lang: m.meta.lang ?? null,
    fallback: m.meta.fallback === true,
    agentName: m.role === 'agent' ? (m.meta.agentName ?? null) : null,
    createdAt: m.createdAt,
  };
}

/** Choices as the widget and the console know them (`{label, value}`, value = the postback). */
export function toChatChoices(stored: unknown): ChatChoice[] {
  return readChoices(stored).map((c) => ({ label: c.label, value: c.postback }));
}
