import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireStaff } from '../../kernel/auth/guard.js';
import {
  ZAllocateRequest,
  ZCancelOrderRequest,
  ZCancelOrderResponse,
  ZChangeSpecRequest,
  ZDepositTerms,
  ZDepositTermsQuery,
  ZMyOrdersQuery,
  ZOrder,
  ZOrderIdParams,
  ZOrderPage,
  ZRiskReviewRequest,
  ZSettlement,
  ZStaffCancelOrderResponse,
  ZStaffOrder,
  ZStaffOrderExportQuery,
  ZStaffOrderListQuery,
} from './orders.contract.js';
import * as life from './orders.lifecycle.js';
import { depositTermsFor } from './orders.place.js';
import * as service from './orders.service.js';

const tags = ['orders'];
const read = { permission: 'orders.read' } as const;
const manage = { permission: 'orders.manage' } as const;
const risk = { permission: 'orders.risk' } as const;

/** The orders API under /api/v1/orders: the buyer's orders and the staff's (console and dealer portal). */
export const ordersRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.ctx.database.db;
  const env = () => app.ctx.config;

  // ---- buyer ----

  app.get(
    '/deposit-terms',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'The deposit terms a buyer must accept for a kind of deposit and a price',
        querystring: ZDepositTermsQuery,
        response: { 200: ZDepositTerms },
      },
    },
    async (request) =>
      depositTermsFor(env(), request.query.kind, request.query.priceFen, request.mutation.lang),
  );

  // Placing an order (`POST /api/v1/orders`) is the checkout flow's (src/server/flows/checkout.routes.ts):
  // it joins the risk check, the order and the deposit's payment intent in one transaction.

  app.get(
    '/mine',
    {
      config: { auth: 'buyer' },
      schema: {
        tags,
        summary: 'My orders, newest first',
        querystring: ZMyOrdersQuery,
        response: { 200: ZOrderPage },
      },
    },
    async (request) => service.listMyOrders(db(), request.query, request.mutation),
  );

  app.get(
    '/:id',
    {
      config: { auth: 'buyer' },
      schema: {
        tags,
        summary: 'One of my orders with its timeline',
        params: ZOrderIdParams,
        response: { 200: ZOrder },
      },
    },
    async (request) => service.getMyOrder(db(), request.params.id, request.mutation),
  );

  app.get(
    '/:id/cancellation-preview',
    {
      config: { auth: 'buyer' },
      schema: {
        tags,
        summary: 'What cancelling my order would refund or forfeit now',
        params: ZOrderIdParams,
        response: { 200: ZSettlement },
      },
    },
    async (request) =>
      life.previewCancellation(
        db(),
        request.params.id,
        'buyer',
        env(),
        request.mutation.at,
        request.mutation,
      ),
  );

  app.post(
    '/:id/cancel',
    {
      config: { auth: 'buyer', idempotent: true },
      schema: {
        tags,
        summary: 'Cancel my order (the deposit policy decides the refund)',
        params: ZOrderIdParams,
        body: ZCancelOrderRequest,
        response: { 200: ZCancelOrderResponse },
      },
    },
    async (request) => {
      const { row, settlement } = await life.cancelOrder(
        db(),
        { orderId: request.params.id, by: 'buyer', reason: request.body.reason },
        request.mutation,
        env(),
      );
      return { order: await service.orderView(db(), row, request.mutation.lang), settlement };
    },
  );

  app.post(
    '/:id/spec',
    {
      config: { auth: 'buyer', idempotent: true },
      schema: {
        tags,
        summary: 'Change colour or options before a car is allocated',
        params: ZOrderIdParams,
        body: ZChangeSpecRequest,
        response: { 200: ZOrder },
      },
    },
    async (request) => {
      const row = await life.changeOrderSpec(
        db(),
        { orderId: request.params.id, colour: request.body.colour, options: request.body.options },
        request.mutation,
        env(),
      );
      return service.orderView(db(), row, request.mutation.lang);
    },
  );

  // ---- staff (console and dealer portal; dealer staff see their dealer's orders only) ----

  app.get(
    '/',
    {
      config: { auth: read },
      schema: {
        tags,
        summary: 'Orders with filters and search (order number, phone last 4, VIN)',
        querystring: ZStaffOrderListQuery,
        response: { 200: ZOrderPage },
      },
    },
    async (request) => service.listStaffOrders(db(), requireStaff(request), request.query),
  );

  app.get(
    '/export.csv',
    {
      config: { auth: read },
      schema: { tags, summary: 'Orders matching the filters as CSV', querystring: ZStaffOrderExportQuery },
    },
    async (request, reply) => {
      const csv = await service.exportStaffOrders(db(), requireStaff(request), request.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="orders.csv"')
        .header('cache-control', 'no-store')
        .send(`\ufeff${csv}`);
    },
  );

  app.get(
    '/:id/staff',
    {
      config: { auth: read },
      schema: {
        tags,
        summary: 'An order as staff see it',
        params: ZOrderIdParams,
        response: { 200: ZStaffOrder },
      },
    },
    async (request) =>
      service.getStaffOrder(db(), requireStaff(request), request.params.id, request.mutation.lang),
  );

  app.post(
    '/:id/allocate',
    {
      config: { auth: manage, idempotent: true },
      schema: {
        tags,
        summary: 'Allocate the held unit, or another available unit of the same trim and colour',
        params: ZOrderIdParams,
        body: ZAllocateRequest,
        response: { 200: ZStaffOrder },
      },
    },
    async (request) => {
      const actor = requireStaff(request);
      const row = await life.allocateOrderUnit(
        db(),
        { orderId: request.params.id, unitId: request.body.unitId },
        request.mutation,
        env(),
      );
      return service.staffOrderView(db(), row, request.mutation.lang, actor);
    },
  );

  app.post(
    '/:id/cancel-by-seller',
    {
      config: { auth: manage, idempotent: true },
      schema: {
        tags,
        summary: 'Cancel as the seller (a binding deposit is returned double)',
        params: ZOrderIdParams,
        body: ZCancelOrderRequest,
        response: { 200: ZStaffCancelOrderResponse },
      },
    },
    async (request) => {
      const actor = requireStaff(request);
      const { row, settlement } = await life.cancelOrder(
        db(),
        { orderId: request.params.id, by: 'seller', reason: request.body.reason },
        request.mutation,
        env(),
      );
      return { order: await service.staffOrderView(db(), row, request.mutation.lang, actor), settlement };
    },
  );

  app.post(
    '/:id/risk-review',
    {
      config: { auth: risk, idempotent: true },
      schema: {
        tags,
        summary: 'Clear or reject a flagged order (rejected: cancelled with a full refund)',
        params: ZOrderIdParams,
        body: ZRiskReviewRequest,
        response: { 200: ZStaffOrder },
      },
    },
    async (request) => {
      const actor = requireStaff(request);
      const row = await life.clearRiskReview(
        db(),
        { orderId: request.params.id, decision: request.body.decision },
        request.mutation,
        env(),
      );
      return service.staffOrderView(db(), row, request.mutation.lang, actor);
    },
  );
};
