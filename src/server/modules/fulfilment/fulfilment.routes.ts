import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../kernel/http/errors.js';
import * as calendar from './fulfilment.calendar.js';
import { verifyCarrierEvent } from './fulfilment.carriers.js';
import {
  ZAcceptHandoverRequest,
  ZAssignDeliveryRequest,
  ZBookDeliveryRequest,
  ZCarrierAck,
  ZCarrierEvent,
  ZCarrierParams,
  ZClosure,
  ZClosureParams,
  ZCreateClosureRequest,
  ZCreateFeeRuleRequest,
  ZDateRangeQuery,
  ZDelivery,
  ZDeliveryIdParams,
  ZDeliveryListQuery,
  ZDeliveryPage,
  ZDeliveryQuote,
  ZDeliveryQuoteQuery,
  ZDeliveryRates,
  ZFeeRule,
  ZFeeRuleList,
  ZGenerateSlotsResult,
  ZOrderIdParams,
  ZRecordInvoiceRequest,
  ZSignChecklistParams,
  ZSignChecklistRequest,
  ZSlotList,
  ZSlotTemplates,
  ZStoreIdParams,
} from './fulfilment.contract.js';
import { deliveryRates } from './fulfilment.jobs.js';
import * as service from './fulfilment.service.js';

const tags = ['fulfilment'];
const read = { permission: 'fulfilment.read' } as const;
const manage = { permission: 'fulfilment.manage' } as const;
const cal = { permission: 'fulfilment.calendar' } as const;

const ZCalendar = z.object({
  templates: ZSlotTemplates.shape.templates,
  closures: z.array(ZClosure),
});

/** The fulfilment API under /api/v1/fulfilment: schema in, one service call, DTO out. */
export const fulfilmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.ctx.database.db;
  const env = () => app.ctx.config;

  // ---- buyer: /orders/:orderId/... ----

  app.get(
    '/orders/:orderId/quote',
    {
      config: { auth: 'buyer' },
      schema: {
        tags,
        summary: 'The delivery fee before confirming',
        params: ZOrderIdParams,
        querystring: ZDeliveryQuoteQuery,
        response: { 200: ZDeliveryQuote },
      },
    },
    async (request) => calendar.quoteDelivery(db(), request.params.orderId, request.query, request.mutation),
  );

  app.get(
    '/orders/:orderId/slots',
    {
      config: { auth: 'buyer' },
      schema: {
        tags,
        summary: 'Bookable slots of the delivering store',
        params: ZOrderIdParams,
        querystring: ZDateRangeQuery,
        response: { 200: ZSlotList },
      },
    },
    async (request) =>
      calendar.listBookableSlots(db(), request.params.orderId, request.query, request.mutation),
  );

  app.post(
    '/orders/:orderId/booking',
    {
      config: { auth: 'buyer', idempotent: true },
      schema: {
        tags,
        summary: 'Book (or move) home delivery or store pickup',
        params: ZOrderIdParams,
        body: ZBookDeliveryRequest,
        response: { 200: ZDelivery },
      },
    },
    async (request) => {
      const row = await calendar.bookDelivery(
        db(),
        request.params.orderId,
        request.body,
        request.mutation,
        env(),
      );
      return service.toDelivery(db(), row);
    },
  );

  app.get(
    '/orders/:orderId/delivery',
    {
      config: { auth: 'buyer' },
      schema: {
        tags,
        summary: 'My delivery: slot, tracking, checklists',
        params: ZOrderIdParams,
        response: { 200: ZDelivery },
      },
    },
    async (request) => service.getDeliveryOfOrder(db(), request.params.orderId, request.mutation),
  );

  app.post(
    '/orders/:orderId/handover',
    {
      config: { auth: 'buyer', idempotent: true },
      bodyLimit: 10 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Accept the handover with photos',
        params: ZOrderIdParams,
        body: ZAcceptHandoverRequest,
        response: { 200: ZDelivery },
      },
    },
    async (request) =>
      service.acceptHandover(db(), request.params.orderId, request.body, request.mutation, env()),
  );

  // ---- staff: calendars and fee rules ----

  app.get(
    '/stores/:storeId/calendar',
    { config: { auth: read }, schema: { tags, params: ZStoreIdParams, response: { 200: ZCalendar } } },
    async (request) => calendar.getCalendar(db(), request.params.storeId, request.mutation),
  );

  app.put(
    '/stores/:storeId/templates',
    {
      config: { auth: cal },
      schema: {
        tags,
        summary: 'Replace the weekly slot templates',
        params: ZStoreIdParams,
        body: ZSlotTemplates,
        response: { 200: ZCalendar },
      },
    },
    async (request) =>
      calendar.replaceSlotTemplates(db(), request.params.storeId, request.body, request.mutation),
  );

  app.post(
    '/stores/:storeId/closures',
    {
      config: { auth: cal },
      schema: {
        tags,
        summary: 'Close a day',
        params: ZStoreIdParams,
        body: ZCreateClosureRequest,
        response: { 201: ZClosure },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await calendar.addClosure(db(), request.params.storeId, request.body, request.mutation)),
  );

  app.delete(
    '/stores/:storeId/closures/:closureId',
    { config: { auth: cal }, schema: { tags, params: ZClosureParams } },
    async (request, reply) => {
      await calendar.removeClosure(db(), request.params.storeId, request.params.closureId, request.mutation);
      return reply.status(204).send();
    },
  );

  app.post(
    '/stores/:storeId/slots/generate',
    {
      config: { auth: cal },
      schema: {
        tags,
        summary: 'Generate slots for a date range',
        params: ZStoreIdParams,
        body: ZDateRangeQuery,
        response: { 200: ZGenerateSlotsResult },
      },
    },
    async (request) => calendar.generateSlots(db(), request.params.storeId, request.body, request.mutation),
  );

  app.get(
    '/stores/:storeId/slots',
    {
      config: { auth: read },
      schema: { tags, params: ZStoreIdParams, querystring: ZDateRangeQuery, response: { 200: ZSlotList } },
    },
    async (request) => calendar.listStoreSlots(db(), request.params.storeId, request.query, request.mutation),
  );

  app.get(
    '/fee-rules',
    { config: { auth: read }, schema: { tags, response: { 200: ZFeeRuleList } } },
    async () => calendar.listFeeRules(db()),
  );

  app.post(
    '/fee-rules',
    { config: { auth: cal }, schema: { tags, body: ZCreateFeeRuleRequest, response: { 201: ZFeeRule } } },
    async (request, reply) =>
      reply.status(201).send(await calendar.createFeeRule(db(), request.body, request.mutation)),
  );

  app.post(
    '/fee-rules/:id/deactivate',
    { config: { auth: cal }, schema: { tags, params: ZDeliveryIdParams, response: { 200: ZFeeRule } } },
    async (request) => calendar.deactivateFeeRule(db(), request.params.id, request.mutation),
  );

  // ---- staff: deliveries ----

  app.get(
    '/deliveries',
    {
      config: { auth: read },
      schema: {
        tags,
        summary: 'The deliveries board',
        querystring: ZDeliveryListQuery,
        response: { 200: ZDeliveryPage },
      },
    },
    async (request) => service.listDeliveries(db(), request.query, request.mutation),
  );

  app.get(
    '/reports/rates',
    {
      config: { auth: read },
      schema: {
        tags,
        summary: 'On-time and 48 h delivery rates',
        querystring: ZDateRangeQuery,
        response: { 200: ZDeliveryRates },
      },
    },
    async (request) => deliveryRates(db(), request.query, request.mutation),
  );

  app.get(
    '/deliveries/:id',
    { config: { auth: read }, schema: { tags, params: ZDeliveryIdParams, response: { 200: ZDelivery } } },
    async (request) => service.getDelivery(db(), request.params.id, request.mutation),
  );

  app.post(
    '/deliveries/:id/assign',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: 'Assign carrier, driver, advisor',
        params: ZDeliveryIdParams,
        body: ZAssignDeliveryRequest,
        response: { 200: ZDelivery },
      },
    },
    async (request) => service.assignDelivery(db(), request.params.id, request.body, request.mutation, env()),
  );

  app.post(
    '/deliveries/:id/dispatch',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: 'Hand the car to the carrier (order in transit)',
        params: ZDeliveryIdParams,
        response: { 200: ZDelivery },
      },
    },
    async (request) => service.dispatchDelivery(db(), request.params.id, request.mutation, env()),
  );

  app.post(
    '/deliveries/:id/checklist/:kind/:code',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: 'Sign off a PDI or handover item',
        params: ZSignChecklistParams,
        body: ZSignChecklistRequest,
        response: { 200: ZDelivery },
      },
    },
    async (request) =>
      service.signChecklistItem(
        db(),
        request.params.id,
        request.params.kind,
        request.params.code,
        request.body.note,
        request.mutation,
      ),
  );

  app.post(
    '/deliveries/:id/invoice',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: 'Record the vehicle sales invoice',
        params: ZDeliveryIdParams,
        body: ZRecordInvoiceRequest,
        response: { 200: ZDelivery },
      },
    },
    async (request) => service.recordInvoice(db(), request.params.id, request.body, request.mutation),
  );

  app.post(
    '/deliveries/:id/complete',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: 'Complete the order once every gate passes',
        params: ZDeliveryIdParams,
        response: { 200: ZDelivery },
      },
    },
    async (request) => service.completeDelivery(db(), request.params.id, request.mutation, env()),
  );

  // ---- carriers ----

  app.post(
    '/carriers/:carrier/events',
    {
      config: {
        auth: 'public',
        csrf: false,
        idempotent: { optOut: 'carrier events are signed and deduplicated by the carrier’s event id' },
      },
      schema: {
        tags,
        summary: 'A carrier reports a tracking event (signed: X-Carrier-Signature)',
        params: ZCarrierParams,
        body: ZCarrierEvent,
        response: { 200: ZCarrierAck },
      },
    },
    async (request) => {
      const signature = request.headers['x-carrier-signature'];
      if (
        !verifyCarrierEvent(
          env(),
          request.params.carrier,
          request.body,
          typeof signature === 'string' ? signature : undefined,
        )
      ) {
        throw new AppError('DELIVERY_SIGNATURE_INVALID');
      }
      return service.ingestCarrierEvent(db(), request.params.carrier, request.body, app.ctx.clock.now());
    },
  );
};
