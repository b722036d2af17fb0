import type { HandoffDesk, HandoffOutcome } from '../bot/ports.js';
import type { Conversation, StoredMessage } from '../conversation/types.js';
import type { AgentDesk } from './ports.js';
import type { Agent, Csat, Handoff, HandoffView } from './types.js';
import { DeskContext, type HandoffDeskDeps } from './desk-context.js';
import { AgentPresence } from './presence.js';
import { HandoffQueue } from './queue.js';
import type { AgentLoad } from './routing.js';
import { VisitorDesk } from './visitor-desk.js';
import { claim } from './commands/claim.js';
import { agentMessage, agentTyping } from './commands/message.js';
import { note } from './commands/note.js';
import { transfer } from './commands/transfer.js';
import { resolve } from './commands/resolve.js';
import { agentGone, resumeAfterRestart } from './requeue.js';
import { markSpam } from './commands/spam.js';
import { VisitorPresence } from './visitor-presence.js';
import { expectVisitorsBack, visitorGone } from './visitor-gone.js';
import { Blocklist, memoryBlockStore } from './blocks.js';

export type HandoffServiceDeps = HandoffDeskDeps;

/**
 * The live-agent desk, composed: the visitor's side (`VisitorDesk`, the bot's `HandoffDesk` port), one
 * command per agent action (handoff/commands/), requeue and restart recovery (handoff/requeue.ts), and
 * agents' presence. All state that matters is in the store (a restart keeps who owns what); presence is
 * per process, or shared by the processes through a `PresenceBoard` (cluster mode).
 */
export class HandoffService implements HandoffDesk, AgentDesk {
  private readonly ctx: DeskContext;
  private readonly visitors: VisitorDesk;
  private readonly presence: AgentPresence;
  private readonly visitorPresence: VisitorPresence;
  private readonly blocks: Blocklist;

  constructor(deps: HandoffServiceDeps) {
    this.presence = new AgentPresence(
      deps.graceMs,
      (id) => {
        agentGone(this.ctx, id).catch((err: unknown) => deps.onError?.(err));
      },
      deps.presenceBoard,
    );
    this.visitorPresence = new VisitorPresence(
      deps.visitorGraceMs ?? 120_000,
      (channel, key) => {
        visitorGone(this.ctx, channel, key).catch((err: unknown) => deps.onError?.(err));
      },
      deps.presenceBoard,
    );
    this.blocks = new Blocklist(deps.blocks ?? memoryBlockStore());
    const queue = new HandoffQueue({ ...deps, presence: this.presence });
    this.ctx = new DeskContext(deps, queue, this.presence, this.visitorPresence, this.blocks);
    this.visitors = new VisitorDesk(this.ctx);
  }

  // ── the visitor side (HandoffDesk) ─────────────────────────────────────────────
  isActive = (conversationId: string): Promise<boolean> => this.visitors.isActive(conversationId);
  request = (c: Conversation, input: Parameters<HandoffDesk['request']>[1]): Promise<HandoffOutcome> =>
    this.visitors.request(c, input);
  visitorMessage = (c: Conversation, m: StoredMessage): Promise<void> => this.visitors.visitorMessage(c, m);
  visitorTyping = (c: Conversation, typing: boolean): Promise<void> => this.visitors.visitorTyping(c, typing);
  cancel = (c: Conversation): Promise<boolean> => this.visitors.cancel(c);
  recordCsat = (handoffId: string, csat: Partial<Csat>): Promise<void> =>
    this.visitors.recordCsat(handoffId, csat);
  pendingContact = (c: Conversation): Promise<void> => this.visitors.pendingContact(c);
  view = (conversationId: string): Promise<HandoffView> => this.visitors.view(conversationId);

  // ── the agent side (AgentDesk) ─────────────────────────────────────────────────
  loads = (): Promise<AgentLoad[]> => this.ctx.queue.loads();
  queueFor = (agent: Agent): Promise<{ queue: Handoff[]; mine: Handoff[] }> => this.ctx.queue.queueFor(agent);
  claim = (agent: Agent, handoffId: string): Promise<Handoff> => claim(this.ctx, agent, handoffId);
  owned = (agent: Agent, conversationId: string): Promise<Handoff> => this.ctx.owned(agent, conversationId);
  agentMessage = (
    agent: Agent,
    conversationId: string,
    text: string,
    clientId: string,
  ): Promise<StoredMessage> => agentMessage(this.ctx, agent, conversationId, text, clientId);
  note = (agent: Agent, conversationId: string, text: string): Promise<StoredMessage> =>
    note(this.ctx, agent, conversationId, text);
  agentTyping = (agent: Agent, conversationId: string, typing: boolean): Promise<void> =>
    agentTyping(this.ctx, agent, conversationId, typing);
  transfer = (
    agent: Agent,
    conversationId: string,
    to: { toAgent?: string; toSkill?: string },
  ): Promise<void> => transfer(this.ctx, agent, conversationId, to);
  resolve = (agent: Agent, conversationId: string): Promise<void> => resolve(this.ctx, agent, conversationId);
  markSpam = (agent: Agent, conversationId: string): Promise<void> =>
    markSpam(this.ctx, agent, conversationId);

  // ── presence ───────────────────────────────────────────────────────────────────
  connected = (agentId: string): void => this.presence.connected(agentId);
  disconnected = (agentId: string): void => this.presence.disconnected(agentId);
  isOnline = (agentId: string): boolean => this.presence.isOnline(agentId);
  isAvailable = (agentId: string): boolean => this.presence.isAvailable(agentId);
  onPresenceChanged = (listener: (agentId: string) => void): void =>
    this.ctx.deps.presenceBoard?.onChange('agents', listener);
  /** Available or away; every console refreshes its queue. */
  setAvailable = (agentId: string, available: boolean): void => {
    this.presence.setAvailable(agentId, available);
    this.ctx.deps.bus.emit({ kind: 'queue' });
  };

  // ── visitors with a connection (the web chat): presence, blocks ─────────────────
  visitorConnected = (channel: string, visitorKey: string, address: string): void =>
    this.visitorPresence.connected(channel, visitorKey, address);
  visitorDisconnected = (channel: string, visitorKey: string): void =>
    this.visitorPresence.disconnected(channel, visitorKey);
  /** The client address of a connected visitor (or one within their grace period); null when unknown. */
  visitorAddress = (channel: string, visitorKey: string): string | null =>
    this.visitorPresence.addressOf(channel, visitorKey);
  /** Whether the visitor, or the address they connect from, is blocked (marked as spam). */
  isBlocked = (channel: string, visitorKey: string | null, address: string | null): boolean =>
    this.blocks.blocked(channel, visitorKey, address);

  /** Reads the blocks in force from the store again (cluster mode: blocks another process made). */
  reloadBlocks = (): Promise<void> => this.blocks.load();

  // ── requeue and recovery ───────────────────────────────────────────────────────
  agentGone = (agentId: string): Promise<void> => agentGone(this.ctx, agentId);
  /** At start-up: loads the blocks, gives absent agents and visitors their grace period. */
  /**
   * At start-up: loads the blocks; with `requeue` (the default; in a cluster only the worker that runs the
   * singletons), gives absent agents and queued visitors their grace period to come back.
   */
  resumeAfterRestart = async (options: { requeue?: boolean } = {}): Promise<void> => {
    await this.blocks.load();
    if (options.requeue === false) return;
    await resumeAfterRestart(this.ctx);
    await expectVisitorsBack(this.ctx);
  };

  close(): void {
    this.presence.close();
    this.visitorPresence.close();
  }
}
