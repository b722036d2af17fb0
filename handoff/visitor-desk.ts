import type { HandoffDesk, HandoffOutcome } from '../bot/ports.js';
import type { Conversation, StoredMessage } from '../conversation/types.js';
import type { DeskContext } from './desk-context.js';
import { canTake } from './routing.js';
import type { Csat, HandoffView } from './types.js';

/** The visitor's side of the desk (the bot's `HandoffDesk` port): ask for a person, wait, talk, leave. */
export class VisitorDesk implements HandoffDesk {
  constructor(private readonly ctx: DeskContext) {}

  async isActive(conversationId: string): Promise<boolean> {
    return (await this.ctx.deps.handoffs.active(conversationId)) !== null;
  }

  async request(
    conversation: Conversation,
    input: Parameters<HandoffDesk['request']>[1],
  ): Promise<HandoffOutcome> {
    const { handoffs, hours } = this.ctx.deps;
    if (await handoffs.active(conversation.id))
      return { kind: 'already', view: await this.view(conversation.id) };
    const base = { conversationId: conversation.id, channel: conversation.channel, ...input };
    // A blocked visitor (marked as spam), or an address that already has its share of the queue, is
    // told what a visitor hears when nobody can take the chat: the ticket form is the way on.
    if (await this.refused(conversation)) return { kind: 'nobody' };
    const now = this.ctx.now();
    if (!hours.isOpen(now)) {
      await handoffs.create({ ...base, status: 'pending' });
      return { kind: 'closed', nextOpening: hours.nextOpening(now), timeZone: hours.timeZone };
    }
    const loads = await this.ctx.queue.loads();
    if (!loads.some((a) => canTake(a, { targetAgent: null, targetSkill: null }))) {
      await handoffs.create({ ...base, status: 'pending' });
      return { kind: 'nobody' };
    }
    const handoff = await handoffs.create({ ...base, status: 'queued' });
    this.ctx.queue.offer(handoff, loads);
    await this.ctx.queueChanged();
    return { kind: 'queued', view: await this.view(conversation.id) };
  }

  private async refused(conversation: Conversation): Promise<boolean> {
    const { channel, visitorKey } = conversation;
    const address = this.ctx.visitors.addressOf(channel, visitorKey);
    if (this.ctx.blocks.blocked(channel, visitorKey, address)) return true;
    if (address === null) return false;
    if (this.ctx.deps.requestAllowed && !(await this.ctx.deps.requestAllowed(address))) return true;
    const cap = this.ctx.deps.queuedPerAddress ?? 3;
    if (cap <= 0) return false;
    let fromAddress = 0;
    for (const q of await this.ctx.deps.handoffs.list({ status: 'queued' })) {
      const c = await this.ctx.deps.conversations.get(q.conversationId);
      if (c && this.ctx.visitors.addressOf(c.channel, c.visitorKey) === address) fromAddress++;
    }
    return fromAddress >= cap;
  }

  /** A visitor message while a person handles the chat: to the owner's console. */
  async visitorMessage(conversation: Conversation, message: StoredMessage): Promise<void> {
    const h = await this.ctx.deps.handoffs.active(conversation.id);
    const agentIds = h?.assignedTo ? [h.assignedTo] : [];
    this.ctx.deps.bus.emit({ kind: 'message', conversation, message, agentIds });
  }

  /** The visitor is typing: the agent who owns the chat sees it. */
  async visitorTyping(conversation: Conversation, typing: boolean): Promise<void> {
    const h = await this.ctx.deps.handoffs.active(conversation.id);
    if (h?.assignedTo)
      this.ctx.deps.bus.emit({
        kind: 'typing',
        conversation,
        from: 'visitor',
        typing,
        agentId: h.assignedTo,
      });
  }

  async cancel(conversation: Conversation): Promise<boolean> {
    const { handoffs, bus } = this.ctx.deps;
    const h = await handoffs.active(conversation.id);
    if (!h) return false;
    const done = await handoffs.update(h.id, ['queued', 'assigned'], {
      status: 'cancelled',
      resolvedAt: this.ctx.iso(),
    });
    if (!done) return false;
    if (h.assignedTo)
      bus.emit({
        kind: 'released',
        agentId: h.assignedTo,
        conversationId: conversation.id,
        reason: 'visitor',
      });
    // The visitor's own widget (every tab) is told at once that the bot answers again; the others queued
    // are told their new places.
    await this.ctx.queueChanged(conversation);
    return true;
  }

  async recordCsat(handoffId: string, csat: Partial<Csat>): Promise<void> {
    const { handoffs } = this.ctx.deps;
    const h = await handoffs.get(handoffId);
    if (!h) return;
    const merged: Csat = {
      rating: csat.rating ?? h.csat?.rating ?? 0,
      comment: csat.comment ?? h.csat?.comment ?? null,
    };
    await handoffs.update(handoffId, ['resolved'], { csat: merged });
  }

  async pendingContact(conversation: Conversation): Promise<void> {
    const { handoffs } = this.ctx.deps;
    const h = await handoffs.latest(conversation.id);
    if (!h || h.status !== 'pending')
      await handoffs.create({
        conversationId: conversation.id,
        channel: conversation.channel,
        lang: this.ctx.lang(conversation),
        skills: [],
        reason: 'form',
        page: null,
        status: 'pending',
      });
  }

  /** The visitor's view: the bot, their place in the queue with an estimate, or the agent's name. */
  view(conversationId: string): Promise<HandoffView> {
    return this.ctx.queue.view(conversationId);
  }
}
