import type { PresenceBoard } from './ports.js';

/**
 * Which agents are connected to the console and available: in this process, and (cluster mode, with a
 * `PresenceBoard`) in the other processes too. An agent counts as online
 * while at least one of their console tabs is connected; when the last one goes, a grace timer starts
 * and `onGone` runs only if they have not come back before it fires.
 */
export class AgentPresence {
  private readonly sockets = new Map<string, number>();
  private readonly available = new Set<string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly graceMs: number,
    private readonly onGone: (agentId: string) => void,
    private readonly board?: PresenceBoard,
  ) {
    // Another process ended: its agents who are not connected anywhere get the grace period from here.
    board?.onLost('agents', (ids) => {
      for (const id of ids) this.expectBack(id);
    });
  }

  connected(agentId: string): void {
    this.sockets.set(agentId, (this.sockets.get(agentId) ?? 0) + 1);
    const timer = this.timers.get(agentId);
    if (timer) clearTimeout(timer);
    this.timers.delete(agentId);
    this.share(agentId);
  }

  disconnected(agentId: string): void {
    if (this.closed) return;
    const left = (this.sockets.get(agentId) ?? 1) - 1;
    if (left > 0) {
      this.sockets.set(agentId, left);
      return;
    }
    this.sockets.delete(agentId);
    this.share(agentId);
    const timer = setTimeout(() => {
      this.timers.delete(agentId);
      if (!this.isOnline(agentId)) {
        this.available.delete(agentId);
        this.onGone(agentId);
      }
    }, this.graceMs);
    timer.unref();
    this.timers.set(agentId, timer);
  }

  /**
   * After a restart: an agent who owns chats but has no console connected yet gets the same grace period
   * as after a disconnect.
   */
  expectBack(agentId: string): void {
    if (this.isOnline(agentId) || this.timers.has(agentId) || this.closed) return;
    this.sockets.set(agentId, 1);
    this.disconnected(agentId);
  }

  setAvailable(agentId: string, available: boolean): void {
    if (available) this.available.add(agentId);
    else this.available.delete(agentId);
    this.share(agentId);
  }

  /** A console of theirs is connected, to this process or (cluster mode) another. */
  isOnline(agentId: string): boolean {
    return this.sockets.has(agentId) || (this.board?.remote('agents', agentId).length ?? 0) > 0;
  }

  /** Online and taking chats (an agent in their grace period is not offered new ones). */
  isAvailable(agentId: string): boolean {
    return (
      (this.available.has(agentId) && this.sockets.has(agentId)) ||
      (this.board?.remote('agents', agentId).includes('available') ?? false)
    );
  }

  /** Stops the timers; disconnections after this (the server shutting down) requeue nothing. */
  close(): void {
    this.closed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  /** Tells the other processes (cluster mode) whether the agent is here, and available. */
  private share(agentId: string): void {
    if (!this.board) return;
    const here = this.sockets.has(agentId);
    this.board.set('agents', agentId, here ? (this.available.has(agentId) ? 'available' : 'online') : null);
  }
}
