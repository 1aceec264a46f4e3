import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireStaff } from '../../kernel/auth/guard.js';
import {
  ZCreateStockLocationRequest,
  ZHoldIdParams,
  ZReceiveUnitRequest,
  ZStockLocation,
  ZStockLocationList,
  ZUnitActionParams,
  ZUnitHold,
  ZUnitHoldList,
  ZUnitIdParams,
  ZVehicleUnit,
  ZVehicleUnitListQuery,
  ZVehicleUnitPage,
} from './inventory.contract.js';
import * as service from './inventory.service.js';

const tags = ['inventory'];
const read = { permission: 'inventory.read' } as const;
const manage = { permission: 'inventory.manage' } as const;

/** The stock API under /api/v1/inventory: schema in, one service call, DTO out. */
export const inventoryRoutes: FastifyPluginAsyncZod = async (app) => {
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
};
