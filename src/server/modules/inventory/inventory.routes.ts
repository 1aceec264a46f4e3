import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireStaff } from '../../kernel/auth/guard.js';
import { AppError } from '../../kernel/http/errors.js';
import { malformedMultipart } from '../../kernel/http/multipart.js';
import * as accessories from './inventory.accessories.js';
import {
  ZAcceptSuggestionRequest,
  ZAccessoryStock,
  ZAccessoryStockList,
  ZAccessoryStockQuery,
  ZAdjustAccessoryStockRequest,
  ZCreateStockLocationRequest,
  ZDismissSuggestionRequest,
  ZHoldIdParams,
  ZInventoryImportParams,
  ZInventoryImportQuery,
  ZInventoryImportResult,
  ZInventoryTemplateParams,
  ZPutReplenishmentSettingRequest,
  ZReceiveUnitRequest,
  ZReplenishmentSetting,
  ZReplenishmentSettingList,
  ZReplenishmentSuggestion,
  ZReplenishmentSuggestionList,
  ZStockLocation,
  ZStockLocationList,
  ZStockSummary,
  ZSuggestionIdParams,
  ZSuggestionListQuery,
  ZTurnoverQuery,
  ZTurnoverReport,
  ZUnitActionParams,
  ZUnitHold,
  ZUnitHoldList,
  ZUnitIdParams,
  ZVehicleUnit,
  ZVehicleUnitListQuery,
  ZVehicleUnitPage,
} from './inventory.contract.js';
import * as imports from './inventory.import.js';
import * as replenishment from './inventory.replenishment.js';
import * as service from './inventory.service.js';
import * as turnover from './inventory.turnover.js';

const tags = ['inventory'];
const read = { permission: 'inventory.read' } as const;
const manage = { permission: 'inventory.manage' } as const;
const configure = { permission: 'inventory.configure' } as const;
const IMPORT_MAX_BYTES = 10 * 1024 * 1024;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ZComputeSuggestionsResult = z.object({ opened: z.number().int(), refreshed: z.number().int() });
// @fastify/multipart hands the handler the raw request stream, read after a key would be claimed.
const multipartUpload = {
  optOut:
    'multipart upload: the file is streamed to the handler, so the body cannot be hashed when the key is claimed',
} as const;

/** The one file of a multipart upload; INVENTORY_IMPORT_FILE_MISSING without one. */
async function readUpload(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) throw new AppError('INVENTORY_IMPORT_FILE_MISSING');
  let bytes: Buffer | null = null;
  try {
    for await (const part of request.parts({ limits: { fileSize: IMPORT_MAX_BYTES } })) {
      if (part.type !== 'file') continue;
      try {
        bytes = await part.toBuffer();
      } catch (e) {
        if (e instanceof Error && 'code' in e && e.code === 'FST_REQ_FILE_TOO_LARGE') {
          throw new AppError('INVENTORY_IMPORT_TOO_LARGE', { maxMb: IMPORT_MAX_BYTES / 1024 / 1024 });
        }
        throw e;
      }
    }
  } catch (e) {
    throw malformedMultipart(e);
  }
  if (!bytes) throw new AppError('INVENTORY_IMPORT_FILE_MISSING');
  return bytes;
}

/** The stock API under /api/v1/inventory: schema in, one service call, DTO out. */
export const inventoryRoutes: FastifyPluginAsyncZod = async (app) => {
  // Encapsulated: only this plugin's routes accept multipart bodies (the imports).
  await app.register(multipart, {
    limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 5, fieldSize: 1000 },
  });
  const db = () => app.ctx.database.db;
  const now = () => app.ctx.clock.now();

  app.get(
    '/locations',
    { config: { auth: read }, schema: { tags, response: { 200: ZStockLocationList } } },
    async (request) => service.listLocations(db(), requireStaff(request)),
  );

  app.post(
    '/locations',
    {
      config: { auth: manage },
      schema: { tags, body: ZCreateStockLocationRequest, response: { 201: ZStockLocation } },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createLocation(db(), request.body, request.mutation)),
  );

  app.get(
    '/units',
    {
      config: { auth: read },
      schema: { tags, querystring: ZVehicleUnitListQuery, response: { 200: ZVehicleUnitPage } },
    },
    async (request) => service.listUnits(db(), requireStaff(request), request.query, now()),
  );

  app.get(
    '/units/:id',
    { config: { auth: read }, schema: { tags, params: ZUnitIdParams, response: { 200: ZVehicleUnit } } },
    async (request) => service.getUnit(db(), requireStaff(request), request.params.id, now()),
  );

  app.post(
    '/units',
    {
      config: { auth: manage },
      schema: { tags, body: ZReceiveUnitRequest, response: { 201: ZVehicleUnit } },
    },
    async (request, reply) =>
      reply.status(201).send(await service.receiveUnit(db(), request.body, request.mutation)),
  );

  app.post(
    '/units/:id/:action',
    {
      config: { auth: manage },
      schema: { tags, params: ZUnitActionParams, response: { 200: ZVehicleUnit } },
    },
    async (request) =>
      service.changeUnitStatus(db(), request.params.id, request.params.action, request.mutation),
  );

  app.get(
    '/units/:id/holds',
    { config: { auth: read }, schema: { tags, params: ZUnitIdParams, response: { 200: ZUnitHoldList } } },
    async (request) => service.listUnitHolds(db(), requireStaff(request), request.params.id),
  );

  app.post(
    '/holds/:id/release',
    { config: { auth: manage }, schema: { tags, params: ZHoldIdParams, response: { 200: ZUnitHold } } },
    async (request) => service.releaseHoldByStaff(db(), request.params.id, request.mutation),
  );

  // ---- the board: stock per store and trim, alerts, turnover ----

  app.get(
    '/summary',
    {
      config: { auth: read },
      schema: {
        tags,
        summary: 'Stock per store and trim with aged/low flags, and the alert counts',
        response: { 200: ZStockSummary },
      },
    },
    async (request) => turnover.stockSummary(db(), requireStaff(request), now()),
  );

  app.get(
    '/turnover',
    {
      config: { auth: read },
      schema: {
        tags,
        summary: 'Turnover per location and brand (default: the last 90 days)',
        querystring: ZTurnoverQuery,
        response: { 200: ZTurnoverReport },
      },
    },
    async (request) => turnover.turnoverReport(db(), requireStaff(request), request.query, now()),
  );

  // ---- accessory stock ----

  app.get(
    '/accessories',
    {
      config: { auth: read },
      schema: {
        tags,
        summary: 'Accessory stock per location and SKU',
        querystring: ZAccessoryStockQuery,
        response: { 200: ZAccessoryStockList },
      },
    },
    async (request) => accessories.listAccessoryStock(db(), requireStaff(request), request.query),
  );

  app.post(
    '/accessories/adjust',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: 'Receive, write off or recount an accessory SKU at a location',
        body: ZAdjustAccessoryStockRequest,
        response: { 200: ZAccessoryStock },
      },
    },
    async (request) => accessories.adjustAccessoryStockBySku(db(), request.body, request.mutation),
  );

  // ---- replenishment ----

  app.get(
    '/suggestions',
    {
      config: { auth: read },
      schema: {
        tags,
        summary: 'Replenishment suggestions, biggest shortfall first',
        querystring: ZSuggestionListQuery,
        response: { 200: ZReplenishmentSuggestionList },
      },
    },
    async (request) => replenishment.listSuggestions(db(), requireStaff(request), request.query),
  );

  app.post(
    '/suggestions/:id/accept',
    {
      config: { auth: manage },
      schema: {
        tags,
        params: ZSuggestionIdParams,
        body: ZAcceptSuggestionRequest,
        response: { 200: ZReplenishmentSuggestion },
      },
    },
    async (request) =>
      replenishment.acceptSuggestion(db(), request.params.id, request.body, request.mutation),
  );

  app.post(
    '/suggestions/:id/dismiss',
    {
      config: { auth: manage },
      schema: {
        tags,
        params: ZSuggestionIdParams,
        body: ZDismissSuggestionRequest,
        response: { 200: ZReplenishmentSuggestion },
      },
    },
    async (request) =>
      replenishment.dismissSuggestion(db(), request.params.id, request.body, request.mutation),
  );

  app.post(
    '/suggestions/compute',
    {
      config: { auth: configure },
      schema: {
        tags,
        summary: 'Recompute suggestions now (the daily job does this at 07:30)',
        response: { 200: ZComputeSuggestionsResult },
      },
    },
    async (request) => replenishment.computeSuggestions(db(), request.mutation),
  );

  app.get(
    '/replenishment-settings',
    { config: { auth: read }, schema: { tags, response: { 200: ZReplenishmentSettingList } } },
    async () => replenishment.listSettings(db()),
  );

  app.put(
    '/replenishment-settings',
    {
      config: { auth: configure },
      schema: {
        tags,
        summary: 'Lead time and buffer of the default, a brand or a location',
        body: ZPutReplenishmentSettingRequest,
        response: { 200: ZReplenishmentSetting },
      },
    },
    async (request) => replenishment.putSetting(db(), request.body, request.mutation),
  );

  // ---- bulk import ----

  app.get(
    '/import/:kind/template.:format',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: 'Import template: header, example row, columns, your stock locations',
        params: ZInventoryTemplateParams,
      },
    },
    async (request, reply) => {
      const { kind, format } = request.params;
      const bytes = await imports.importTemplate(db(), requireStaff(request), kind, format, now());
      return reply
        .type(format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE)
        .header('content-disposition', `attachment; filename="stock-${kind}-template.${format}"`)
        .header('cache-control', 'no-store')
        .send(bytes);
    },
  );

  app.post(
    '/import/:kind',
    {
      config: { auth: manage, idempotent: multipartUpload },
      schema: {
        tags,
        summary:
          'Import units or accessory stock from CSV/XLSX (every row checked first; nothing written if any is bad)',
        consumes: ['multipart/form-data'],
        params: ZInventoryImportParams,
        querystring: ZInventoryImportQuery,
        response: { 200: ZInventoryImportResult },
      },
    },
    async (request) => {
      const bytes = await readUpload(request);
      return imports.importStock(db(), request.params.kind, bytes, request.query.dryRun, request.mutation);
    },
  );
};
