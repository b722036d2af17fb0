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
  await ctx.owned(agent, conversationId);
  const conversation = await ctx.conversation(conversationId);
  return ctx.say(conversation, 'agent', text, [agent.id], {
    agentId: agent.id,
    agentName: agent.name,
    internal: true,
  });
}
