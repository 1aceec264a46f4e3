import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireStaff } from '../../kernel/auth/guard.js';
import { AppError } from '../../kernel/http/errors.js';
import {
  ZAuditEntry,
  ZAuditPage,
  ZAuditQuery,
  ZDevEmailsQuery,
  ZDevEmailsResponse,
  ZIdParams,
  ZJob,
  ZJobStats,
  ZJobsPage,
  ZJobsQuery,
  ZNotification,
  ZNotificationsPage,
  ZNotificationsQuery,
  ZReadAllResponse,
  ZSiteInfo,
  ZUnreadCount,
} from './platform.contract.js';
import * as service from './platform.service.js';

function signedIn(request: FastifyRequest) {
  if (!request.actor) throw new AppError('UNAUTHENTICATED');
  return request.actor;
}

/** /api/v1/platform: audit log, jobs console and the notification centre. */
export const platformRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = app.ctx.database.db;

  app.get(
    '/site',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['platform'],
        summary: "The site operator's name, ICP and public-security filing numbers and contact (footer)",
        response: { 200: ZSiteInfo },
      },
    },
    async (_request, reply) => {
      // Changes only with a restart (configuration): browsers and CDNs may keep it a while.
      reply.header('cache-control', 'public, max-age=300');
      return service.siteInfo(app.ctx.config);
    },
  );

  app.get(
    '/audit',
    {
      config: { auth: { permission: 'audit.read' } },
      schema: {
        tags: ['platform'],
        summary: 'Audit log, newest first, with filters',
        querystring: ZAuditQuery,
        response: { 200: ZAuditPage },
      },
    },
    async (request) => service.listAuditEntries(db, requireStaff(request), request.query),
  );

  app.get(
    '/audit/:id',
    {
      config: { auth: { permission: 'audit.read' } },
      schema: {
        tags: ['platform'],
        summary: 'One audit entry',
        params: ZIdParams,
        response: { 200: ZAuditEntry },
      },
    },
    async (request) => service.getAuditEntry(db, requireStaff(request), request.params.id),
  );

  app.get(
    '/jobs',
    {
      config: { auth: { permission: 'jobs.read' } },
      schema: {
        tags: ['platform'],
        summary: 'Background jobs (dead letters with status=dead), newest first',
        querystring: ZJobsQuery,
        response: { 200: ZJobsPage },
      },
    },
    async (request) => service.listJobsPage(db, request.query),
  );

  app.get(
    '/jobs/stats',
    {
      config: { auth: { permission: 'jobs.read' } },
      schema: { tags: ['platform'], summary: 'Job counts by status and name', response: { 200: ZJobStats } },
    },
    async () => service.jobStatistics(db),
  );

  for (const action of ['retry', 'discard'] as const) {
    app.post(
      `/jobs/:id/${action}`,
      {
        config: { auth: { permission: 'jobs.manage' } },
        schema: {
          tags: ['platform'],
          summary:
            action === 'retry'
              ? 'Put a dead-letter job back in the queue with fresh attempts'
              : 'Discard a dead-letter job for good',
          params: ZIdParams,
          response: { 200: ZJob },
        },
      },
      async (request) => service.changeDeadJob(db, request.params.id, action, request.mutation),
    );
  }

  app.get(
    '/notifications',
    {
      config: { auth: 'signed-in' },
      schema: {
        tags: ['platform'],
        summary: 'My notifications (buyer or staff), newest first',
        querystring: ZNotificationsQuery,
        response: { 200: ZNotificationsPage },
      },
    },
    async (request) => service.listNotifications(db, signedIn(request), request.query),
  );

  app.get(
    '/notifications/unread-count',
    {
      config: { auth: 'signed-in' },
      schema: {
        tags: ['platform'],
        summary: 'How many of my notifications are unread',
        response: { 200: ZUnreadCount },
      },
    },
    async (request) => ({ count: await service.unreadNotificationCount(db, signedIn(request)) }),
  );

  app.post(
    '/notifications/:id/read',
    {
      config: { auth: 'signed-in' },
      schema: {
        tags: ['platform'],
        summary: 'Mark one of my notifications read',
        params: ZIdParams,
        response: { 200: ZNotification },
      },
    },
    async (request) => service.markNotificationRead(db, request.params.id, request.mutation),
  );

  app.post(
    '/notifications/read-all',
    {
      config: { auth: 'signed-in' },
      schema: {
        tags: ['platform'],
        summary: 'Mark all my notifications read',
        response: { 200: ZReadAllResponse },
      },
    },
    async (request) => ({ updated: await service.markAllNotificationsRead(db, request.mutation) }),
  );
};

/** /api/v1/dev/emails: the development mailbox. Registers nothing in production. */
export const devMailboxRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  if (app.ctx.config.env === 'production') return;
  const db = app.ctx.database.db;
  app.get(
    '/emails',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['dev'],
        summary: 'Development only: emails the dev mailbox "sent", newest first',
        querystring: ZDevEmailsQuery,
        response: { 200: ZDevEmailsResponse },
      },
    },
    async (request) => service.devMailbox(db, request.query),
  );
};
