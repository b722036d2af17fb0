import { AppError } from '../../common/errors.js';
import type { DeskContext } from '../desk-context.js';
import { visitorBlockValue } from '../blocks.js';
import type { Agent } from '../types.js';

/**
 * An agent marks a chat as spam: it leaves the queue (or the agent), its visitor is blocked for good and
 * the address they use now for a while (SPAM_BLOCK_MINUTES), so they can neither chat nor queue again.
 * Allowed for the chat's owner, for an agent who sees it in their queue, and for admins.
 */
export async function markSpam(ctx: DeskContext, agent: Agent, conversationId: string): Promise<void> {
  const { handoffs, bus } = ctx.deps;
  const h = await handoffs.active(conversationId);
  if (!h) throw new AppError('NOT_FOUND', 'That chat is not open.');
  const mayMark =
    agent.role === 'admin' ||
    h.assignedTo === agent.id ||
    (h.status === 'queued' && (await ctx.queue.queueFor(agent)).queue.some((q) => q.id === h.id));
  if (!mayMark) throw new AppError('FORBIDDEN', 'This chat is not yours.');
  const done = await handoffs.update(h.id, ['queued', 'assigned'], {
    status: 'cancelled',
    resolvedAt: ctx.iso(),
  });
  if (!done) throw new AppError('HANDOFF_STATE');
  const conversation = await ctx.conversation(conversationId);
  const address = ctx.visitors.addressOf(conversation.channel, conversation.visitorKey);
  await ctx.blocks.block(
    'visitor',
    visitorBlockValue(conversation.channel, conversation.visitorKey),
    null,
    agent.id,
  );
  const addressMs = ctx.deps.spamAddressBlockMs ?? 24 * 3600_000;
  if (address !== null && addressMs > 0) await ctx.blocks.block('address', address, addressMs, agent.id);
  await ctx.say(conversation, 'system', `Marked as spam by ${agent.name}; the visitor is blocked.`, [], {
    internal: true,
  });
  if (h.assignedTo) bus.emit({ kind: 'released', agentId: h.assignedTo, conversationId, reason: 'spam' });
  await ctx.queueChanged(conversation);
}
