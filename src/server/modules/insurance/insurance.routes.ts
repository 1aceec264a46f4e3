import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZChoiceIdParams,
  ZChooseRequest,
  ZCreateQuoteRequest,
  ZInsuranceChoice,
  ZInsuranceChoiceList,
  ZInsuranceQuote,
  ZInsurer,
  ZInsurerActionParams,
  ZInsurerCodeParams,
  ZInsurerList,
  ZQuoteIdParams,
  ZUpdateInsurerRequest,
} from './insurance.contract.js';
import * as quotes from './insurance.quotes.js';
import * as service from './insurance.service.js';

const tags = ['insurance'];
const read = { permission: 'insurance.insurers.read' } as const;
const manage = { permission: 'insurance.insurers.manage' } as const;

/** The insurance API under /api/v1/insurance: schema in, one service call, DTO out. */
export const insuranceRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.ctx.database.db;

  // ---- storefront ----

  app.post(
    '/quotes',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Plans from every active insurer for a listing or any car, with the coverages chosen',
        body: ZCreateQuoteRequest,
        response: { 201: ZInsuranceQuote },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await quotes.createQuote(app.ctx, request.body, request.mutation)),
  );

  app.get(
    '/quotes/:id',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'A stored insurance quote',
        params: ZQuoteIdParams,
        response: { 200: ZInsuranceQuote },
      },
    },
    async (request) => quotes.getQuote(db(), request.params.id, request.mutation),
  );

  app.post(
    '/choices',
    {
      config: { auth: 'buyer' },
      schema: {
        tags,
        summary: "Pick an insurer's plan (picking the same plan again answers the first choice)",
        body: ZChooseRequest,
        response: { 200: ZInsuranceChoice, 201: ZInsuranceChoice },
      },
    },
    async (request, reply) => {
      const { choice, created } = await quotes.choosePlan(db(), request.body, request.mutation);
      return reply.status(created ? 201 : 200).send(choice);
    },
  );

  app.get(
    '/choices',
    {
      config: { auth: 'buyer' },
      schema: { tags, summary: 'My latest insurance choices', response: { 200: ZInsuranceChoiceList } },
    },
    async (request) => quotes.listBuyerChoices(db(), request.mutation),
  );

  app.get(
    '/choices/:id',
    {
      config: { auth: 'buyer' },
      schema: {
        tags,
        summary: 'One of my insurance choices',
        params: ZChoiceIdParams,
        response: { 200: ZInsuranceChoice },
      },
    },
    async (request) => quotes.getBuyerChoice(db(), request.params.id, request.mutation),
  );

  // ---- console ----

  app.get(
    '/insurers',
    {
      config: { auth: read },
      schema: { tags, summary: 'Partner insurers, in display order', response: { 200: ZInsurerList } },
    },
    async () => service.listInsurers(app.ctx),
  );

  app.patch(
    '/insurers/:code',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: "Change an insurer's names or display order",
        params: ZInsurerCodeParams,
        body: ZUpdateInsurerRequest,
        response: { 200: ZInsurer },
      },
    },
    async (request) => service.updateInsurer(app.ctx, request.params.code, request.body, request.mutation),
  );

  app.post(
    '/insurers/:code/:action',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: 'Activate an insurer (it quotes) or deactivate it',
        params: ZInsurerActionParams,
        response: { 200: ZInsurer },
      },
    },
    async (request) =>
      service.changeInsurerStatus(app.ctx, request.params.code, request.params.action, request.mutation),
  );
};
