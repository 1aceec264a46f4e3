import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZCreateFinanceProductRequest,
  ZFinancePlansRequest,
  ZFinancePlansResponse,
  ZFinanceProduct,
  ZFinanceProductIdParams,
  ZFinanceProductList,
  ZLoanQuoteRequest,
  ZLoanQuoteResponse,
  ZUpdateFinanceProductRequest,
} from './finance.contract.js';
import { quoteLoan } from './finance.loan.js';
import * as products from './finance.products.service.js';

const tags = ['finance'];
const read = { permission: 'finance.products.read' } as const;
const manage = { permission: 'finance.products.manage' } as const;

/** The finance API under /api/v1/finance. */
export const financeRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.ctx.database.db;

  app.post(
    '/loan-quote',
    {
      config: {
        auth: 'public',
        idempotent: { optOut: 'a calculation: stores nothing, same answer every time' },
      },
      schema: {
        tags,
        summary: 'Loan schedule with its APR (IRR over the actual cash flows, fees included; PBOC 2021 No.3)',
        body: ZLoanQuoteRequest,
        response: { 200: ZLoanQuoteResponse },
      },
    },
    async (request) => quoteLoan(request.body),
  );

  app.post(
    '/plans',
    {
      config: {
        auth: 'public',
        idempotent: { optOut: 'a calculation: stores nothing, same answer every time' },
      },
      schema: {
        tags,
        summary:
          "Partner lenders' products for a car, each with its minimum down payment and per term the plan, APR and platform subsidy",
        body: ZFinancePlansRequest,
        response: { 200: ZFinancePlansResponse },
      },
    },
    async (request) => products.financePlans(db(), request.body, request.mutation.at),
  );

  app.get(
    '/products',
    {
      config: { auth: read },
      schema: { tags, summary: 'Every finance product (console)', response: { 200: ZFinanceProductList } },
    },
    async (request) => ({ items: await products.listProducts(db(), request.mutation.at) }),
  );

  app.get(
    '/products/:id',
    {
      config: { auth: read },
      schema: { tags, params: ZFinanceProductIdParams, response: { 200: ZFinanceProduct } },
    },
    async (request) => products.getProduct(db(), request.params.id, request.mutation.at),
  );

  app.post(
    '/products',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: "Add a partner lender's loan product",
        body: ZCreateFinanceProductRequest,
        response: { 201: ZFinanceProduct },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await products.createProduct(db(), request.body, request.mutation)),
  );

  app.patch(
    '/products/:id',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: 'Change a product (send the version you read; retire one with active: false)',
        params: ZFinanceProductIdParams,
        body: ZUpdateFinanceProductRequest,
        response: { 200: ZFinanceProduct },
      },
    },
    async (request) => products.updateProduct(db(), request.params.id, request.body, request.mutation),
  );
};
