import type { DeskContext } from './desk-context.js';

/** After the grace period: the agent's chats go back to the front of the queue, and the visitors are told. */
export async function agentGone(ctx: DeskContext, agentId: string): Promise<void> {
  const { handoffs, translator, bus } = ctx.deps;
  for (const h of await handoffs.list({ status: 'assigned', assignedTo: agentId })) {
    const moved = await handoffs.update(h.id, ['assigned'], {
      status: 'queued',
      assignedTo: null,
      assignedAt: null,
      queueKey: await ctx.queue.frontKey(),
    });
    if (!moved) continue;
    const conversation = await ctx.conversation(h.conversationId);
    await ctx.say(conversation, 'system', translator.t('handoff.requeued', ctx.lang(conversation)), []);
    bus.emit({ kind: 'released', agentId, conversationId: h.conversationId, reason: 'timeout' });
    ctx.queue.offer(moved, await ctx.queue.loads());
  }
  await ctx.queueChanged();
}

/** At start-up: chats owned by agents who are not connected go back to the queue unless they return in time. */
export async function resumeAfterRestart(ctx: DeskContext): Promise<void> {
  for (const h of await ctx.deps.handoffs.list({ status: 'assigned' }))
    if (h.assignedTo) ctx.presence.expectBack(h.assignedTo);
}
