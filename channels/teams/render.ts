import type { Choice, StoredMessage } from '../../conversation/types.js';

/** A button of a hero card: `messageBack` shows the label as the user's message and sends the postback. */
export interface CardButton {
  readonly type: 'messageBack';
  readonly title: string;
  readonly text: string;
  readonly displayText: string;
  readonly value: { readonly postback: string; readonly label: string };
}

/** What the bot sends to Teams for one message (a Bot Framework `message` activity's fields). */
export interface OutgoingActivity {
  readonly type: 'message';
  readonly text: string;
  readonly textFormat: 'markdown';
  readonly attachments?: Array<{
    contentType: 'application/vnd.microsoft.card.hero';
    content: { buttons: CardButton[] };
  }>;
}

/** A hero card shows at most this many buttons (Teams renders six). */
export const teamsMaxButtons = 6;

/**
 * Markdown for Teams: it renders bold, italics, links and lists itself; images become links (the web
 * widget does the same), and an agent's message is signed with their name.
 */
export function teamsMarkdown(message: Pick<StoredMessage, 'text' | 'role' | 'meta'>): string {
  const text = message.text.replace(/!\[([^\]]*)\]\(([^)\s]+)[^)]*\)/g, (_m, alt: string, url: string) =>
    alt.trim() ? `[${alt}](${url})` : url,
  );
  return message.role === 'agent' && message.meta.agentName ? `**${message.meta.agentName}:** ${text}` : text;
}

/**
 * One stored message as a Teams message: Markdown text; choices as a hero card of `messageBack` buttons
 * (they work in personal chats and in channels, unlike suggested actions, and return the postback in
 * `value`), or as a numbered list when there are more than a card shows.
 */
export function renderActivity(message: Pick<StoredMessage, 'text' | 'role' | 'meta'>): OutgoingActivity {
  const choices = message.meta.choices ?? [];
  const text = teamsMarkdown(message);
  if (choices.length === 0) return { type: 'message', text, textFormat: 'markdown' };
  if (choices.length > teamsMaxButtons)
    return {
      type: 'message',
      text: `${text}\n\n${choices.map((c, i) => `${i + 1}. ${c.label}`).join('\n')}`,
      textFormat: 'markdown',
    };
  return {
    type: 'message',
    text,
    textFormat: 'markdown',
    attachments: [
      { contentType: 'application/vnd.microsoft.card.hero', content: { buttons: choices.map(button) } },
    ],
  };
}

function button(choice: Choice): CardButton {
  return {
    type: 'messageBack',
    title: choice.label,
    text: choice.label,
    displayText: choice.label,
    value: { postback: choice.postback, label: choice.label },
  };
}

/** A typed number ("2") answering choices shown as a numbered list: that choice; otherwise null. */
export function numberedChoice(text: string, choices: readonly Choice[]): Choice | null {
  if (choices.length <= teamsMaxButtons) return null;
  const m = /^\s*(\d{1,2})\.?\s*$/.exec(text);
  return m ? (choices[Number(m[1]) - 1] ?? null) : null;
}
