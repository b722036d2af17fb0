import { describe, expect, it } from '@jest/globals';
import { AppError } from '../common/errors.js';
import { connectRedis, maskRedisUrl, redisUnreachableMessage } from './redis-connection.js';
import { recordingLog } from '../test/helpers/redis.js';

describe('the Redis connection (REDIS_URL)', () => {
  it('fails the start with one clear line: host, reason, the URL with its password masked', async () => {
    // Port 1 on this machine: nothing listens, the connection is refused at once.
    const url = 'redis://frontdesk:s3cret-pw@127.0.0.1:1/0';
    const err = await connectRedis(url, 'x:', recordingLog()).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    const message = (err as AppError).message;
    expect((err as AppError).id).toBe('REDIS_UNAVAILABLE');
    expect(message).toMatch(/^Cannot connect to Redis at 127\.0\.0\.1:1: .*ECONNREFUSED/);
    expect(message).toContain('redis://frontdesk:****@127.0.0.1:1/0');
    expect(message).not.toContain('s3cret-pw');
    expect(message).not.toContain('\n');
  });

  it('masks a password without a user name, and leaves a URL without one as it is', () => {
    expect(maskRedisUrl('rediss://:pw@cache.example:6380')).toBe('rediss://:****@cache.example:6380');
    expect(maskRedisUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
    expect(redisUnreachableMessage('redis://:pw@h:1', new Error('auth pw refused'))).not.toContain(
      'pw refused',
    );
  });
});
