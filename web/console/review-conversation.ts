import { button, el } from './dom.js';
import { reviewApi, ReviewApiError } from './review-api.js';
import { messageElement } from './transcript.js';

/** A short, readable form of a conversation id (its first 8 characters). */
export const shortId = (id: string): string => id.slice(0, 8);

const channelNames: Readonly<Record<string, string>> = {
  web: 'Web chat',
  messenger: 'Messenger',
  teams: 'Teams',
  terminal: 'Terminal',
};

/**
 * One conversation's transcript, read-only, in a modal dialog (the review queue's links to the
 * conversations): who said what, the bot's articles and confidence, agents' replies and notes. Escape or
 * Close closes it and gives focus back to the link that opened it.
 */
export function openConversation(
  conversationId: string,
  opener: HTMLElement | null,
  onUnauthenticated: () => void,
): void {
  const titleId = `conversation-title-${shortId(conversationId)}`;
  const dialog = el('dialog', {
    class: 'dialog conversation-dialog',
    'aria-labelledby': titleId,
    'data-conversation-id': conversationId,
  });
  const facts = el('p', { class: 'conversation-facts', role: 'status' }, 'Loading…');
  const log = el('div', {
    class: 'transcript conversation-transcript',
    role: 'region',
    'aria-label': 'Transcript',
    tabindex: '0',
  });
  const close = button('Close', () => dialog.close(), { class: 'conversation-close' });
  const buttons = el('div', { class: 'dialog-buttons' });
  buttons.append(close);
  dialog.append(el('h2', { id: titleId }, `Conversation ${shortId(conversationId)}`), facts, log, buttons);
  dialog.addEventListener('close', () => {
    dialog.remove();
    opener?.focus();
  });
  document.body.append(dialog);
  dialog.showModal();
  close.focus();
  void reviewApi.conversation(conversationId).then(
    ({ conversation: c, messages, truncated }) => {
      const lang = c.lang ?? '';
      facts.textContent = [
        channelNames[c.channel] ?? c.channel,
        lang ? lang.toUpperCase() : 'language unknown',
        `started ${new Date(c.createdAt).toLocaleString()}`,
        `${messages.length} message${messages.length === 1 ? '' : 's'}${truncated ? ' (the latest only)' : ''}`,
      ].join(' · ');
      log.replaceChildren(...messages.map((m) => messageElement(m, lang, c.channel)));
      if (messages.length === 0) log.append(el('p', {}, 'No messages.'));
    },
    (err: unknown) => {
      if (err instanceof ReviewApiError && err.status === 401) {
        dialog.close();
        onUnauthenticated();
        return;
      }
      facts.textContent = `Could not load the conversation: ${err instanceof Error ? err.message : String(err)}`;
      facts.classList.add('dialog-error');
    },
  );
}
