import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireStaff } from '../../kernel/auth/guard.js';
import { requestLang } from '../../kernel/http/validation.js';
import {
  ZGenerateReviewRequest,
  ZMyReviewSubscriptions,
  ZReviewDetail,
  ZReviewExportQuery,
  ZReviewIdParams,
  ZReviewKindParams,
  ZReviewListQuery,
  ZReviewPage,
  ZReviewSubscriptionList,
} from './analytics.reviews.contract.js';
import * as service from './analytics.reviews.service.js';
import { dashboardSourceFor } from './analytics.reviews.source.js';

const tags = ['analytics'];
const read = { permission: 'analytics.read' } as const;
const manage = { permission: 'analytics.manage' } as const;

/** The review reports under /api/v1/analytics/reviews: schema in, one service call, DTO out. */
export const analyticsReviewRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.ctx.database.db;

  app.get(
    '/',
    {
      config: { auth: read },
      schema: {
        tags,
        summary: 'Review reports, newest period first',
        querystring: ZReviewListQuery,
        response: { 200: ZReviewPage },
      },
    },
    async (request) => service.listReviews(db(), requireStaff(request), request.query, requestLang(request)),
  );

  app.get(
    '/subscriptions/mine',
    {
      config: { auth: read },
      schema: {
        tags,
        summary: 'The kinds of report I receive by email',
        response: { 200: ZMyReviewSubscriptions },
      },
    },
    async (request) => service.mySubscriptions(db(), requireStaff(request)),
  );

  app.put(
    '/subscriptions/mine/:kind',
    {
      config: { auth: read },
      schema: {
        tags,
        summary: 'Receive a kind of report by email (in the request language)',
        params: ZReviewKindParams,
        response: { 200: ZMyReviewSubscriptions },
      },
    },
    async (request) => service.subscribe(db(), requireStaff(request), request.params.kind, request.mutation),
  );

  app.delete(
    '/subscriptions/mine/:kind',
    {
      config: { auth: read },
      schema: {
        tags,
        summary: 'Stop receiving a kind of report',
        params: ZReviewKindParams,
        response: { 200: ZMyReviewSubscriptions },
      },
    },
    async (request) =>
      service.unsubscribe(db(), requireStaff(request), request.params.kind, request.mutation),
  );

  app.get(
    '/subscriptions',
    {
      config: { auth: manage },
      schema: { tags, summary: 'Who receives which reports', response: { 200: ZReviewSubscriptionList } },
    },
    async (request) => service.listSubscriptions(db(), requireStaff(request)),
  );

  app.post(
    '/generate',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: '(Re)generate the report of an ended period',
        body: ZGenerateReviewRequest,
        response: { 200: ZReviewDetail },
      },
    },
    async (request) =>
      service.generateReviewOnDemand(
        db(),
        requireStaff(request),
        request.body,
        dashboardSourceFor(app.ctx),
        request.mutation,
      ),
  );

  app.get(
    '/:id',
    { config: { auth: read }, schema: { tags, params: ZReviewIdParams, response: { 200: ZReviewDetail } } },
    async (request) =>
      service.getReview(db(), requireStaff(request), request.params.id, requestLang(request)),
  );

  app.get(
    '/:id/csv',
    {
      config: { auth: read },
      schema: {
        tags,
        summary: 'The report as CSV (UTF-8 with BOM)',
        params: ZReviewIdParams,
        querystring: ZReviewExportQuery,
        response: { 200: z.string() },
      },
    },
    async (request, reply) => {
      const file = await service.reviewCsvExport(
        db(),
        requireStaff(request),
        request.params.id,
        request.query.lang ?? requestLang(request),
      );
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('cache-control', 'no-store')
        .send(file.body);
    },
  );

  app.get(
    '/:id/pdf',
    {
      config: { auth: read },
      schema: {
        tags,
        summary: 'The report as PDF',
        params: ZReviewIdParams,
        querystring: ZReviewExportQuery,
      },
    },
    async (request, reply) => {
      const file = await service.reviewPdfExport(
        db(),
        requireStaff(request),
        request.params.id,
        request.query.lang ?? requestLang(request),
      );
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('cache-control', 'no-store')
        .send(file.body);
    },
  );
};
