import { RateLimiter, takeAll, type RateCheck, type RateDecision } from '../../common/rate-limiter.js';
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

function limiter(limit: number, windowMs: number): RateLimiter | null {
  return limit > 0 ? new RateLimiter(limit, windowMs) : null;
}

/** A pair of limiters for one action: per visitor key and per client address. */
interface Pair {
  readonly visitor: RateLimiter | null;
  readonly address: RateLimiter | null;
}

function pair(limit: number, windowMs: number, ipFactor: number): Pair {
  return { visitor: limiter(limit, windowMs), address: limiter(limit * ipFactor, windowMs) };
}

/**
 * The web chat's rate limits, per client address and per visitor key (the hashed visitor token), checked
 * before anything is parsed further, stored or matched, so a flood is refused cheaply.
 */
export class ChatLimits {
  private readonly connections: RateLimiter | null;
  private readonly actions: Record<ChatAction, Pair>;

  constructor(s: ChatLimitSettings) {
    this.connections = limiter(s.connectionsPerMinute, minute);
    this.actions = {
      message: pair(s.messagesPerMinute, minute, s.ipFactor),
      suggestion: pair(s.suggestionsPerMinute, minute, s.ipFactor),
      escalation: pair(s.escalationsPerHour, 60 * minute, s.ipFactor),
    };
  }

  /** A new connection from `address`. */
  connect(address: string): RateDecision {
    return takeAll([[this.connections, address]]);
  }

  /** One of each action, all or none, for this visitor at this address. */
  take(actions: readonly ChatAction[], address: string, visitorKey: string): RateDecision {
    const checks: RateCheck[] = [];
    for (const a of actions) {
      const p = this.actions[a];
      checks.push([p.visitor, visitorKey], [p.address, address]);
    }
    return takeAll(checks);
  }
}

const escalations = new Set<string>([handoffPostbacks.request, formPostback.confirm]);

/** What a `send` counts as: a message, and an escalation when it asks for a person or submits a form. */
export function sendActions(postback: unknown): ChatAction[] {
  return typeof postback === 'string' && escalations.has(postback) ? ['message', 'escalation'] : ['message'];
}
