import {
  memoryRateLimits,
  type Limit,
  type LimitCheck,
  type RateDecision,
  type RateLimits,
} from '../../common/rate-limiter.js';
import { formPostback } from '../../bot/forms/dialog.js';
import { handoffPostbacks } from './events.js';

/** The web chat's limits (RATE_LIMIT_* settings); 0 turns one off. */
export interface ChatLimitSettings {
  /** New /chat connections per client address per minute. */
  readonly connectionsPerMinute: number;
  /** Messages per visitor per minute. */
  readonly messagesPerMinute: number;
  /** Suggestion requests per visitor per minute. */
  readonly suggestionsPerMinute: number;
  /** Handoff requests and submitted forms (tickets) per visitor per hour. */
  readonly escalationsPerHour: number;
  /** Per-address limits are this many times the per-visitor ones (an office's visitors share one NAT). */
  readonly ipFactor: number;
}

export type ChatAction = 'message' | 'suggestion' | 'escalation';

const minute = 60_000;

/** A pair of limiters for one action: per visitor key and per client address. */
interface Pair {
  readonly visitor: Limit | null;
  readonly address: Limit | null;
}

/**
 * The web chat's rate limits, per client address and per visitor key (the hashed visitor token), checked
 * before anything is parsed further, stored or matched, so a flood is refused cheaply.
 */
export class ChatLimits {
  private readonly connections: Limit | null;
  private readonly actions: Record<ChatAction, Pair>;

  /** `limits`: where they are counted (this process's memory unless given; Redis in the cluster mode). */
  constructor(
    s: ChatLimitSettings,
    private readonly limits: RateLimits = memoryRateLimits(),
  ) {
    const pair = (name: string, limit: number, windowMs: number): Pair => ({
      visitor: limits.limiter(`chat-${name}-visitor`, limit, windowMs),
      address: limits.limiter(`chat-${name}-address`, limit * s.ipFactor, windowMs),
    });
    this.connections = limits.limiter('chat-connect-address', s.connectionsPerMinute, minute);
    this.actions = {
      message: pair('message', s.messagesPerMinute, minute),
      suggestion: pair('suggestion', s.suggestionsPerMinute, minute),
      escalation: pair('escalation', s.escalationsPerHour, 60 * minute),
    };
  }

  /** A new connection from `address`. */
  connect(address: string): Promise<RateDecision> {
    return this.limits.takeAll([[this.connections, address]]);
  }

  /** One of each action, all or none, for this visitor at this address. */
  take(actions: readonly ChatAction[], address: string, visitorKey: string): Promise<RateDecision> {
    const checks: LimitCheck[] = [];
    for (const a of actions) {
      const p = this.actions[a];
      checks.push([p.visitor, visitorKey], [p.address, address]);
    }
    return this.limits.takeAll(checks);
  }
}

const escalations = new Set<string>([handoffPostbacks.request, formPostback.confirm]);

/** What a `send` counts as: a message, and an escalation when it asks for a person or submits a form. */
export function sendActions(postback: unknown): ChatAction[] {
  return typeof postback === 'string' && escalations.has(postback) ? ['message', 'escalation'] : ['message'];
}
