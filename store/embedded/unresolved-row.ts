import type { UnresolvedQuestion } from '../../bot/ports.js';

/** A row of the `unresolved` table. */
export interface UnresolvedRow {
  id: string;
  conversation_id: string;
  lang: string;
  text: string;
  candidates: string;
  offered: string;
  created_at: string;
  source: string;
  answer: string | null;
}

/** The unresolved question a row holds. */
export const toUnresolved = (r: UnresolvedRow): UnresolvedQuestion => ({
  id: r.id,
  conversationId: r.conversation_id,
  lang: r.lang,
  text: r.text,
  candidates: JSON.parse(r.candidates) as UnresolvedQuestion['candidates'],
  offered: JSON.parse(r.offered) as string[],
  createdAt: r.created_at,
  ...(r.source === 'unresolved' ? {} : { source: r.source }),
  ...(r.answer === null ? {} : { answer: r.answer }),
});
