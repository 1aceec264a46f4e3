import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireStaff } from '../../kernel/auth/guard.js';
import { resolveLang } from '../../kernel/http/lang.js';
import { ZDashboard, ZDashboardQuery, ZDrillPage, ZDrillQuery } from './analytics.dashboard.contract.js';
import { drillDown } from './analytics.dashboard.drill.js';
import { computeDashboard } from './analytics.dashboard.js';
import {
  ZCreateMarketingSpendRequest,
  ZMarketingSpend,
  ZMarketingSpendIdParams,
  ZMarketingSpendListQuery,
  ZMarketingSpendPage,
} from './analytics.spend.contract.js';
import { createMarketingSpend, deleteMarketingSpend, listMarketingSpend } from './analytics.spend.js';

const tags = ['analytics'];
const read = { permission: 'analytics.read' } as const;
const spend = { permission: 'analytics.spend' } as const;

/**
 * The dashboard, its drill-down lists and marketing spend under /api/v1/analytics. Dealer staff see their own
 * dealer only (the scope comes from the session, never from the query).
 */
export const analyticsDashboardRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.ctx.database.db;
  const scopeOf = (request: Parameters<typeof requireStaff>[0]) => ({
    dealerId: requireStaff(request).dealerId,
    lang: resolveLang(request.headers['accept-language']),
  });

  app.get(
    '/dashboard',
    { config: { auth: read }, schema: { tags, querystring: ZDashboardQuery, response: { 200: ZDashboard } } },
    async (request) => computeDashboard(db(), request.query, scopeOf(request), app.ctx.clock.now()),
  );

  app.get(
    '/drill',
    { config: { auth: read }, schema: { tags, querystring: ZDrillQuery, response: { 200: ZDrillPage } } },
    async (request) => drillDown(db(), request.query, scopeOf(request)),
  );

  app.get(
    '/spend',
    {
      config: { auth: spend },
      schema: { tags, querystring: ZMarketingSpendListQuery, response: { 200: ZMarketingSpendPage } },
    },
    async (request) => listMarketingSpend(db(), request.query),
  );

  app.post(
    '/spend',
    {
      config: { auth: spend },
      schema: { tags, body: ZCreateMarketingSpendRequest, response: { 201: ZMarketingSpend } },
    },
    async (request, reply) =>
      reply.status(201).send(await createMarketingSpend(db(), request.body, request.mutation)),
  );

  app.delete(
    '/spend/:id',
    { config: { auth: spend }, schema: { tags, params: ZMarketingSpendIdParams } },
    async (request, reply) => {
      await deleteMarketingSpend(db(), request.params.id, request.mutation);
      return reply.status(204).send();
    },
  );
};
