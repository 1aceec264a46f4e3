import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZAdvancePlateServiceRequest,
  ZDisputeReinspectionRequest,
  ZOrderIdParams,
  ZOrderPlateServiceRequest,
  ZPlateService,
  ZPlateServiceBoardQuery,
  ZPlateServiceList,
  ZRecordQuotaRequest,
  ZRecordReinspectionRequest,
  ZReinspection,
  ZResolveReinspectionRequest,
  ZTitleTransfer,
  ZTitleTransferBoardQuery,
  ZTitleTransferList,
  ZUpdateTitleTransferRequest,
} from './fulfilment.aftersales.contract.js';
import * as plates from './fulfilment.aftersales.plate-service.js';
import * as reinspections from './fulfilment.aftersales.reinspection.js';
import * as titles from './fulfilment.aftersales.title-transfer.js';

const tags = ['fulfilment'];
const read = { permission: 'fulfilment.aftersales.read' } as const;
const manage = { permission: 'fulfilment.aftersales.manage' } as const;

/** Used-car after-sales under /api/v1/fulfilment/aftersales: title transfers (staff board, buyer progress). */
export const aftersalesRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.ctx.database.db;

  app.get(
    '/title-transfers',
    {
      config: { auth: read },
      schema: {
        tags,
        summary: 'The title-transfer board, newest first',
        querystring: ZTitleTransferBoardQuery,
        response: { 200: ZTitleTransferList },
      },
    },
    async (request) => titles.titleTransferBoard(db(), request.query, request.mutation),
  );

  app.get(
    '/title-transfers/:orderId',
    {
      config: { auth: read },
      schema: {
        tags,
        summary: 'A used-car order’s title transfer with its emission check and open items',
        params: ZOrderIdParams,
        response: { 200: ZTitleTransfer },
      },
    },
    async (request) => titles.getTitleTransfer(db(), request.params.orderId, request.mutation),
  );

  app.put(
    '/title-transfers/:orderId',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: 'Record title-transfer checklist items (opens the transfer the first time)',
        params: ZOrderIdParams,
        body: ZUpdateTitleTransferRequest,
        response: { 200: ZTitleTransfer },
      },
    },
    async (request) =>
      titles.updateTitleTransfer(db(), request.params.orderId, request.body, request.mutation),
  );

  app.post(
    '/title-transfers/:orderId/complete',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: 'Complete the title transfer (every item done, emission rule met)',
        params: ZOrderIdParams,
        response: { 200: ZTitleTransfer },
      },
    },
    async (request) => titles.completeTitleTransfer(db(), request.params.orderId, request.mutation),
  );

  app.get(
    '/orders/:orderId/title-transfer',
    {
      config: { auth: 'buyer' },
      schema: {
        tags,
        summary: 'My used-car order’s title-transfer progress',
        params: ZOrderIdParams,
        response: { 200: ZTitleTransfer },
      },
    },
    async (request) => titles.getMyTitleTransfer(db(), request.params.orderId, request.mutation),
  );

  // ---- handover re-inspection ----

  app.post(
    '/reinspections/:orderId',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: 'Record the handover re-inspection of a used car, item by item against its listed report',
        params: ZOrderIdParams,
        body: ZRecordReinspectionRequest,
        response: { 201: ZReinspection },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await reinspections.recordReinspection(
            db(),
            request.params.orderId,
            request.body,
            request.mutation,
          ),
        ),
  );

  app.get(
    '/reinspections/:orderId',
    {
      config: { auth: read },
      schema: {
        tags,
        summary: 'A used-car order’s re-inspection',
        params: ZOrderIdParams,
        response: { 200: ZReinspection },
      },
    },
    async (request) => reinspections.getReinspection(db(), request.params.orderId, request.mutation),
  );

  app.post(
    '/reinspections/:orderId/resolve',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: 'Resolve a re-inspection dispute: full refund (order cancelled), partial refund, or none',
        params: ZOrderIdParams,
        body: ZResolveReinspectionRequest,
        response: { 200: ZReinspection },
      },
    },
    async (request) =>
      reinspections.resolveReinspection(
        db(),
        request.params.orderId,
        request.body,
        request.mutation,
        app.ctx.config,
      ),
  );

  app.get(
    '/orders/:orderId/reinspection',
    {
      config: { auth: 'buyer' },
      schema: {
        tags,
        summary: 'My used car’s handover re-inspection and its differences',
        params: ZOrderIdParams,
        response: { 200: ZReinspection },
      },
    },
    async (request) => reinspections.getMyReinspection(db(), request.params.orderId, request.mutation),
  );

  app.post(
    '/orders/:orderId/reinspection/accept',
    {
      config: { auth: 'buyer' },
      schema: {
        tags,
        summary: 'Accept the re-inspection differences',
        params: ZOrderIdParams,
        response: { 200: ZReinspection },
      },
    },
    async (request) =>
      reinspections.answerReinspection(db(), request.params.orderId, { action: 'accept' }, request.mutation),
  );

  app.post(
    '/orders/:orderId/reinspection/dispute',
    {
      config: { auth: 'buyer' },
      schema: {
        tags,
        summary: 'Dispute the re-inspection differences',
        params: ZOrderIdParams,
        body: ZDisputeReinspectionRequest,
        response: { 200: ZReinspection },
      },
    },
    async (request) =>
      reinspections.answerReinspection(
        db(),
        request.params.orderId,
        { action: 'dispute', reason: request.body.reason },
        request.mutation,
      ),
  );

  // ---- plate registration service ----

  app.post(
    '/orders/:orderId/plate-service',
    {
      config: { auth: 'buyer' },
      schema: {
        tags,
        summary: 'Order the plate registration service on my paid order (answers its pay link)',
        params: ZOrderIdParams,
        body: ZOrderPlateServiceRequest,
        response: { 201: ZPlateService },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await plates.orderPlateService(app.ctx, request.params.orderId, request.body, request.mutation),
        ),
  );

  app.get(
    '/orders/:orderId/plate-service',
    {
      config: { auth: 'buyer' },
      schema: {
        tags,
        summary: 'My plate service and its step',
        params: ZOrderIdParams,
        response: { 200: ZPlateService },
      },
    },
    async (request) => plates.getMyPlateService(db(), request.params.orderId, request.mutation),
  );

  app.post(
    '/orders/:orderId/plate-service/quota',
    {
      config: { auth: 'buyer' },
      schema: {
        tags,
        summary: 'Record my plate quota (Shanghai auction certificate, Beijing lottery quota)',
        params: ZOrderIdParams,
        body: ZRecordQuotaRequest,
        response: { 200: ZPlateService },
      },
    },
    async (request) => plates.recordPlateQuota(db(), request.params.orderId, request.body, request.mutation),
  );

  app.get(
    '/plate-services',
    {
      config: { auth: read },
      schema: {
        tags,
        summary: 'The plate service board, newest first',
        querystring: ZPlateServiceBoardQuery,
        response: { 200: ZPlateServiceList },
      },
    },
    async (request) => plates.plateServiceBoard(db(), request.query, request.mutation),
  );

  app.get(
    '/plate-services/:orderId',
    {
      config: { auth: read },
      schema: {
        tags,
        summary: 'An order’s plate service',
        params: ZOrderIdParams,
        response: { 200: ZPlateService },
      },
    },
    async (request) => plates.getPlateService(db(), request.params.orderId, request.mutation),
  );

  app.post(
    '/plate-services/:orderId/advance',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: 'Move the plate service one step (documents, inspection, plate issued with its number)',
        params: ZOrderIdParams,
        body: ZAdvancePlateServiceRequest,
        response: { 200: ZPlateService },
      },
    },
    async (request) =>
      plates.advancePlateService(db(), request.params.orderId, request.body, request.mutation),
  );
};
