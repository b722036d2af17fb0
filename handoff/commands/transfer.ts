import { AppError } from '../../common/errors.js';
import type { DeskContext } from '../desk-context.js';
import type { Agent } from '../types.js';

/** The owner hands the chat to another agent or skill: it goes to the front of the queue for them only. */
export async function transfer(
  ctx: DeskContext,
  agent: Agent,
  conversationId: string,
  to: { toAgent?: string; toSkill?: string },
): Promise<void> {
  const h = await ctx.owned(agent, conversationId);
  if (to.toAgent && !(await ctx.deps.agents.get(to.toAgent)))
    throw new AppError('NOT_FOUND', 'No such agent.');
  const moved = await ctx.deps.handoffs.update(h.id, ['assigned'], {
    status: 'queued',
    assignedTo: null,
    assignedAt: null,
    targetAgent: to.toAgent ?? null,
    targetSkill: to.toSkill ?? null,
    queueKey: await ctx.queue.frontKey(),
  });
  if (!moved) throw new AppError('HANDOFF_STATE');
  const conversation = await ctx.conversation(conversationId);
  await ctx.say(
    conversation,
    'system',
    ctx.deps.translator.t('handoff.transferring', ctx.lang(conversation)),
    [agent.id],
  );
  ctx.deps.bus.emit({ kind: 'released', agentId: agent.id, conversationId, reason: 'transfer' });
  ctx.queue.offer(moved, await ctx.queue.loads());
  await ctx.queueChanged();
}
