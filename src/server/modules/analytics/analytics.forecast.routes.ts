import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireStaff } from '../../kernel/auth/guard.js';
import { enqueueJob } from '../../kernel/jobs/jobs.js';
import { ZForecastRunResult, ZSalesForecast } from './analytics.forecast.contract.js';
import { getSalesForecast } from './analytics.forecast.js';

const tags = ['analytics'];

/** The job that recomputes the forecast (weekly, and on demand from the console). */
export const SALES_FORECAST_JOB = 'analytics.forecast';

/** GET /api/v1/analytics/forecast (analytics.read) and POST .../forecast/run (analytics.manage: recompute now). */
export const forecastRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.ctx.database.db;

  app.get(
    '/forecast',
    {
      config: { auth: { permission: 'analytics.read' } },
      schema: { tags, response: { 200: ZSalesForecast } },
    },
    async (request) => getSalesForecast(db(), requireStaff(request)),
  );

  app.post(
    '/forecast/run',
    {
      config: { auth: { permission: 'analytics.manage' } },
      schema: { tags, response: { 202: ZForecastRunResult } },
    },
    async (_request, reply) => {
      const now = app.ctx.clock.now();
      // One pending recompute at a time (per minute): a double click enqueues once.
      const id = await enqueueJob(
        db(),
        {
          name: SALES_FORECAST_JOB,
          payload: { force: true },
          uniqueKey: `${SALES_FORECAST_JOB}:${now.toISOString().slice(0, 16)}`,
        },
        now,
      );
      return reply.status(202).send({ enqueued: id !== null });
    },
  );
};
