import { AppError } from '../../common/errors.js';
import type { StoredMessage } from '../../conversation/types.js';
import type { DeskContext } from '../desk-context.js';
import type { Agent } from '../types.js';

/** The owner's reply to the visitor (idempotent on the console's client id); the first one is timed. */
export async function agentMessage(
  ctx: DeskContext,
  agent: Agent,
  conversationId: string,
  text: string,
  clientId: string,
): Promise<StoredMessage> {
  const h = await ctx.owned(agent, conversationId);
  if (h.status !== 'assigned') throw new AppError('HANDOFF_STATE', 'The chat is not open any more.');
  const conversation = await ctx.conversation(conversationId);
  const meta = { agentId: agent.id, agentName: agent.name };
  const message = await ctx.say(conversation, 'agent', text, [agent.id], meta, clientId);
  if (!h.firstResponseAt)
    await ctx.deps.handoffs.update(h.id, ['assigned'], { firstResponseAt: message.createdAt });
  return message;
}

/** The owner is typing: the visitor sees it where their channel can show it. */
export async function agentTyping(
  ctx: DeskContext,
  agent: Agent,
  conversationId: string,
  typing: boolean,
): Promise<void> {
  const h = await ctx.owned(agent, conversationId);
  if (h.status !== 'assigned') return;
  await ctx.deps.outbox.typing(await ctx.conversation(conversationId), typing);
}
