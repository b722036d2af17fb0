import { io, type Socket } from 'socket.io-client';

/** What one run of visitors measured. */
export interface LoadOutcome {
  turns: number;
  seconds: number;
  latenciesMs: number[];
  errors: number;
  lost: number;
  duplicated: number;
}

interface WireMessage {
  id: string;
  seq: number;
  role: string;
}

/** A distinct loopback address per visitor (127.10.x.y), as visitors come from their own addresses. */
export const visitorAddress = (i: number): string => `127.10.${Math.floor(i / 250)}.${(i % 250) + 1}`;

/**
 * One visitor: connects over WebSocket from its own loopback address and waits for the session. `converse`
 * sends the messages one at a time, each after the previous one's reply: a turn ends at the first bot message
 * after the visitor's own (seq above it). No reply within `timeoutMs` counts as lost; an ack with ok:false as
 * an error; a message id delivered twice as duplicated.
 */
class Visitor {
  readonly socket: Socket;
  private readonly seen = new Set<string>();
  private readonly visitorSeq = new Map<string, number>();
  private waiting: { messageId: string; resolve: () => void } | null = null;
  /** The highest seq of a bot or agent message so far (a reply can arrive before the ack's promise settles). */
  private lastReplySeq = -1;
  duplicated = 0;

  constructor(url: string, index: number) {
    this.socket = io(`${url}/chat`, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      localAddress: visitorAddress(index),
    } as Parameters<typeof io>[1]);
    this.socket.on('message', (m: WireMessage) => {
      if (this.seen.has(m.id)) {
        this.duplicated++;
        return;
      }
      this.seen.add(m.id);
      if (m.role === 'visitor') this.visitorSeq.set(m.id, m.seq);
      else this.lastReplySeq = Math.max(this.lastReplySeq, m.seq);
      this.check();
    });
  }

  private check(): void {
    const w = this.waiting;
    if (!w) return;
    const mine = this.visitorSeq.get(w.messageId);
    if (mine !== undefined && this.lastReplySeq > mine) {
      this.waiting = null;
      w.resolve();
    }
  }

  ready(timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const t = setTimeout(() => resolve(false), timeoutMs);
      this.socket.once('session', () => {
        clearTimeout(t);
        resolve(true);
      });
      this.socket.once('connect_error', () => {
        clearTimeout(t);
        resolve(false);
      });
    });
  }

  /** One turn: the latency in ms, 'error' (refused) or 'lost' (no ack or no reply in time). */
  async turn(id: string, text: string, timeoutMs: number): Promise<number | 'error' | 'lost'> {
    const start = performance.now();
    let ack: { ok: boolean; messageId?: string };
    try {
      ack = (await this.socket.timeout(timeoutMs).emitWithAck('send', { id, text })) as typeof ack;
    } catch {
      return 'lost';
    }
    if (!ack.ok || !ack.messageId) return 'error';
    const messageId = ack.messageId;
    const replied = await new Promise<boolean>((resolve) => {
      const t = setTimeout(() => {
        this.waiting = null;
        resolve(false);
      }, timeoutMs);
      this.waiting = {
        messageId,
        resolve: () => {
          clearTimeout(t);
          resolve(true);
        },
      };
      this.check();
    });
    return replied ? performance.now() - start : 'lost';
  }
}

/** `visitors` visitors, each sending `messages` of `texts` (cycled) one after another; bounded by the timeouts. */
export async function runVisitors(
  url: string,
  visitors: number,
  messages: number,
  texts: readonly string[],
  timeoutMs = 10_000,
): Promise<LoadOutcome> {
  const all: Visitor[] = [];
  let errors = 0;
  for (let i = 0; i < visitors; i += 50) {
    const batch = Array.from({ length: Math.min(50, visitors - i) }, (_, k) => new Visitor(url, i + k));
    all.push(...batch);
    const ok = await Promise.all(batch.map((v) => v.ready(timeoutMs)));
    errors += ok.filter((x) => !x).length;
  }
  const latenciesMs: number[] = [];
  let lost = 0;
  const start = performance.now();
  await Promise.all(
    all.map(async (v, vi) => {
      if (!v.socket.connected) return;
      for (let m = 0; m < messages; m++) {
        const text = texts[(vi * 7 + m) % texts.length] ?? 'What are your opening hours?';
        const r = await v.turn(`v${vi}m${m}`, text, timeoutMs);
        if (r === 'error') errors++;
        else if (r === 'lost') lost++;
        else latenciesMs.push(r);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  for (const v of all) v.socket.close();
  return {
    turns: latenciesMs.length,
    seconds,
    latenciesMs,
    errors,
    lost,
    duplicated: all.reduce((n, v) => n + v.duplicated, 0),
  };
}
