import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZAdvisor,
  ZAdvisorIdParams,
  ZAdvisorList,
  ZSetAvailabilityRequest,
  ZUpsertAdvisorRequest,
} from './leads.advisors.contract.js';
import * as advisors from './leads.advisors.js';

const tags = ['leads'];

/** The advisor roster under /api/v1/leads/advisors. */
export const advisorRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.ctx.database.db;

  app.get(
    '/',
    { config: { auth: { permission: 'leads.read' } }, schema: { tags, response: { 200: ZAdvisorList } } },
    async (request) => ({ items: await advisors.listAdvisors(db(), request.mutation) }),
  );

  app.get(
    '/me',
    { config: { auth: { permission: 'leads.manage' } }, schema: { tags, response: { 200: ZAdvisor } } },
    async (request) => advisors.myAdvisorProfile(db(), request.mutation),
  );

  app.put(
    '/me/availability',
    {
      config: { auth: { permission: 'leads.manage' } },
      schema: { tags, body: ZSetAvailabilityRequest, response: { 200: ZAdvisor } },
    },
    async (request) => advisors.setMyAvailability(db(), request.body.availability, request.mutation),
  );

  app.put(
    '/:accountId',
    {
      config: { auth: { permission: 'leads.advisors.manage' } },
      schema: { tags, params: ZAdvisorIdParams, body: ZUpsertAdvisorRequest, response: { 200: ZAdvisor } },
    },
    async (request) => advisors.upsertAdvisor(db(), request.params.accountId, request.body, request.mutation),
  );
};
