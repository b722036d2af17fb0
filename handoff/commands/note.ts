import { AppError } from '../../common/errors.js';
import type { StoredMessage } from '../../conversation/types.js';
import type { DeskContext } from '../desk-context.js';
import type { Agent } from '../types.js';

/** An internal note: stored with the conversation, shown to agents, never delivered to the visitor. */
export async function note(
  ctx: DeskContext,
  agent: Agent,
  conversationId: string,
  text: string,
): Promise<StoredMessage> {
  const h = await ctx.owned(agent, conversationId);
  // The owner of an open chat (or an admin): once resolved, a former owner no longer writes in it.
  if (agent.role !== 'admin' && h.status !== 'assigned')
    throw new AppError('HANDOFF_STATE', 'This chat is closed; only an admin can add notes to it now.');
  const conversation = await ctx.conversation(conversationId);
  return ctx.say(conversation, 'agent', text, [agent.id], {
    agentId: agent.id,
    agentName: agent.name,
    internal: true,
  });
}
