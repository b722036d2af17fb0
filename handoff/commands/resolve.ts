import { AppError } from '../../common/errors.js';
import { csatChoices } from '../../conversation/csat-choices.js';
import type { DeskContext } from '../desk-context.js';
import { botView, type Agent } from '../types.js';

/**
 * Ends the chat: the bot thanks the visitor and asks for a rating, then answers again. The survey goes
 * into the state through the one writer, so a visitor's turn running meanwhile cannot wipe it.
 */
export async function resolve(ctx: DeskContext, agent: Agent, conversationId: string): Promise<void> {
  const h = await ctx.owned(agent, conversationId);
  const done = await ctx.deps.handoffs.update(h.id, ['assigned'], {
    status: 'resolved',
    resolvedAt: ctx.iso(),
  });
  if (!done) throw new AppError('HANDOFF_STATE');
  ctx.deps.onResolved?.(done).catch((err: unknown) => ctx.deps.onError?.(err));
  const conversation = await ctx.deps.amender.amendState(await ctx.conversation(conversationId), (state) => ({
    ...state,
    csat: { handoffId: h.id, stage: 'rating' },
  }));
  const lang = ctx.lang(conversation);
  const t = ctx.deps.translator;
  await ctx.say(
    conversation,
    'bot',
    `${t.t('handoff.resolved', lang)}\n\n${t.t('csat.question', lang)}`,
    [],
    {
      choices: csatChoices(t, lang),
      event: 'handoff',
    },
  );
  ctx.deps.bus.emit({ kind: 'released', agentId: agent.id, conversationId, reason: 'resolved' });
  await ctx.deps.outbox.status(conversation, botView);
  ctx.deps.bus.emit({ kind: 'queue' });
}
