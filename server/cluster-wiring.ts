import { createAdapter } from '@socket.io/redis-adapter';
import type { Server as SocketServer } from 'socket.io';
import { memoryRateLimits, type RateLimits } from '../common/rate-limiter.js';
import type { TurnLock } from '../conversation/writer.js';
import type { HandoffSignal, PresenceBoard, SignalBus } from '../handoff/ports.js';
import { connectRedis, type RedisClient } from '../cluster/redis-connection.js';
import { redisRateLimits } from '../cluster/redis-rate-limits.js';
import { RedisSignalBus } from '../cluster/redis-signal-bus.js';
import { RedisPresenceBoard } from '../cluster/redis-presence.js';
import { redisTurnLock } from '../cluster/redis-lock.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { SignalHub } from './signal-hub.js';
import { LoginThrottle, maxLockoutMs, type LoginLimiter } from './login-throttle.js';
import { redisLoginThrottle } from '../cluster/redis-login-throttle.js';

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
  const conn = await connectRedis(config.redis.url, config.redis.keyPrefix, log);
  try {
    const bus = await RedisSignalBus.open(conn, hub, log);
    const board = await RedisPresenceBoard.open(conn, log);
    const timers: NodeJS.Timeout[] = [];
    log.info({ prefix: conn.prefix, processId: board.processId }, 'cluster mode: shared state in Redis');
    return {
      rateLimits: redisRateLimits(conn, log),
      bus,
      loginThrottle: (settings) =>
        redisLoginThrottle(conn, log, { ...settings, maxLockoutMs }, new LoginThrottle(settings)),
      presenceBoard: board,
      turnLock: redisTurnLock(conn, log),
      repeat: (task, ms) => {
        const timer = setInterval(() => {
          task().catch((err: unknown) => log.error({ err }, 'cluster: periodic re-read failed'));
        }, ms);
        timer.unref();
        timers.push(timer);
      },
      attach: (io) => {
        io.adapter(
          createAdapter(quietPublisher(conn.client, log), conn.subscriber, {
            key: `${conn.prefix}socket.io`,
          }),
        );
      },
      close: async () => {
        for (const t of timers) clearInterval(t);
        await board.close();
        await conn.close();
      },
    };
  } catch (err) {
    await conn.close();
    throw err;
  }
}

/**
 * The client the socket.io adapter publishes with: a publish that fails while Redis is away (the adapter
 * does not catch it) is logged instead of becoming an unhandled rejection, which would end the process.
 * Broadcasts then reach this process's sockets only.
 */
function quietPublisher(client: RedisClient, log: Logger): RedisClient {
  let warned = false;
  const publish = (channel: string, message: string | Buffer): Promise<number> =>
    client.publish(channel, message).then(
      (n) => {
        warned = false;
        return n;
      },
      (err: unknown) => {
        if (!warned)
          log.warn({ err }, 'socket.io broadcasts reach this process only while Redis does not answer');
        warned = true;
        return 0;
      },
    );
  return new Proxy(client, {
    get(target, prop) {
      if (prop === 'publish') return publish;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
