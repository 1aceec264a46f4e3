import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Redis } from 'ioredis';
import type { Config } from '../../config.js';

/** Prefix of every rate-limit counter in Redis (route limits add method + URL after it). */
export const RATE_LIMIT_NAMESPACE = 'autoyard-rl:';

/** Bounds on a Redis round trip: a slow or absent Redis must not hold requests up for long. */
const REDIS_TIMEOUT_MS = 500;

/** A Redis client for the shared rate-limit store; fails fast when Redis is unreachable. */
export function createRateLimitRedis(url: string): Redis {
  return new Redis(url, {
    lazyConnect: true,
    connectTimeout: REDIS_TIMEOUT_MS,
    commandTimeout: REDIS_TIMEOUT_MS,
    maxRetriesPerRequest: 1,
    // Without a connection a limit check fails at once (and is skipped) instead of queueing.
    enableOfflineQueue: false,
  });
}

/**
 * Registers @fastify/rate-limit for the whole app: per client IP (`request.ip`), counted in Redis when
 * REDIS_URL is set (shared by every process, kept across restarts), in process memory otherwise. Route
 * limits (`config.rateLimit`) and `app.createRateLimit` limiters use the same store.
 *
 * When Redis is down, requests are served without limits (skipOnError) and a warning is logged once per
 * outage: an outage of the limiter should not become an outage of the site.
 */
export const rateLimitPlugin = fp(async (app: FastifyInstance, opts: { config: Config }) => {
  const { config } = opts;
  let redis: Redis | undefined;
  if (config.redisUrl) {
    const client = createRateLimitRedis(config.redisUrl);
    redis = client;
    let down = false;
    client.on('error', (err: Error) => {
      if (down) return;
      down = true;
      app.log.warn({ err }, 'rate-limit store (Redis) unavailable: serving without rate limits');
    });
    client.on('ready', () => {
      if (!down) return;
      down = false;
      app.log.info('rate-limit store (Redis) is back');
    });
    try {
      await client.connect();
    } catch {
      // Already logged by the error listener; ioredis keeps reconnecting in the background.
    }
    app.addHook('onClose', async () => {
      if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
      else client.disconnect();
    });
  }

  await app.register(rateLimit, {
    global: true,
    max: config.rateLimitPerMinute,
    timeWindow: '1 minute',
    ...(redis ? { redis, nameSpace: RATE_LIMIT_NAMESPACE, skipOnError: true } : {}),
    errorResponseBuilder: () => {
      const err = new Error('rate limited') as Error & { statusCode: number };
      err.statusCode = 429;
      return err;
    },
  });
});
