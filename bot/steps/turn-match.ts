import type { KnowledgeBase } from '../ports.js';
import type { KbCandidate } from '../../kb/types.js';
import type { TurnContext } from '../turn.js';
import { matchLimit } from '../../kb/policy.js';

/** `TurnContext.bag` key of the turn's matches, per language. */
const matchesKey = 'matches';

/**
 * The visitor message's candidates in `lang`, matched once per turn: a question asked inside a form is
 * matched to decide whether it is a question (`collect-form.ts`), then again to answer it (`answer.ts`).
 */
export function turnMatches(
  ctx: TurnContext,
  kb: Pick<KnowledgeBase, 'match'>,
  lang: string,
): Promise<KbCandidate[]> {
  let memo = ctx.bag.get(matchesKey) as Map<string, Promise<KbCandidate[]>> | undefined;
  if (!memo) {
    memo = new Map();
    ctx.bag.set(matchesKey, memo);
  }
  let matches = memo.get(lang);
  if (!matches) {
    matches = kb.match(ctx.visitorMessage.text, lang, matchLimit);
    memo.set(lang, matches);
  }
  return matches;
}
