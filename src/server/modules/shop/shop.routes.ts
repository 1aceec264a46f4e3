import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../kernel/http/errors.js';
import { malformedMultipart } from '../../kernel/http/multipart.js';
import * as cart from './shop.cart.js';
import {
  ZBulkShipResult,
  ZCancelShopOrderRequest,
  ZCart,
  ZCartLineInput,
  ZCartLinesInput,
  ZCheckoutQuote,
  ZCheckoutQuoteRequest,
  ZCheckoutRequest,
  ZMyCarList,
  ZProvinceParams,
  ZReturnRequest,
  ZSetCartLine,
  ZShippingRate,
  ZShippingRateQuery,
  ZShippingRule,
  ZShippingRuleInput,
  ZShippingRuleList,
  ZShipRequest,
  ZShopOrder,
  ZShopOrderIdParams,
  ZShopOrderListQuery,
  ZShopOrderPage,
  ZStaffShopOrder,
  ZStockLevels,
  ZStockQuery,
  ZVariantParams,
} from './shop.contract.js';
import { myCars } from './shop.fitment.js';
import { toShopOrder } from './shop.mappers.js';
import * as orders from './shop.orders.js';
import * as repo from './shop.repository.js';
import * as returns from './shop.returns.js';
import { assertShopOrderInScope } from './shop.scope.js';
import * as shipping from './shop.shipping.js';

const tags = ['shop'];
const read = { permission: 'shop.read' } as const;
const manage = { permission: 'shop.manage' } as const;
const settings = { permission: 'shop.settings' } as const;
const UPLOAD_MAX_BYTES = 5 * 1024 * 1024;
const readOnly = { optOut: 'prices lines without writing anything' } as const;
const multipartUpload = {
  optOut:
    'multipart upload: the file is streamed to the handler; each row ships at most once (a shipped order refuses a second ship)',
} as const;

async function readUpload(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) throw new AppError('SHOP_BULK_SHIP_FILE_INVALID');
  let bytes: Buffer | null = null;
  try {
    for await (const part of request.parts({ limits: { fileSize: UPLOAD_MAX_BYTES } })) {
      if (part.type === 'file') bytes = await part.toBuffer();
    }
  } catch (e) {
    throw malformedMultipart(e);
  }
  if (!bytes) throw new AppError('SHOP_BULK_SHIP_FILE_INVALID');
  return bytes;
}

/** The accessories shop under /api/v1/shop: carts, checkout, the buyer's orders and returns, the console's. */
export const shopRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(multipart, {
    limits: { fileSize: UPLOAD_MAX_BYTES, files: 1, fields: 5, fieldSize: 1000 },
  });
  const db = () => app.ctx.database.db;
  const config = () => app.ctx.config;
  const now = () => app.ctx.clock.now();
  /** An order row as the buyer or the console list sees it. */
  const view = async (id: string) => {
    const row = await repo.findShopOrder(db(), id);
    if (!row) throw new AppError('SHOP_ORDER_NOT_FOUND');
    return toShopOrder(row, await repo.linesOf(db(), [id]), now());
  };

  // ---- public: stock, anonymous cart, quote, shipping rules ----

  app.get(
    '/stock',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Free units per SKU (comma-separated variant ids)',
        querystring: ZStockQuery,
        response: { 200: ZStockLevels },
      },
    },
    async (request) => {
      const ids = request.query.variantIds.split(',').filter(Boolean).slice(0, 100);
      const free = await cart.freeUnits(db(), ids);
      return { items: [...free].map(([variantId, available]) => ({ variantId, available })) };
    },
  );

  app.post(
    '/cart/price',
    {
      config: { auth: 'public', idempotent: readOnly },
      schema: {
        tags,
        summary: 'Prices an anonymous (browser) cart: prices, free stock, quantities lowered to it',
        body: ZCartLinesInput,
        response: { 200: ZCart },
      },
    },
    async (request) => cart.priceCart(db(), request.body.lines),
  );

  app.post(
    '/checkout/quote',
    {
      config: { auth: 'public', idempotent: readOnly },
      schema: {
        tags,
        summary: 'What checkout would charge: goods, discount, shipping fee, total',
        body: ZCheckoutQuoteRequest,
        response: { 200: ZCheckoutQuote },
      },
    },
    async (request) => orders.quoteCheckout(db(), request.body, request.mutation),
  );

  app.get(
    '/shipping-rules',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Shipping-fee rules (province "" is the default)',
        response: { 200: ZShippingRuleList },
      },
    },
    async () => shipping.listShippingRules(db()),
  );

  // ---- buyer: cart ----

  app.get(
    '/cart',
    { config: { auth: 'buyer' }, schema: { tags, summary: 'My cart', response: { 200: ZCart } } },
    async (request) => cart.getMyCart(db(), request.mutation),
  );

  app.post(
    '/cart/lines',
    {
      config: { auth: 'buyer', idempotent: true },
      schema: {
        tags,
        summary: 'Adds units of a SKU to my cart',
        body: ZCartLineInput,
        response: { 200: ZCart },
      },
    },
    async (request) =>
      cart.setMyCartLine(db(), request.body.variantId, request.body.quantity, 'add', request.mutation),
  );

  app.put(
    '/cart/lines/:variantId',
    {
      config: { auth: 'buyer' },
      schema: {
        tags,
        summary: 'Sets a line’s quantity (0 removes it)',
        params: ZVariantParams,
        body: ZSetCartLine,
        response: { 200: ZCart },
      },
    },
    async (request) =>
      cart.setMyCartLine(db(), request.params.variantId, request.body.quantity, 'set', request.mutation),
  );

  app.post(
    '/cart/merge',
    {
      config: { auth: 'buyer', idempotent: true },
      schema: {
        tags,
        summary: 'Merges the browser’s anonymous cart into mine (at sign-in)',
        body: ZCartLinesInput,
        response: { 200: ZCart },
      },
    },
    async (request) => cart.mergeMyCart(db(), request.body.lines, request.mutation),
  );

  // ---- buyer: checkout and orders ----

  app.post(
    '/checkout',
    {
      config: { auth: 'buyer', idempotent: true },
      schema: {
        tags,
        summary: 'Checks out: holds stock, places the shop order and opens its payment',
        body: ZCheckoutRequest,
        response: { 201: ZShopOrder },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await orders.checkout(db(), config(), request.body, request.mutation)),
  );

  app.get(
    '/my-cars',
    {
      config: { auth: 'buyer' },
      schema: {
        tags,
        summary: 'My cars from my vehicle orders (series and model year), for "fits my car"',
        response: { 200: ZMyCarList },
      },
    },
    async (request) => myCars(db(), request.mutation),
  );

  app.get(
    '/orders/mine',
    {
      config: { auth: 'buyer' },
      schema: {
        tags,
        summary: 'My shop orders, newest first',
        querystring: ZShopOrderListQuery,
        response: { 200: ZShopOrderPage },
      },
    },
    async (request) => orders.listMyShopOrders(db(), request.query, request.mutation),
  );

  app.get(
    '/orders/mine/:id',
    {
      config: { auth: 'buyer' },
      schema: {
        tags,
        summary: 'One of my shop orders',
        params: ZShopOrderIdParams,
        response: { 200: ZShopOrder },
      },
    },
    async (request) => orders.getMyShopOrder(db(), request.params.id, request.mutation),
  );

  app.post(
    '/orders/mine/:id/cancel',
    {
      config: { auth: 'buyer', idempotent: true },
      schema: {
        tags,
        summary: 'Cancels my unpaid shop order (its stock is released)',
        params: ZShopOrderIdParams,
        body: ZCancelShopOrderRequest,
        response: { 200: ZShopOrder },
      },
    },
    async (request) => {
      await orders.cancelShopOrder(
        db(),
        request.params.id,
        request.body.reason ?? '买家取消',
        request.mutation,
        'buyer',
      );
      return orders.getMyShopOrder(db(), request.params.id, request.mutation);
    },
  );

  app.post(
    '/orders/mine/:id/return',
    {
      config: { auth: 'buyer', idempotent: true },
      schema: {
        tags,
        summary: 'Asks for a 7-day no-reason return of some units',
        params: ZShopOrderIdParams,
        body: ZReturnRequest,
        response: { 200: ZShopOrder },
      },
    },
    async (request) => {
      await returns.requestShopReturn(db(), request.params.id, request.body, request.mutation);
      return orders.getMyShopOrder(db(), request.params.id, request.mutation);
    },
  );

  // ---- staff ----

  app.get(
    '/orders',
    {
      config: { auth: read },
      schema: {
        tags,
        summary: 'Shop orders (filters: status, order or tracking number)',
        querystring: ZShopOrderListQuery,
        response: { 200: ZShopOrderPage },
      },
    },
    async (request) => orders.listShopOrders(db(), request.query, request.mutation),
  );

  app.get(
    '/shipping-rate',
    {
      config: { auth: read },
      schema: {
        tags,
        summary: 'The 48 h shipping rate of orders paid in a period',
        querystring: ZShippingRateQuery,
        response: { 200: ZShippingRate },
      },
    },
    async (request) => shipping.shippingRate(db(), request.query, request.mutation),
  );

  app.get(
    '/orders/:id',
    {
      config: { auth: read },
      schema: {
        tags,
        summary: 'One shop order with the shipping address',
        params: ZShopOrderIdParams,
        response: { 200: ZStaffShopOrder },
      },
    },
    async (request) => {
      await assertShopOrderInScope(db(), request.params.id, request.mutation);
      return orders.getStaffShopOrder(db(), config(), request.params.id, request.mutation);
    },
  );

  app.post(
    '/orders/:id/ship',
    {
      config: { auth: manage, idempotent: true },
      schema: {
        tags,
        summary: 'Ships a paid order (carrier and tracking number)',
        params: ZShopOrderIdParams,
        body: ZShipRequest,
        response: { 200: ZShopOrder },
      },
    },
    async (request) => {
      await assertShopOrderInScope(db(), request.params.id, request.mutation);
      await shipping.shipShopOrder(db(), request.params.id, request.body, request.mutation);
      return view(request.params.id);
    },
  );

  app.post(
    '/orders/:id/pickup',
    {
      config: { auth: manage, idempotent: { optOut: 'stamps the pickup once; a repeat changes nothing' } },
      schema: {
        tags,
        summary: 'Records the carrier’s pickup (due within 24 h of shipping)',
        params: ZShopOrderIdParams,
        response: { 200: ZShopOrder },
      },
    },
    async (request) => {
      await assertShopOrderInScope(db(), request.params.id, request.mutation);
      await shipping.recordPickup(db(), request.params.id, request.mutation);
      return view(request.params.id);
    },
  );

  app.post(
    '/orders/:id/deliver',
    {
      config: { auth: manage, idempotent: true },
      schema: {
        tags,
        summary: 'Marks a shipped order delivered (the return window starts)',
        params: ZShopOrderIdParams,
        response: { 200: ZShopOrder },
      },
    },
    async (request) => {
      await assertShopOrderInScope(db(), request.params.id, request.mutation);
      await shipping.deliverShopOrder(db(), request.params.id, request.mutation);
      return view(request.params.id);
    },
  );

  app.post(
    '/orders/:id/cancel',
    {
      config: { auth: manage, idempotent: true },
      schema: {
        tags,
        summary: 'Cancels an order before it ships (paid: restocked and refunded in full)',
        params: ZShopOrderIdParams,
        body: ZCancelShopOrderRequest,
        response: { 200: ZShopOrder },
      },
    },
    async (request) => {
      await assertShopOrderInScope(db(), request.params.id, request.mutation);
      await orders.cancelShopOrder(
        db(),
        request.params.id,
        request.body.reason ?? '客服取消',
        request.mutation,
        'staff',
      );
      return view(request.params.id);
    },
  );

  app.post(
    '/orders/:id/receive-return',
    {
      config: { auth: manage, idempotent: true },
      schema: {
        tags,
        summary: 'The returned parcel arrived: restock and refund the goods returned',
        params: ZShopOrderIdParams,
        response: { 200: ZShopOrder },
      },
    },
    async (request) => {
      await assertShopOrderInScope(db(), request.params.id, request.mutation);
      await returns.receiveShopReturn(db(), request.params.id, request.mutation);
      return view(request.params.id);
    },
  );

  app.post(
    '/orders/bulk-ship',
    {
      config: { auth: manage, idempotent: multipartUpload },
      schema: {
        tags,
        summary: 'Ships orders from a CSV/XLSX of 订单号, 快递公司, 运单号; bad rows are reported',
        consumes: ['multipart/form-data'],
        response: { 200: ZBulkShipResult },
      },
    },
    async (request) => shipping.bulkShip(db(), await readUpload(request), request.mutation),
  );

  app.put(
    '/shipping-rules',
    {
      config: { auth: settings },
      schema: {
        tags,
        summary: 'Sets a province’s shipping rule ("" is the default)',
        body: ZShippingRuleInput,
        response: { 200: ZShippingRule },
      },
    },
    async (request) => shipping.putShippingRule(db(), request.body, request.mutation),
  );

  app.delete(
    '/shipping-rules/:province',
    {
      config: { auth: settings },
      schema: {
        tags,
        summary: 'Removes a province’s rule ("default" names the default)',
        params: ZProvinceParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const p = request.params.province === 'default' ? '' : request.params.province;
      await shipping.deleteShippingRule(db(), p, request.mutation);
      return reply.status(204).send(null);
    },
  );
};
