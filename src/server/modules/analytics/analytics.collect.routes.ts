import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZCollectRequest, ZCollectResponse } from './analytics.collect.contract.js';
import { collectEvents } from './analytics.collect.service.js';

/** First-party tracking under /api/v1/analytics/collect. */
export const collectRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/',
    {
      config: {
        auth: 'public',
        // navigator.sendBeacon cannot add the CSRF header; a forged batch could only add anonymous page events.
        csrf: false,
        rateLimit: {
          max: app.ctx.config.analyticsCollectPerMinute,
          timeWindow: '1 minute',
          keyGenerator: (request) => request.ip,
        },
      },
      bodyLimit: 64 * 1024,
      schema: {
        tags: ['analytics'],
        summary: 'Collect a batch of first-party tracking events (page views and actions, after consent)',
        body: ZCollectRequest,
        response: { 202: ZCollectResponse },
      },
    },
    async (request, reply) => {
      const result = await collectEvents(app.ctx.database.db, request.body, {
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        accountId: request.actor?.kind === 'buyer' ? request.actor.buyerId : null,
        receivedAt: request.mutation.at,
      });
      return reply.status(202).send(result);
    },
  );
};
