import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZLeadCallRequest,
  ZLeadDetail,
  ZLeadIdParams,
  ZLeadListQuery,
  ZLeadNoteRequest,
  ZLeadPage,
  ZLeadReassignRequest,
  ZLeadReport,
  ZLeadReportQuery,
  ZLeadStatusRequest,
  ZLeadTask,
  ZLeadTaskList,
  ZLeadTaskParams,
  ZLeadTaskRequest,
  ZLeadTaskUpdate,
  ZLogCallRequest,
  ZSlaSettings,
  ZSlaSettingsUpdate,
} from './leads.contract.js';
import { leadReport } from './leads.reports.js';
import * as service from './leads.service.js';
import { getSlaSettings, updateSlaSettings } from './leads.sla.js';
import * as tasks from './leads.tasks.js';

const tags = ['leads'];
const read = { permission: 'leads.read' } as const;
const manage = { permission: 'leads.manage' } as const;

/** The leads API under /api/v1/leads: schema in, one service call, DTO out; services scope by dealer. */
export const leadsRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.ctx.database.db;

  app.get(
    '/',
    { config: { auth: read }, schema: { tags, querystring: ZLeadListQuery, response: { 200: ZLeadPage } } },
    async (request) => service.listLeads(db(), request.query, request.mutation),
  );

  app.get(
    '/reports',
    {
      config: { auth: read },
      schema: { tags, querystring: ZLeadReportQuery, response: { 200: ZLeadReport } },
    },
    async (request) => leadReport(db(), request.query, request.mutation),
  );

  app.get(
    '/sla-settings',
    { config: { auth: read }, schema: { tags, response: { 200: ZSlaSettings } } },
    async () => getSlaSettings(db()),
  );

  app.put(
    '/sla-settings',
    {
      config: { auth: { permission: 'leads.settings.manage' } },
      schema: { tags, body: ZSlaSettingsUpdate, response: { 200: ZSlaSettings } },
    },
    async (request) => updateSlaSettings(db(), request.body, request.mutation),
  );

  app.post(
    '/calls',
    { config: { auth: manage }, schema: { tags, body: ZLogCallRequest, response: { 201: ZLeadDetail } } },
    async (request, reply) =>
      reply.status(201).send(await service.logPhoneCall(db(), request.body, request.mutation)),
  );

  app.get(
    '/:id',
    { config: { auth: read }, schema: { tags, params: ZLeadIdParams, response: { 200: ZLeadDetail } } },
    async (request) => service.getLeadDetail(db(), request.params.id, request.mutation),
  );

  app.post(
    '/:id/status',
    {
      config: { auth: manage },
      schema: { tags, params: ZLeadIdParams, body: ZLeadStatusRequest, response: { 200: ZLeadDetail } },
    },
    async (request) => service.changeLeadStatus(db(), request.params.id, request.body, request.mutation),
  );

  app.post(
    '/:id/notes',
    {
      config: { auth: manage },
      schema: { tags, params: ZLeadIdParams, body: ZLeadNoteRequest, response: { 200: ZLeadDetail } },
    },
    async (request) => service.addLeadNote(db(), request.params.id, request.body.body, request.mutation),
  );

  app.post(
    '/:id/calls',
    {
      config: { auth: manage },
      schema: { tags, params: ZLeadIdParams, body: ZLeadCallRequest, response: { 200: ZLeadDetail } },
    },
    async (request) => service.logLeadCall(db(), request.params.id, request.body, request.mutation),
  );

  app.post(
    '/:id/reassign',
    {
      config: { auth: { permission: 'leads.assign' } },
      schema: { tags, params: ZLeadIdParams, body: ZLeadReassignRequest, response: { 200: ZLeadDetail } },
    },
    async (request) =>
      service.reassignLead(db(), request.params.id, request.body.advisorAccountId, request.mutation),
  );

  app.get(
    '/:id/tasks',
    { config: { auth: read }, schema: { tags, params: ZLeadIdParams, response: { 200: ZLeadTaskList } } },
    async (request) => ({ items: await tasks.listTasks(db(), request.params.id, request.mutation) }),
  );

  app.post(
    '/:id/tasks',
    {
      config: { auth: manage },
      schema: { tags, params: ZLeadIdParams, body: ZLeadTaskRequest, response: { 201: ZLeadTask } },
    },
    async (request, reply) =>
      reply.status(201).send(await tasks.createTask(db(), request.params.id, request.body, request.mutation)),
  );

  app.patch(
    '/:id/tasks/:taskId',
    {
      config: { auth: manage },
      schema: { tags, params: ZLeadTaskParams, body: ZLeadTaskUpdate, response: { 200: ZLeadTask } },
    },
    async (request) =>
      tasks.updateTask(db(), request.params.id, request.params.taskId, request.body, request.mutation),
  );

  app.delete(
    '/:id/tasks/:taskId',
    { config: { auth: manage }, schema: { tags, params: ZLeadTaskParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await tasks.deleteTask(db(), request.params.id, request.params.taskId, request.mutation);
      return reply.status(204).send(null);
    },
  );
};
