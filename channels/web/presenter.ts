import type { StoredMessage } from '../../conversation/types.js';
import type { ChatMessage } from './events.js';
import { renderMarkdown, renderTypedMarkdown } from './render.js';

/** A stored message as the widget sees it; bot and agent Markdown comes with sanitised HTML. */
export function toChatMessage(m: StoredMessage): ChatMessage {
  return {
    id: m.id,
    seq: m.seq,
    role: m.role,
    text: m.text,
    html:
      m.role === 'visitor' ? null : m.role === 'agent' ? renderTypedMarkdown(m.text) : renderMarkdown(m.text),
    clientId: m.clientId,
    choices: m.meta.choices ?? [],
    articleId: m.meta.articleId ?? null,
    confidence: m.meta.confidence ?? null,
    event: m.meta.event ?? null,
    lang: m.meta.lang ?? null,
    fallback: m.meta.fallback === true,
    createdAt: m.createdAt,
  };
}
