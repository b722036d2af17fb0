import { AppError } from '../../common/errors.js';
import type { DeskContext } from '../desk-context.js';
import { canTake } from '../routing.js';
import type { Agent, Handoff } from '../types.js';

/** An agent takes a queued chat: one compare-and-set, so never two owners; the visitor is told who joined. */
export async function claim(ctx: DeskContext, agent: Agent, handoffId: string): Promise<Handoff> {
  const h = await ctx.deps.handoffs.get(handoffId);
  if (!h) throw new AppError('NOT_FOUND', 'That chat does not exist.');
  if (h.status !== 'queued') throw new AppError('HANDOFF_TAKEN');
  const load = (await ctx.queue.loads()).find((l) => l.agent.id === agent.id);
  if (agent.role !== 'admin' && load && !canTake({ ...load, available: true }, h))
    throw new AppError(
      'FORBIDDEN',
      'This chat is reserved for another agent or skill, or you are at capacity.',
    );
  const claimed = await ctx.deps.handoffs.claim(handoffId, agent.id, ctx.iso());
  if (!claimed) throw new AppError('HANDOFF_TAKEN');
  const conversation = await ctx.conversation(claimed.conversationId);
  const joined = ctx.deps.translator.t('handoff.joined', ctx.lang(conversation), { name: agent.name });
  await ctx.say(conversation, 'system', joined, []);
  await ctx.queueChanged(conversation);
  return claimed;
}
