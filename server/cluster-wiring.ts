import type { Server as SocketServer } from 'socket.io';
import { memoryRateLimits, type RateLimits } from '../common/rate-limiter.js';
import type { TurnLock } from '../conversation/writer.js';
import type { HandoffSignal, PresenceBoard, SignalBus } from '../handoff/ports.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { SignalHub } from './signal-hub.js';
import { LoginThrottle, type LoginLimiter } from './login-throttle.js';

/**
 * What makes several Frontdesk processes behave as one (REDIS_URL set), or this process alone (unset: no
 * Redis connection, everything in memory as before).
 */
export interface Cluster {
  /** Where rate limits are counted. */
  readonly rateLimits: RateLimits;
  /** The handoff desk's signals to the agent consoles, with the gateways' `on`. */
  readonly bus: SignalBus & {
    on(listener: (signal: HandoffSignal) => void | Promise<void>): void;
  };
  /** Console sign-in throttling (in Redis in cluster mode). */
  loginThrottle(settings: { maxFailures: number; lockoutMs: number }): LoginLimiter;
  /** Shared presence (cluster mode only). */
  readonly presenceBoard?: PresenceBoard;
  /** One turn at a time per visitor across processes (cluster mode only). */
  readonly turnLock?: TurnLock;
  /**
   * Runs `task` every `ms` while the process runs (cluster mode only: re-reading what other processes
   * wrote, e.g. spam blocks); a failure is logged.
   */
  repeat(task: () => Promise<void>, ms: number): void;
  /** Puts socket.io's Redis adapter on every namespace (cluster mode), so a room spans the processes. */
  attach(io: SocketServer): void;
  close(): Promise<void>;
}

/** Opens the cluster parts; with REDIS_URL set, an unreachable Redis fails here (AppError REDIS_UNAVAILABLE). */
export async function openCluster(config: Config, log: Logger): Promise<Cluster> {
  const hub = new SignalHub(log);
  if (!config.redis) {
    return {
      rateLimits: memoryRateLimits(),
      bus: hub,
      loginThrottle: (settings) => new LoginThrottle(settings),
      repeat: () => undefined,
      attach: () => undefined,
      close: async () => undefined,
    };
  }
  // Loaded only in cluster mode: one process starts without the Redis client's modules.
  const { openRedisCluster } = await import('./redis-cluster.js');
  return openRedisCluster(config.redis, hub, log);
}
