import type { DeskContext } from './desk-context.js';

/**
 * A visitor with a connection (the web chat) left and did not come back within the grace period: their
 * queued chat leaves the live queue (cancelled; the transcript stays). When they left details (an email
 * in a form), it becomes a ticket instead, so their request is still answered. A chat an agent already
 * owns stays with the agent.
 */
export async function visitorGone(ctx: DeskContext, channel: string, visitorKey: string): Promise<void> {
  const { conversations, handoffs } = ctx.deps;
  const conversation = await conversations.find(channel, visitorKey);
  if (!conversation) return;
  const h = await handoffs.active(conversation.id);
  if (h?.status !== 'queued') return;
  const left = await handoffs.update(h.id, ['queued'], { status: 'cancelled', resolvedAt: ctx.iso() });
  if (!left) return;
  const ticket = (await ctx.deps.ticketForLeftChat?.(conversation)) ?? null;
  const text =
    ticket === null
      ? 'The visitor left before an agent took the chat; it left the queue.'
      : `The visitor left before an agent took the chat; their details were filed as ticket ${ticket}.`;
  await ctx.say(conversation, 'system', text, [], { internal: true });
  await ctx.queueChanged();
}

/** After a restart: visitors with a queued chat on a channel with connections get the grace period to return. */
export async function expectVisitorsBack(ctx: DeskContext): Promise<void> {
  const channels = ctx.deps.presenceChannels ?? [];
  for (const h of await ctx.deps.handoffs.list({ status: 'queued' })) {
    if (!channels.includes(h.channel)) continue;
    const conversation = await ctx.deps.conversations.get(h.conversationId);
    if (conversation) ctx.visitors.expectBack(conversation.channel, conversation.visitorKey);
  }
}
