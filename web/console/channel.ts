import { badge } from './dom.js';

/** How the console names a conversation's channel (`conversation.channel`, `ticket.channel`). */
const names: Readonly<Record<string, string>> = {
  web: 'Web',
  messenger: 'Messenger',
  teams: 'Teams',
  terminal: 'Terminal',
  api: 'API',
};

export function channelName(channel: string): string {
  return names[channel] ?? (channel ? channel.charAt(0).toUpperCase() + channel.slice(1) : 'Unknown');
}

/** A small label such as "Messenger" or "Web"; the channel id (sanitised) is in its class for styling. */
export function channelBadge(channel: string): HTMLElement {
  const name = channelName(channel);
  const node = badge(name, `channel channel-${channel.toLowerCase().replace(/[^a-z0-9-]/g, '')}`);
  node.title = `Channel: ${name}`;
  return node;
}

/** What an agent reads on a message the visitor's channel did not take. */
export function undeliveredText(channel: string, reason: string | null | undefined): string {
  return `Not delivered to the visitor (${channelName(channel)}): ${reason || 'unknown error'}`;
}
