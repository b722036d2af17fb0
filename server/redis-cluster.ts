import { createAdapter } from '@socket.io/redis-adapter';
import { connectRedis, type RedisClient } from '../cluster/redis-connection.js';
import { redisRateLimits } from '../cluster/redis-rate-limits.js';
import { RedisSignalBus } from '../cluster/redis-signal-bus.js';
import { RedisPresenceBoard } from '../cluster/redis-presence.js';
import { redisTurnLock } from '../cluster/redis-lock.js';
import { redisLoginThrottle } from '../cluster/redis-login-throttle.js';
import type { Cluster } from './cluster-wiring.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import type { SignalHub } from './signal-hub.js';
import { LoginThrottle, maxLockoutMs } from './login-throttle.js';

/**
 * The cluster mode's parts (REDIS_URL): shared signals, presence, rate limits, lockouts and turn order in
 * Redis, and socket.io's Redis adapter. An unreachable Redis fails here (AppError REDIS_UNAVAILABLE).
 */
export async function openRedisCluster(
  redis: NonNullable<Config['redis']>,
  hub: SignalHub,
  log: Logger,
): Promise<Cluster> {
  const conn = await connectRedis(redis.url, redis.keyPrefix, log);
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
