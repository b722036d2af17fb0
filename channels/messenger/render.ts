import type { Choice, StoredMessage } from '../../conversation/types.js';
import { markdownToPlainText } from './plain-text.js';
import { splitText } from './split-text.js';

/** Messenger's limits (Send API reference). */
export const messengerLimits = { text: 2000, quickReplies: 13, quickReplyTitle: 20 } as const;

export interface QuickReply {
  readonly content_type: 'text';
  readonly title: string;
  readonly payload: string;
}

/** The `message` object of a Send API call. */
export interface OutgoingMessage {
  readonly text: string;
  readonly quick_replies?: readonly QuickReply[];
}

/** Choices fit as quick replies: at most 13, each title at most 20 characters (code points). */
export function fitsQuickReplies(choices: readonly Choice[]): boolean {
  return (
    choices.length <= messengerLimits.quickReplies &&
    choices.every((c) => [...c.label].length <= messengerLimits.quickReplyTitle)
  );
}

/**
 * One stored message as Messenger messages: Markdown as plain text split at 2,000 characters; choices as
 * quick replies on the last part, or as numbered text ("1. …") when they do not fit.
 */
export function renderMessage(message: StoredMessage): OutgoingMessage[] {
  const choices = message.meta.choices ?? [];
  const quick = choices.length > 0 && fitsQuickReplies(choices);
  let text = markdownToPlainText(message.text);
  if (choices.length > 0 && !quick)
    text = `${text}\n\n${choices.map((c, i) => `${i + 1}. ${c.label}`).join('\n')}`;
  const parts = splitText(text, messengerLimits.text);
  if (parts.length === 0) parts.push(quick ? '…' : '');
  const out: OutgoingMessage[] = parts.filter((p) => p !== '').map((p) => ({ text: p }));
  if (quick && out.length > 0) {
    const last = out[out.length - 1] as OutgoingMessage;
    out[out.length - 1] = {
      text: last.text,
      quick_replies: choices.map((c) => ({ content_type: 'text', title: c.label, payload: c.postback })),
    };
  }
  return out;
}

/**
 * A typed number ("2", " 2. ") answering choices shown as numbered text: that choice; otherwise null.
 * Choices shown as quick replies carry no numbers, so a number is then just text.
 */
export function numberedChoice(text: string, choices: readonly Choice[]): Choice | null {
  if (choices.length === 0 || fitsQuickReplies(choices)) return null;
  const m = /^\s*(\d{1,2})\.?\s*$/.exec(text);
  if (!m) return null;
  return choices[Number(m[1]) - 1] ?? null;
}
