import type { Choice } from './types.js';

/** A choice with its label and the postback it sends. */
export function choice(label: string, postback: string): Choice {
  return { id: postback, label, postback };
}

/**
 * The choices stored on a message, in today's shape. Messages stored before choices carried a postback
 * have `{label, value}`; anything else malformed is dropped.
 */
export function readChoices(stored: unknown): Choice[] {
  if (!Array.isArray(stored)) return [];
  const out: Choice[] = [];
  for (const raw of stored as unknown[]) {
    if (typeof raw !== 'object' || raw === null) continue;
    const { label, postback, value } = raw as { label?: unknown; postback?: unknown; value?: unknown };
    const sent = typeof postback === 'string' ? postback : value;
    if (typeof label === 'string' && typeof sent === 'string') out.push(choice(label, sent));
  }
  return out;
}
