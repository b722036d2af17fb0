import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { StoredMessage } from '../conversation/types.js';
import type { TurnResult } from '../bot/turn.js';

/** What a turn decided, from its replies: the label of `frontdesk_turns_total`. */
export function turnDecision(replies: readonly StoredMessage[]): string {
  const events = new Set(replies.map((r) => r.meta.event ?? null));
  if (events.has('handoff')) return 'handoff';
  if (events.has('ticket')) return 'ticket';
  if (replies.some((r) => typeof r.meta.articleId === 'string')) return 'answer';
  if (events.has('clarify')) return 'clarify';
  if (events.has('unresolved')) return 'unresolved';
  if (events.has('form') || events.has('form-done')) return 'form';
  if (events.has('lang')) return 'language';
  if (replies.length === 0) return 'none';
  return 'other';
}

export interface MetricsSources {
  /** Chats waiting in the agent queue and tickets not solved or closed, counted by the store. */
  live(): Promise<{ queuedHandoffs: number; openTickets: number }>;
  /** The live KB's article count per language. */
  kbArticles(): ReadonlyArray<{ lang: string; articles: number }>;
}

/**
 * The Prometheus metrics (prom-client, a registry of its own per server): turns by channel, language and
 * decision; turn latency; delivery failures per channel; and, read at each scrape, the queue length, open
 * tickets and KB articles. Node's default process metrics are left out.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly turns = new Counter({
    name: 'frontdesk_turns_total',
    help: "Visitor turns the bot handled, by channel, language and the turn's decision.",
    labelNames: ['channel', 'lang', 'decision'] as const,
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'frontdesk_turn_duration_seconds',
    help: 'How long a visitor turn took, from receipt to stored replies.',
    labelNames: ['channel'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  private readonly failures = new Counter({
    name: 'frontdesk_delivery_failures_total',
    help: 'Messages a channel could not deliver (agent replies, notices, ticket updates), by channel.',
    labelNames: ['channel'] as const,
    registers: [this.registry],
  });

  private readonly embeddingsFailures = new Counter({
    name: 'frontdesk_embeddings_failures_total',
    help: 'Calls to the embedding server (EMBEDDINGS_URL) that failed and fell back to lexical matching, by reason.',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  constructor(sources: MetricsSources) {
    const registers = [this.registry];
    let live: Promise<{ queuedHandoffs: number; openTickets: number }> | null = null;
    /** One store read per scrape for both gauges. */
    const liveOnce = () => {
      live ??= sources.live().finally(() => setTimeout(() => (live = null), 0));
      return live;
    };
    new Gauge({
      name: 'frontdesk_queue_length',
      help: 'Chats waiting in the agent queue.',
      registers,
      async collect() {
        this.set((await liveOnce()).queuedHandoffs);
      },
    });
    new Gauge({
      name: 'frontdesk_open_tickets',
      help: 'Tickets not solved or closed.',
      registers,
      async collect() {
        this.set((await liveOnce()).openTickets);
      },
    });
    new Gauge({
      name: 'frontdesk_kb_articles',
      help: 'Articles in the live knowledge base, by language.',
      labelNames: ['lang'] as const,
      registers,
      collect() {
        this.reset();
        for (const { lang, articles } of sources.kbArticles()) this.set({ lang }, articles);
      },
    });
  }

  turn(result: TurnResult, ms: number): void {
    const channel = result.conversation.channel;
    const lang = result.replies.at(-1)?.meta.lang ?? result.conversation.lang ?? 'unknown';
    this.turns.inc({ channel, lang, decision: turnDecision(result.replies) });
    this.latency.observe({ channel }, ms / 1000);
  }

  deliveryFailed(channel: string): void {
    this.failures.inc({ channel });
  }

  /** A failed call to the embedding server: a timeout, unreachable, an HTTP error or an invalid answer. */
  embeddingsFailed(reason: string): void {
    this.embeddingsFailures.inc({ reason });
  }
}
