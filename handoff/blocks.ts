/**
 * Visitors an agent marked as spam: the visitor (their channel and key) for good, and the address they
 * came from for a while. Kept in the store (`BlockStore`) and cached in memory, so a check costs no read.
 */

export type BlockKind = 'visitor' | 'address';

export interface VisitorBlock {
  readonly kind: BlockKind;
  /** `channel:visitorKey` for a visitor, the client address for an address. */
  readonly value: string;
  /** ISO time the block ends; null = never. */
  readonly until: string | null;
  /** The agent who blocked (their id). */
  readonly by: string;
  readonly createdAt: string;
}

export interface BlockStore {
  add(block: Omit<VisitorBlock, 'createdAt'>): Promise<VisitorBlock>;
  /** The blocks that have not ended at `now` (ISO). */
  active(now: string): Promise<VisitorBlock[]>;
}

/** A store for tests and for desks built without one. */
export function memoryBlockStore(): BlockStore {
  const blocks: VisitorBlock[] = [];
  return {
    async add(block) {
      const b = { ...block, createdAt: new Date().toISOString() };
      blocks.push(b);
      return b;
    },
    async active(now) {
      return blocks.filter((b) => b.until === null || b.until > now);
    },
  };
}

export const visitorBlockValue = (channel: string, visitorKey: string): string => `${channel}:${visitorKey}`;

/** The blocks in force, in memory (loaded once from the store, written through). */
export class Blocklist {
  private readonly ends = new Map<string, number>();

  constructor(
    private readonly store: BlockStore,
    private readonly now: () => number = Date.now,
  ) {}

  async load(): Promise<void> {
    for (const b of await this.store.active(new Date(this.now()).toISOString())) this.remember(b);
  }

  async block(kind: BlockKind, value: string, forMs: number | null, by: string): Promise<void> {
    const until = forMs === null ? null : new Date(this.now() + forMs).toISOString();
    this.remember(await this.store.add({ kind, value, until, by }));
  }

  /** Whether the visitor, or the address they use now (when known), is blocked. */
  blocked(channel: string, visitorKey: string | null, address: string | null): boolean {
    return (
      (visitorKey !== null && this.active(`visitor|${visitorBlockValue(channel, visitorKey)}`)) ||
      (address !== null && this.active(`address|${address}`))
    );
  }

  private remember(b: VisitorBlock): void {
    this.ends.set(`${b.kind}|${b.value}`, b.until === null ? Infinity : Date.parse(b.until));
  }

  private active(key: string): boolean {
    const end = this.ends.get(key);
    if (end === undefined) return false;
    if (end > this.now()) return true;
    this.ends.delete(key);
    return false;
  }
}
