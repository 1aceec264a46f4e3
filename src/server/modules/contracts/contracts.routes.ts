import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../kernel/http/errors.js';
import {
  ZContractPdfQuery,
  ZContractTemplate,
  ZContractTemplateIdParams,
  ZContractTemplateList,
  ZPublishContractTemplateRequest,
  ZPurchaseContract,
  ZPurchaseContractIdParams,
  ZPurchaseContractList,
  ZPurchaseContractListQuery,
  ZSignPurchaseContractRequest,
} from './contracts.contract.js';
import * as service from './contracts.service.js';
import * as templates from './contracts.templates.js';

const tags = ['contracts'];
const manageTemplates = { permission: 'contracts.template.manage' } as const;

/**
 * /api/v1/contracts: buyers and staff share the contract routes (the service scopes them: the buyer their
 * own, dealer staff their dealer's, platform staff all); compliance manages templates.
 */
export const contractsRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.ctx.database.db;
  const actorOf = (request: { actor: import('../../kernel/auth/actor.js').Actor | null }) => {
    if (!request.actor) throw new AppError('UNAUTHENTICATED');
    return request.actor;
  };

  // ---- templates (compliance) ----

  app.get(
    '/templates',
    {
      config: { auth: manageTemplates },
      schema: {
        tags,
        summary: 'Every template version, newest first',
        response: { 200: ZContractTemplateList },
      },
    },
    async () => ({ items: await templates.listTemplates(db()) }),
  );

  app.get(
    '/templates/:id',
    {
      config: { auth: manageTemplates },
      schema: {
        tags,
        summary: 'One template version',
        params: ZContractTemplateIdParams,
        response: { 200: ZContractTemplate },
      },
    },
    async (request) => templates.getTemplate(db(), request.params.id),
  );

  app.post(
    '/templates',
    {
      config: { auth: manageTemplates },
      schema: {
        tags,
        summary: 'Publish a new template version (used by contracts issued from now on)',
        body: ZPublishContractTemplateRequest,
        response: { 201: ZContractTemplate },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await templates.publishTemplate(db(), request.body, request.mutation)),
  );

  // ---- contracts ----

  app.get(
    '/',
    {
      config: { auth: 'signed-in' },
      schema: {
        tags,
        summary: "An order's contracts the caller may see, newest first (voided ones included)",
        querystring: ZPurchaseContractListQuery,
        response: { 200: ZPurchaseContractList },
      },
    },
    async (request) => ({
      items: await service.listContractsForOrderFor(db(), request.query.orderId, actorOf(request)),
    }),
  );

  app.get(
    '/:id',
    {
      config: { auth: 'signed-in' },
      schema: {
        tags,
        summary: 'A purchase contract: status, hash, signatures, the consent clause',
        params: ZPurchaseContractIdParams,
        response: { 200: ZPurchaseContract },
      },
    },
    async (request) => service.getContractFor(db(), request.params.id, actorOf(request)),
  );

  app.get(
    '/:id/pdf',
    {
      config: { auth: 'signed-in' },
      schema: {
        tags,
        summary: 'The contract PDF exactly as issued (its SHA-256 in the X-Content-SHA256 header)',
        params: ZPurchaseContractIdParams,
        querystring: ZContractPdfQuery,
      },
    },
    async (request, reply) => {
      const file = await service.contractPdfFor(db(), request.params.id, actorOf(request));
      return reply
        .type('application/pdf')
        .header('content-disposition', `${request.query.disposition}; filename="${file.number}.pdf"`)
        .header('x-content-sha256', file.sha256)
        .header('cache-control', 'private, no-store')
        .send(file.pdf);
    },
  );

  app.post(
    '/:id/sign',
    {
      config: { auth: 'signed-in', idempotent: true },
      schema: {
        tags,
        summary: 'Sign: the buyer for the buyer, dealer staff (contracts.sign) for the dealer, buyer first',
        params: ZPurchaseContractIdParams,
        body: ZSignPurchaseContractRequest,
        response: { 200: ZPurchaseContract },
      },
    },
    async (request) =>
      service.signAs(
        db(),
        request.params.id,
        request.body,
        request.mutation,
        request.headers['user-agent'] ?? null,
      ),
  );
};
