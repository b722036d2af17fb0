import { AppError } from '../common/errors.js';
import type { HandoffDesk, HandoffOutcome } from '../bot/ports.js';
import type { Translator } from '../common/translator.js';
import type { ConversationStore } from '../conversation/ports.js';
import type { Conversation, NewMessage, StoredMessage } from '../conversation/types.js';
import type { AgentStore, HandoffStore, SignalBus } from './ports.js';
import type { Agent, Csat, Handoff, HandoffView } from './types.js';
import { botView } from './types.js';
import type { BusinessHours } from '../common/business-hours.js';
import { AgentPresence } from './presence.js';
import { HandoffQueue } from './queue.js';
import { canTake, type AgentLoad } from './routing.js';
import { csatChoices } from '../conversation/csat-choices.js';

export interface HandoffServiceDeps {
  readonly conversations: ConversationStore;
  readonly handoffs: HandoffStore;
  readonly agents: AgentStore;
  readonly translator: Translator;
  readonly bus: SignalBus;
  readonly hours: BusinessHours;
  /** How long a disconnected agent keeps their chats. */
  readonly graceMs: number;
  /** For wait estimates until there is history. */
  readonly defaultHandleMinutes?: number;
  readonly now?: () => Date;
  /** Where a failure in the background (a requeue after the grace period) is reported. */
  readonly onError?: (err: unknown) => void;
}

/**
 * The live-agent desk: queue, routing, claims, messages both ways, transfer, resolve and requeue. All
 * state that matters is in the store (a restart keeps who owns what); presence is per process.
 */
export class HandoffService implements HandoffDesk {
  readonly presence: AgentPresence;
  private readonly queue: HandoffQueue;
  private readonly now: () => Date;

  constructor(private readonly deps: HandoffServiceDeps) {
    this.now = deps.now ?? (() => new Date());
    this.presence = new AgentPresence(deps.graceMs, (id) => {
      this.agentGone(id).catch((err: unknown) => deps.onError?.(err));
    });
    this.queue = new HandoffQueue({ ...deps, presence: this.presence });
  }

  // ── the visitor side (HandoffDesk) ─────────────────────────────────────────────

  async isActive(conversationId: string): Promise<boolean> {
    return (await this.deps.handoffs.active(conversationId)) !== null;
  }

  async request(
    conversation: Conversation,
    input: Parameters<HandoffDesk['request']>[1],
  ): Promise<HandoffOutcome> {
    const { handoffs, hours } = this.deps;
    if (await handoffs.active(conversation.id))
      return { kind: 'already', view: await this.view(conversation.id) };
    const base = { conversationId: conversation.id, channel: conversation.channel, ...input };
    const now = this.now();
    if (!hours.isOpen(now)) {
      await handoffs.create({ ...base, status: 'pending' });
      return { kind: 'closed', nextOpening: hours.nextOpening(now), timeZone: hours.timeZone };
    }
    const loads = await this.loads();
    if (!loads.some((a) => canTake(a, { targetAgent: null, targetSkill: null }))) {
      await handoffs.create({ ...base, status: 'pending' });
      return { kind: 'nobody' };
    }
    const handoff = await handoffs.create({ ...base, status: 'queued' });
    this.queue.offer(handoff, loads);
    this.deps.bus.emit({ kind: 'queue' });
    await this.queue.broadcastPositions();
    return { kind: 'queued', view: await this.view(conversation.id) };
  }

  async visitorMessage(conversation: Conversation, message: StoredMessage): Promise<void> {
    const h = await this.deps.handoffs.active(conversation.id);
    const agentIds = h?.assignedTo ? [h.assignedTo] : [];
    this.deps.bus.emit({ kind: 'message', conversation, message, agentIds });
  }

  /** The visitor is typing: the agent who owns the chat sees it. */
  async visitorTyping(conversation: Conversation, typing: boolean): Promise<void> {
    const h = await this.deps.handoffs.active(conversation.id);
    if (h?.assignedTo)
      this.deps.bus.emit({ kind: 'typing', conversation, from: 'visitor', typing, agentId: h.assignedTo });
  }

  async cancel(conversation: Conversation): Promise<boolean> {
    const h = await this.deps.handoffs.active(conversation.id);
    if (!h) return false;
    const done = await this.deps.handoffs.update(h.id, ['queued', 'assigned'], {
      status: 'cancelled',
      resolvedAt: this.iso(),
    });
    if (!done) return false;
    if (h.assignedTo)
      this.deps.bus.emit({
        kind: 'released',
        agentId: h.assignedTo,
        conversationId: conversation.id,
        reason: 'visitor',
      });
    this.deps.bus.emit({ kind: 'queue' });
    await this.queue.broadcastPositions();
    return true;
  }

  async recordCsat(handoffId: string, csat: Partial<Csat>): Promise<void> {
    const h = await this.deps.handoffs.get(handoffId);
    if (!h) return;
    const merged: Csat = {
      rating: csat.rating ?? h.csat?.rating ?? 0,
      comment: csat.comment ?? h.csat?.comment ?? null,
    };
    await this.deps.handoffs.update(handoffId, ['resolved'], { csat: merged });
  }

  async pendingContact(conversation: Conversation): Promise<void> {
    const h = await this.deps.handoffs.latest(conversation.id);
    if (!h || h.status !== 'pending')
      await this.deps.handoffs.create({
        conversationId: conversation.id,
        channel: conversation.channel,
        lang: conversation.lang ?? 'en',
        skills: [],
        reason: 'form',
        page: null,
        status: 'pending',
      });
  }

  /** The visitor's view: the bot, their place in the queue with an estimate, or the agent's name. */
  view(conversationId: string): Promise<HandoffView> {
    return this.queue.view(conversationId);
  }

  // ── the agent side ─────────────────────────────────────────────────────────────

  loads(): Promise<AgentLoad[]> {
    return this.queue.loads();
  }

  queueFor(agent: Agent): Promise<{ queue: Handoff[]; mine: Handoff[] }> {
    return this.queue.queueFor(agent);
  }

  async claim(agent: Agent, handoffId: string): Promise<Handoff> {
    const h = await this.deps.handoffs.get(handoffId);
    if (!h) throw new AppError('NOT_FOUND', 'That chat does not exist.');
    if (h.status !== 'queued') throw new AppError('HANDOFF_TAKEN');
    const load = (await this.loads()).find((l) => l.agent.id === agent.id);
    if (agent.role !== 'admin' && load && !canTake({ ...load, available: true }, h))
      throw new AppError(
        'FORBIDDEN',
        'This chat is reserved for another agent or skill, or you are at capacity.',
      );
    const claimed = await this.deps.handoffs.claim(handoffId, agent.id, this.iso());
    if (!claimed) throw new AppError('HANDOFF_TAKEN');
    const conversation = await this.conversation(claimed.conversationId);
    await this.say(
      conversation,
      'system',
      this.deps.translator.t('handoff.joined', this.lang(conversation), { name: agent.name }),
      [],
    );
    this.deps.bus.emit({ kind: 'status', conversation, view: await this.view(conversation.id) });
    this.deps.bus.emit({ kind: 'queue' });
    await this.queue.broadcastPositions();
    return claimed;
  }

  /** The agent's chat, or 403 (admins may open any chat). */
  async owned(agent: Agent, conversationId: string): Promise<Handoff> {
    const h =
      (await this.deps.handoffs.active(conversationId)) ?? (await this.deps.handoffs.latest(conversationId));
    if (!h) throw new AppError('NOT_FOUND', 'That chat does not exist.');
    if (agent.role !== 'admin' && h.assignedTo !== agent.id)
      throw new AppError('FORBIDDEN', 'This chat is not yours.');
    return h;
  }

  async agentMessage(
    agent: Agent,
    conversationId: string,
    text: string,
    clientId: string,
  ): Promise<StoredMessage> {
    const h = await this.owned(agent, conversationId);
    if (h.status !== 'assigned') throw new AppError('HANDOFF_STATE', 'The chat is not open any more.');
    const conversation = await this.conversation(conversationId);
    const message = await this.say(
      conversation,
      'agent',
      text,
      [agent.id],
      { agentId: agent.id, agentName: agent.name },
      clientId,
    );
    if (!h.firstResponseAt)
      await this.deps.handoffs.update(h.id, ['assigned'], { firstResponseAt: message.createdAt });
    return message;
  }

  async note(agent: Agent, conversationId: string, text: string): Promise<StoredMessage> {
    await this.owned(agent, conversationId);
    const conversation = await this.conversation(conversationId);
    return this.say(conversation, 'agent', text, [agent.id], {
      agentId: agent.id,
      agentName: agent.name,
      internal: true,
    });
  }

  async agentTyping(agent: Agent, conversationId: string, typing: boolean): Promise<void> {
    const h = await this.owned(agent, conversationId);
    if (h.status !== 'assigned') return;
    this.deps.bus.emit({
      kind: 'typing',
      conversation: await this.conversation(conversationId),
      from: 'agent',
      typing,
      agentId: agent.id,
    });
  }

  async transfer(
    agent: Agent,
    conversationId: string,
    to: { toAgent?: string; toSkill?: string },
  ): Promise<void> {
    const h = await this.owned(agent, conversationId);
    if (to.toAgent && !(await this.deps.agents.get(to.toAgent)))
      throw new AppError('NOT_FOUND', 'No such agent.');
    const moved = await this.deps.handoffs.update(h.id, ['assigned'], {
      status: 'queued',
      assignedTo: null,
      assignedAt: null,
      targetAgent: to.toAgent ?? null,
      targetSkill: to.toSkill ?? null,
      queueKey: await this.queue.frontKey(),
    });
    if (!moved) throw new AppError('HANDOFF_STATE');
    const conversation = await this.conversation(conversationId);
    await this.say(
      conversation,
      'system',
      this.deps.translator.t('handoff.transferring', this.lang(conversation)),
      [agent.id],
    );
    this.deps.bus.emit({ kind: 'released', agentId: agent.id, conversationId, reason: 'transfer' });
    this.queue.offer(moved, await this.loads());
    this.deps.bus.emit({ kind: 'queue' });
    await this.queue.broadcastPositions();
  }

  /** Ends the chat: the bot thanks the visitor and asks for a rating, then answers again. */
  async resolve(agent: Agent, conversationId: string): Promise<void> {
    const h = await this.owned(agent, conversationId);
    const done = await this.deps.handoffs.update(h.id, ['assigned'], {
      status: 'resolved',
      resolvedAt: this.iso(),
    });
    if (!done) throw new AppError('HANDOFF_STATE');
    let conversation = await this.conversation(conversationId);
    const lang = this.lang(conversation);
    const t = this.deps.translator;
    conversation = await this.deps.conversations.update(conversationId, {
      state: { ...conversation.state, csat: { handoffId: h.id, stage: 'rating' } },
    });
    const choices = csatChoices(t, lang);
    await this.say(
      conversation,
      'bot',
      `${t.t('handoff.resolved', lang)}\n\n${t.t('csat.question', lang)}`,
      [],
      { choices, event: 'handoff' },
    );
    this.deps.bus.emit({ kind: 'released', agentId: agent.id, conversationId, reason: 'resolved' });
    this.deps.bus.emit({ kind: 'status', conversation, view: botView });
    this.deps.bus.emit({ kind: 'queue' });
  }

  /** After the grace period: the agent's chats go back to the front of the queue, and the visitors are told. */
  async agentGone(agentId: string): Promise<void> {
    for (const h of await this.deps.handoffs.list({ status: 'assigned', assignedTo: agentId })) {
      const moved = await this.deps.handoffs.update(h.id, ['assigned'], {
        status: 'queued',
        assignedTo: null,
        assignedAt: null,
        queueKey: await this.queue.frontKey(),
      });
      if (!moved) continue;
      const conversation = await this.conversation(h.conversationId);
      await this.say(
        conversation,
        'system',
        this.deps.translator.t('handoff.requeued', this.lang(conversation)),
        [],
      );
      this.deps.bus.emit({ kind: 'released', agentId, conversationId: h.conversationId, reason: 'timeout' });
      this.queue.offer(moved, await this.loads());
    }
    this.deps.bus.emit({ kind: 'queue' });
    await this.queue.broadcastPositions();
  }

  /** At start-up: chats owned by agents who are not connected go back to the queue unless they return in time. */
  async resumeAfterRestart(): Promise<void> {
    for (const h of await this.deps.handoffs.list({ status: 'assigned' }))
      if (h.assignedTo) this.presence.expectBack(h.assignedTo);
  }

  /** Every console refreshes its queue (an agent became available or away). */
  notifyQueue(): void {
    this.deps.bus.emit({ kind: 'queue' });
  }

  // ── helpers ───────────────────────────────────────────────────────────────────

  private async say(
    conversation: Conversation,
    role: NewMessage['role'],
    text: string,
    agentIds: readonly string[],
    meta: NewMessage['meta'] = {},
    clientId: string | null = null,
  ): Promise<StoredMessage> {
    const { message, duplicate } = await this.deps.conversations.append(conversation.id, {
      role,
      text,
      clientId,
      meta: { lang: this.lang(conversation), ...meta },
    });
    if (!duplicate) this.deps.bus.emit({ kind: 'message', conversation, message, agentIds });
    return message;
  }

  private async conversation(id: string): Promise<Conversation> {
    const c = await this.deps.conversations.get(id);
    if (!c) throw new AppError('NOT_FOUND', 'That conversation does not exist.');
    return c;
  }

  private lang(c: Conversation): string {
    return c.lang ?? 'en';
  }

  private iso(): string {
    return this.now().toISOString();
  }

  close(): void {
    this.presence.close();
  }
}
