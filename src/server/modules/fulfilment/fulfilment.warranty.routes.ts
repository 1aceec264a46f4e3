import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZClaimIdParams,
  ZClaimOrderParams,
  ZClaimQueueQuery,
  ZDecideClaimRequest,
  ZFileClaimRequest,
  ZWarrantyClaim,
  ZWarrantyClaimList,
  ZWarrantyClaimPage,
} from './fulfilment.warranty.contract.js';
import * as service from './fulfilment.warranty.service.js';

const tags = ['fulfilment'];
const read = { permission: 'fulfilment.claims.read' } as const;
const decide = { permission: 'fulfilment.claims.decide' } as const;

/** 三包 claims under /api/v1/fulfilment/warranty: the buyer's on their order, the staff queue. */
export const warrantyRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.ctx.database.db;

  app.post(
    '/orders/:orderId/claims',
    {
      config: { auth: 'buyer', idempotent: true },
      // Up to six photos of about 1.5 MB each, as data URLs.
      bodyLimit: 10 * 1024 * 1024,
      schema: {
        tags,
        summary: 'File a 三包 claim on my delivered order',
        params: ZClaimOrderParams,
        body: ZFileClaimRequest,
        response: { 201: ZWarrantyClaim },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await service.fileClaim(db(), request.params.orderId, request.body, request.mutation)),
  );

  app.get(
    '/orders/:orderId/claims',
    {
      config: { auth: 'buyer' },
      schema: {
        tags,
        summary: 'My 三包 claims on one of my orders',
        params: ZClaimOrderParams,
        response: { 200: ZWarrantyClaimList },
      },
    },
    async (request) => service.myClaimsOfOrder(db(), request.params.orderId, request.mutation),
  );

  app.get(
    '/claims',
    {
      config: { auth: read },
      schema: {
        tags,
        summary: 'The 三包 claims queue, earliest decision deadline first',
        querystring: ZClaimQueueQuery,
        response: { 200: ZWarrantyClaimPage },
      },
    },
    async (request) => service.claimQueue(db(), request.query, request.mutation),
  );

  app.get(
    '/claims/:id',
    {
      config: { auth: read },
      schema: { tags, summary: 'One 三包 claim', params: ZClaimIdParams, response: { 200: ZWarrantyClaim } },
    },
    async (request) => service.getClaim(db(), request.params.id, request.mutation),
  );

  app.post(
    '/claims/:id/decision',
    {
      config: { auth: decide },
      schema: {
        tags,
        summary: 'Decide a 三包 claim: replace, refund, repair under warranty, or reject with a reason',
        params: ZClaimIdParams,
        body: ZDecideClaimRequest,
        response: { 200: ZWarrantyClaim },
      },
    },
    async (request) =>
      service.decideClaim(db(), request.params.id, request.body, request.mutation, app.ctx.config),
  );

  app.post(
    '/claims/:id/replacement/retry',
    {
      config: { auth: decide },
      schema: {
        tags,
        summary: 'Retry allocating the new car of a 三包 replacement that waited for stock',
        params: ZClaimIdParams,
        response: { 200: ZWarrantyClaim },
      },
    },
    async (request) => service.retryReplacement(db(), request.params.id, request.mutation, app.ctx.config),
  );
};
