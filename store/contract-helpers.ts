import { randomUUID } from 'node:crypto';
import type { Store } from './ports.js';
import type { Role } from '../conversation/types.js';

/** A key no other test (or earlier run against a shared database) uses. */
export const unique = (prefix: string): string => `${prefix}-${randomUUID()}`;

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The small writes the store contracts are made of, on the store of the running test. */
export function contractWrites(store: () => Store) {
  const openConversation = (channel = 'web', visitorKey = unique('visitor'), lang: string | null = 'en') =>
    store().conversations.open({ channel, visitorKey, lang });

  /** Appends a plain message; `clientId` is left out of the message when not given. */
  const say = (conversationId: string, text: string, clientId?: string | null, role: Role = 'visitor') =>
    store().conversations.append(conversationId, {
      role,
      text,
      ...(clientId === undefined ? {} : { clientId }),
    });

  const record = (lang: string, text: string) =>
    store().unresolved.record({ conversationId: 'conv-1', lang, text, candidates: [] });

  return { openConversation, say, record };
}
