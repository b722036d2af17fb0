/**
 * Which agents are connected to the console and available, in this process. An agent counts as online
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
  ) {}

  connected(agentId: string): void {
    this.sockets.set(agentId, (this.sockets.get(agentId) ?? 0) + 1);
    const timer = this.timers.get(agentId);
    if (timer) clearTimeout(timer);
    this.timers.delete(agentId);
  }

  disconnected(agentId: string): void {
    if (this.closed) return;
    const left = (this.sockets.get(agentId) ?? 1) - 1;
    if (left > 0) {
      this.sockets.set(agentId, left);
      return;
    }
    this.sockets.delete(agentId);
    const timer = setTimeout(() => {
      this.timers.delete(agentId);
      if (!this.sockets.has(agentId)) {
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
    if (this.sockets.has(agentId) || this.timers.has(agentId)) return;
    this.sockets.set(agentId, 1);
    this.disconnected(agentId);
  }

  setAvailable(agentId: string, available: boolean): void {
    if (available) this.available.add(agentId);
    else this.available.delete(agentId);
  }

  isOnline(agentId: string): boolean {
    return this.sockets.has(agentId);
  }

  /** Online and taking chats (an agent in their grace period is not offered new ones). */
  isAvailable(agentId: string): boolean {
    return this.available.has(agentId) && this.sockets.has(agentId);
  }

  /** Agents with a console open, or within their grace period. */
  online(): string[] {
    return [...this.sockets.keys()];
  }

  /** Stops the timers; disconnections after this (the server shutting down) requeue nothing. */
  close(): void {
    this.closed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
