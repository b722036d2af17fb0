import type { ConversationStore } from './ports.js';

/** The HTML a message of this role and text shows, or null (a visitor's own text). */
export type MessageRenderer = (role: string, text: string) => string | null;

/**
 * The store with each appended message's rendered HTML kept in its `meta.html`, rendered once as it is
 * stored: sending it again, or resuming the conversation, renders nothing. Internal notes are not rendered.
 */
export function withStoredHtml(store: ConversationStore, render: MessageRenderer): ConversationStore {
  return {
    transaction: (work) => store.transaction(work),
    open: (input) => store.open(input),
    find: (channel, visitorKey) => store.find(channel, visitorKey),
    get: (id) => store.get(id),
    update: (id, patch) => store.update(id, patch),
    messages: (id, options) => store.messages(id, options),
    recordDelivery: (id, messageIds, delivery) => store.recordDelivery(id, messageIds, delivery),
    append(conversationId, message) {
      const meta = message.meta ?? {};
      const html = meta.internal === true ? null : render(message.role, message.text);
      return store.append(conversationId, html === null ? message : { ...message, meta: { ...meta, html } });
    },
  };
}
