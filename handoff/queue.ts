import type { ConversationStore } from '../conversation/ports.js';
import type { OutboxPort } from '../conversation/outbox.js';
import type { AgentStore, HandoffStore, SignalBus } from './ports.js';
import type { Agent, Handoff, HandoffView } from './types.js';
import { botView } from './types.js';
import type { AgentPresence } from './presence.js';
import { canTake, estimateWait, rankAgents, type AgentLoad } from './routing.js';

export interface HandoffQueueDeps {
  readonly conversations: ConversationStore;
  readonly handoffs: HandoffStore;
  readonly agents: AgentStore;
  readonly bus: SignalBus;
  readonly outbox: OutboxPort;
  readonly presence: AgentPresence;
  /** For wait estimates until there is history. */
  readonly defaultHandleMinutes?: number;
}

/** The queue as people see it: agents' loads, each agent's view, the visitors' places and waits, offers. */
export class HandoffQueue {
  constructor(private readonly deps: HandoffQueueDeps) {}

  private get presence(): AgentPresence {
    return this.deps.presence;
  }

  /** The visitor's view: the bot, their place in the queue with an estimate, or the agent's name. */
  async view(conversationId: string): Promise<HandoffView> {
    const h = await this.deps.handoffs.active(conversationId);
    if (!h) return botView;
    if (h.status === 'assigned' && h.assignedTo) {
      const agent = await this.deps.agents.get(h.assignedTo);
      return { state: 'agent', position: null, etaMinutes: null, agentName: agent?.name ?? null };
    }
    // Only the chats that wait for the same agents count: those in the visitor's language (and, for a
    // transfer, with the same target); a queue of other languages does not make this visitor wait.
    const queued = (await this.deps.handoffs.list({ status: 'queued' })).filter(
      (q) => q.lang === h.lang && q.targetAgent === h.targetAgent && q.targetSkill === h.targetSkill,
    );
    const position = queued.findIndex((q) => q.id === h.id) + 1;
    const eligible = rankAgents(h, await this.loads()).length;
    return {
      state: 'queued',
      position,
      etaMinutes: estimateWait(position, eligible, this.deps.defaultHandleMinutes ?? 5),
      agentName: null,
    };
  }

  /** Every agent with whether they take chats now and how many they own. */
  async loads(): Promise<AgentLoad[]> {
    const [agents, assigned] = await Promise.all([
      this.deps.agents.list(),
      this.deps.handoffs.list({ status: 'assigned' }),
    ]);
    return agents.map((agent) => ({
      agent,
      available: this.presence.isAvailable(agent.id),
      active: assigned.filter((h) => h.assignedTo === agent.id).length,
    }));
  }

  /** What this agent may claim (offered to them by routing; admins see the whole queue) and their own chats. */
  async queueFor(agent: Agent): Promise<{ queue: Handoff[]; mine: Handoff[] }> {
    const [queued, mine, loads] = await Promise.all([
      this.deps.handoffs.list({ status: 'queued' }),
      this.deps.handoffs.list({ status: 'assigned', assignedTo: agent.id }),
      this.loads(),
    ]);
    const me = loads.find((l) => l.agent.id === agent.id);
    // Routing by language: a chat shows to agents who speak its language, or to everyone who could take
    // it when no such agent is available; transfers show only to their target.
    const queue = queued.filter((h) => {
      if (agent.role === 'admin') return true;
      if (!me || !canTake({ ...me, available: true }, h)) return false;
      if (agent.languages.includes(h.lang)) return true;
      return !loads.some((l) => l.agent.languages.includes(h.lang) && canTake(l, h));
    });
    return { queue, mine };
  }

  offer(h: Handoff, loads: readonly AgentLoad[]): void {
    const first = rankAgents(h, loads)[0];
    if (first) this.deps.bus.emit({ kind: 'offer', agentId: first.agent.id, handoff: h });
  }

  async broadcastPositions(): Promise<void> {
    for (const h of await this.deps.handoffs.list({ status: 'queued' })) {
      const conversation = await this.deps.conversations.get(h.conversationId);
      if (conversation) await this.deps.outbox.status(conversation, await this.view(h.conversationId));
    }
  }

  async frontKey(): Promise<number> {
    const queued = await this.deps.handoffs.list({ status: 'queued' });
    return Math.min(Date.now(), ...queued.map((q) => q.queueKey)) - 1;
  }
}
