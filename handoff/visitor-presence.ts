import type { PresenceBoard } from './ports.js';

/**
 * Which visitors are connected, for channels with a live connection (the web chat's sockets): in this
 * process, and (cluster mode, with a `PresenceBoard`) in the others; a visitor's grace period ends only
 * when they are connected nowhere. When a visitor's last tab goes, a grace timer starts (VISITOR_GRACE_SECONDS); if they have not
 * come back before it fires, `onGone` runs (their queued chat leaves the queue). Channels without a
 * connection (Messenger, the terminal) are never tracked here: their visitors never "leave".
 */
export class VisitorPresence {
  private readonly sockets = new Map<string, { count: number; address: string | null }>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly graceMs: number,
    private readonly onGone: (channel: string, visitorKey: string) => void,
    private readonly board?: PresenceBoard,
  ) {
    // Another process ended: its visitors who are not connected anywhere get the grace period from here.
    board?.onLost('visitors', (keys) => {
      for (const key of keys) {
        const [channel, visitorKey] = key.split('\n');
        if (channel !== undefined && visitorKey !== undefined) this.expectBack(channel, visitorKey);
      }
    });
  }

  connected(channel: string, visitorKey: string, address: string): void {
    const key = keyOf(channel, visitorKey);
    const entry = this.sockets.get(key);
    this.sockets.set(key, { count: (entry?.count ?? 0) + 1, address });
    this.board?.set('visitors', key, address);
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.delete(key);
  }

  disconnected(channel: string, visitorKey: string): void {
    if (this.closed) return;
    const key = keyOf(channel, visitorKey);
    const entry = this.sockets.get(key);
    if (!entry) return;
    if (entry.count > 1) {
      this.sockets.set(key, { ...entry, count: entry.count - 1 });
      return;
    }
    this.sockets.set(key, { ...entry, count: 0 });
    this.board?.set('visitors', key, null);
    this.startGrace(key, channel, visitorKey);
  }

  /** After a restart: a visitor with a queued chat gets the grace period to reconnect. */
  expectBack(channel: string, visitorKey: string): void {
    const key = keyOf(channel, visitorKey);
    if (this.sockets.has(key) || this.elsewhere(key) || this.closed) return;
    this.sockets.set(key, { count: 0, address: null });
    this.startGrace(key, channel, visitorKey);
  }

  /** The visitor's client address while connected or within the grace period; null when unknown. */
  addressOf(channel: string, visitorKey: string): string | null {
    const key = keyOf(channel, visitorKey);
    return this.sockets.get(key)?.address ?? this.board?.remote('visitors', key)[0] ?? null;
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  private startGrace(key: string, channel: string, visitorKey: string): void {
    const timer = setTimeout(() => {
      this.timers.delete(key);
      if ((this.sockets.get(key)?.count ?? 0) > 0) return;
      this.sockets.delete(key);
      // Reconnected to another process meanwhile (cluster mode): not gone.
      if (this.elsewhere(key)) return;
      this.onGone(channel, visitorKey);
    }, this.graceMs);
    timer.unref();
    this.timers.set(key, timer);
  }

  private elsewhere(key: string): boolean {
    return (this.board?.remote('visitors', key).length ?? 0) > 0;
  }
}

const keyOf = (channel: string, visitorKey: string) => `${channel}\n${visitorKey}`;
