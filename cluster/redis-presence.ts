import { randomUUID } from 'node:crypto';
import type { PresenceBoard, PresenceKind } from '../handoff/ports.js';
import type { RedisConnection, RedisLog } from './redis-connection.js';

const kinds: readonly PresenceKind[] = ['agents', 'visitors'];

type Entries = Map<PresenceKind, Map<string, string>>;

/** A change one process announces: an entry set or removed, or the process gone. */
type Announcement =
  | { readonly p: string; readonly k: PresenceKind; readonly id: string; readonly v: string | null }
  | { readonly p: string; readonly gone: true };

export interface PresenceTiming {
  /** How often a process says it is alive and re-reads everyone's entries; default 5 s. */
  readonly heartbeatMs?: number;
  /** A process silent this long is dead: its entries are dropped and its ids lost; default 15 s. */
  readonly ttlMs?: number;
}

const emptyEntries = (): Entries => new Map(kinds.map((k) => [k, new Map<string, string>()]));

/**
 * Presence shared through Redis. Each process keeps its entries in a hash per kind (`presence:<kind>:<id>`)
 * and a heartbeat key (`presence:alive:<id>`), both expiring after `ttlMs` unless refreshed; changes are
 * announced on a channel so the others' copies follow at once, and every heartbeat re-reads everything
 * (which also mends a missed announcement). A process that closes says so; one killed is noticed when its
 * heartbeat expires. Either way its ids go to the `onLost` listeners (the desk starts their grace periods).
 */
export class RedisPresenceBoard implements PresenceBoard {
  readonly processId = randomUUID();
  private readonly own: Entries = emptyEntries();
  private readonly others = new Map<string, Entries>();
  private readonly listeners = new Map<PresenceKind, Array<(ids: readonly string[]) => void>>();
  private readonly changeListeners = new Map<PresenceKind, Array<(id: string) => void>>();
  private readonly heartbeatMs: number;
  private readonly ttlMs: number;
  private readonly channel: string;
  private timer: NodeJS.Timeout | null = null;
  /** Announcements received while `readOthers` runs (applied again after its snapshots). */
  private replay: Array<Extract<Announcement, { k: PresenceKind }>> | null = null;
  /**
   * Processes that said they left: never taken up again (a process id is used once), even by a snapshot
   * read just before they left. (One whose heartbeat expired comes back if it beats again: it was cut off.)
   */
  private readonly departed = new Set<string>();
  private stale = false;
  private beaten = false;
  private closed = false;

  private constructor(
    private readonly conn: RedisConnection,
    private readonly log: RedisLog,
    timing: PresenceTiming,
  ) {
    this.heartbeatMs = timing.heartbeatMs ?? 5000;
    this.ttlMs = timing.ttlMs ?? 15_000;
    this.channel = `${conn.prefix}presence`;
  }

  /** Joins: announces this process and reads the others' entries before returning. */
  static async open(
    conn: RedisConnection,
    log: RedisLog,
    timing: PresenceTiming = {},
  ): Promise<RedisPresenceBoard> {
    const board = new RedisPresenceBoard(conn, log, timing);
    await conn.subscriber.subscribe(board.channel, (raw: string) => board.received(raw));
    await board.beat();
    board.timer = setInterval(() => void board.beat(), board.heartbeatMs);
    board.timer.unref();
    return board;
  }

  set(kind: PresenceKind, id: string, value: string | null): void {
    const mine = this.own.get(kind) as Map<string, string>;
    if (value === null) mine.delete(id);
    else mine.set(id, value);
    if (this.closed || !this.conn.isReady()) {
      this.stale = true;
      return;
    }
    const key = this.hashKey(kind, this.processId);
    const announcement: Announcement = { p: this.processId, k: kind, id, v: value };
    const multi = this.conn.client.multi();
    if (value === null) multi.hDel(key, id);
    else multi.hSet(key, id, value).pExpire(key, this.ttlMs);
    multi
      .publish(this.channel, JSON.stringify(announcement))
      .exec()
      .catch((err: unknown) => {
        this.stale = true;
        this.log.warn({ err }, 'presence not shared while Redis does not answer');
      });
  }

  remote(kind: PresenceKind, id: string): readonly string[] {
    const values: string[] = [];
    for (const entries of this.others.values()) {
      const v = entries.get(kind)?.get(id);
      if (v !== undefined) values.push(v);
    }
    return values;
  }

  onLost(kind: PresenceKind, listener: (ids: readonly string[]) => void): void {
    const list = this.listeners.get(kind) ?? [];
    list.push(listener);
    this.listeners.set(kind, list);
  }

  onChange(kind: PresenceKind, listener: (id: string) => void): void {
    const list = this.changeListeners.get(kind) ?? [];
    list.push(listener);
    this.changeListeners.set(kind, list);
  }

  /** Leaves: the entries are deleted and the others told (they start the grace periods of its ids). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    if (!this.conn.isReady()) return;
    const gone: Announcement = { p: this.processId, gone: true };
    await this.conn.client
      .multi()
      .del([this.aliveKey(this.processId), ...kinds.map((k) => this.hashKey(k, this.processId))])
      .sRem(this.membersKey(), this.processId)
      .publish(this.channel, JSON.stringify(gone))
      .exec()
      .catch(() => undefined);
  }

  /** Says this process is alive (rewriting its entries after an outage) and re-reads the others. */
  async beat(): Promise<void> {
    if (this.closed) return;
    if (!this.conn.isReady()) {
      // Others may drop this process's entries meanwhile: they are written again once Redis is back.
      this.stale = true;
      return;
    }
    try {
      const multi = this.conn.client
        .multi()
        .exists(this.aliveKey(this.processId))
        .set(this.aliveKey(this.processId), '1', { PX: this.ttlMs })
        .sAdd(this.membersKey(), this.processId);
      for (const kind of kinds) {
        const key = this.hashKey(kind, this.processId);
        if (this.stale) {
          multi.del(key);
          const mine = this.own.get(kind) as Map<string, string>;
          if (mine.size > 0) multi.hSet(key, Object.fromEntries(mine));
        }
        multi.pExpire(key, this.ttlMs);
      }
      const [existed] = await multi.exec();
      const wasStale = this.stale;
      this.stale = false;
      // The heartbeat had expired (this process was stalled longer than the TTL): the others dropped its
      // entries, so they are written again at once.
      if (Number(existed) === 0 && this.beaten && !wasStale) {
        this.stale = true;
        await this.beat();
        return;
      }
      this.beaten = true;
      await this.readOthers();
    } catch (err) {
      this.stale = true;
      this.log.warn({ err }, 'presence heartbeat failed; retrying');
    }
  }

  /**
   * Re-reads every live process's entries. Announcements arriving meanwhile are applied again on top of
   * the snapshots (a snapshot read before an announcement's write would otherwise undo it until the next
   * heartbeat); a process that has gone is never brought back by a snapshot read before it left.
   */
  private async readOthers(): Promise<void> {
    this.replay = [];
    try {
      const members = (await this.conn.client.sMembers(this.membersKey())).filter(
        (p) => p !== this.processId && !this.departed.has(p),
      );
      const live = new Set<string>();
      for (const p of members) {
        if ((await this.conn.client.exists(this.aliveKey(p))) === 0) {
          await this.conn.client
            .multi()
            .sRem(this.membersKey(), p)
            .del(kinds.map((k) => this.hashKey(k, p)))
            .exec();
          continue;
        }
        live.add(p);
        const entries = emptyEntries();
        for (const kind of kinds)
          for (const [id, v] of Object.entries(await this.conn.client.hGetAll(this.hashKey(kind, p))))
            entries.get(kind)?.set(id, v);
        if (!this.closed && !this.departed.has(p)) this.others.set(p, entries);
      }
      for (const p of [...this.others.keys()]) if (!live.has(p)) this.lose(p);
      for (const a of this.replay) if (!this.departed.has(a.p)) this.apply(a, false);
    } finally {
      this.replay = null;
    }
  }

  private received(raw: string): void {
    let a: Announcement;
    try {
      a = JSON.parse(raw) as Announcement;
    } catch {
      return;
    }
    if (a.p === this.processId || this.closed || this.departed.has(a.p)) return;
    if ('gone' in a) {
      this.departed.add(a.p);
      this.lose(a.p);
      return;
    }
    if (!kinds.includes(a.k)) return;
    this.replay?.push(a);
    this.apply(a, true);
  }

  private apply(a: Extract<Announcement, { k: PresenceKind }>, tell: boolean): void {
    let entries = this.others.get(a.p);
    if (!entries) {
      entries = emptyEntries();
      this.others.set(a.p, entries);
    }
    const map = entries.get(a.k) as Map<string, string>;
    if (a.v === null) map.delete(a.id);
    else map.set(a.id, a.v);
    if (tell) for (const listener of this.changeListeners.get(a.k) ?? []) listener(a.id);
  }

  private lose(p: string): void {
    const entries = this.others.get(p);
    this.others.delete(p);
    if (!entries || this.closed) return;
    for (const kind of kinds) {
      const ids = [...(entries.get(kind)?.keys() ?? [])];
      if (ids.length === 0) continue;
      for (const listener of this.listeners.get(kind) ?? []) listener(ids);
      for (const listener of this.changeListeners.get(kind) ?? []) for (const id of ids) listener(id);
    }
  }

  private membersKey(): string {
    return `${this.conn.prefix}presence:processes`;
  }

  private aliveKey(p: string): string {
    return `${this.conn.prefix}presence:alive:${p}`;
  }

  private hashKey(kind: PresenceKind, p: string): string {
    return `${this.conn.prefix}presence:${kind}:${p}`;
  }
}
