import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireStaff } from '../../kernel/auth/guard.js';
import {
  ZAddQualificationRequest,
  ZCityList,
  ZCreateDealerRequest,
  ZCreateStoreRequest,
  ZDealer,
  ZDealerDetail,
  ZDealerIdParams,
  ZDealerListQuery,
  ZDealerPage,
  ZPortalDealer,
  ZPortalUpdateStoreRequest,
  ZQualification,
  ZStore,
  ZStoreIdParams,
  ZStoreListQuery,
  ZStorePage,
  ZUpdateDealerRequest,
  ZUpdateStoreRequest,
} from './dealers.contract.js';
import * as service from './dealers.service.js';

const tags = ['dealers'];
const read = { permission: 'reference.read' } as const;
const manage = { permission: 'reference.manage' } as const;
const portal = { permission: 'dealer.portal' } as const;

/** Cities, dealers, stores (public, console) and the dealer portal API under /api/v1/dealers. */
export const dealersRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.ctx.database.db;

  // ---- public ----

  app.get(
    '/cities',
    { config: { auth: 'public' }, schema: { tags, summary: 'All cities', response: { 200: ZCityList } } },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=3600');
      return service.listCities(db());
    },
  );

  app.get(
    '/stores',
    {
      config: { auth: 'public' },
      schema: { tags, summary: 'Open stores', querystring: ZStoreListQuery, response: { 200: ZStorePage } },
    },
    async (request) => service.listPublicStores(db(), request.query),
  );

  app.get(
    '/stores/:id',
    {
      config: { auth: 'public' },
      schema: { tags, summary: 'One open store', params: ZStoreIdParams, response: { 200: ZStore } },
    },
    async (request) => service.getPublicStore(db(), request.params.id),
  );

  // ---- console ----

  app.get(
    '/dealers',
    {
      config: { auth: read },
      schema: { tags, summary: 'Dealers', querystring: ZDealerListQuery, response: { 200: ZDealerPage } },
    },
    async (request) => service.listDealers(db(), requireStaff(request), request.query, app.ctx.clock.now()),
  );

  app.get(
    '/dealers/:id',
    {
      config: { auth: read },
      schema: {
        tags,
        summary: 'A dealer with qualifications and stores',
        params: ZDealerIdParams,
        response: { 200: ZDealerDetail },
      },
    },
    async (request) => service.getDealer(db(), requireStaff(request), request.params.id, app.ctx.clock.now()),
  );

  app.post(
    '/dealers',
    {
      config: { auth: manage },
      schema: { tags, summary: 'Create a dealer', body: ZCreateDealerRequest, response: { 201: ZDealer } },
    },
    async (request, reply) => {
      const dealer = await service.createDealer(db(), request.body, request.mutation);
      return reply.status(201).send(dealer);
    },
  );

  app.patch(
    '/dealers/:id',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: 'Update a dealer',
        params: ZDealerIdParams,
        body: ZUpdateDealerRequest,
        response: { 200: ZDealer },
      },
    },
    async (request) => service.updateDealer(db(), request.params.id, request.body, request.mutation),
  );

  for (const action of ['suspend', 'reinstate'] as const) {
    app.post(
      `/dealers/:id/${action}`,
      {
        config: { auth: manage },
        schema: {
          tags,
          summary: action === 'suspend' ? 'Suspend a dealer' : 'Reinstate a suspended dealer',
          params: ZDealerIdParams,
          response: { 200: ZDealer },
        },
      },
      async (request) => service.changeDealerStatus(db(), request.params.id, action, request.mutation),
    );
  }

  app.post(
    '/dealers/:id/qualifications',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: 'Add a qualification to a dealer',
        params: ZDealerIdParams,
        body: ZAddQualificationRequest,
        response: { 201: ZQualification },
      },
    },
    async (request, reply) => {
      const q = await service.addQualification(db(), request.params.id, request.body, request.mutation);
      return reply.status(201).send(q);
    },
  );

  app.post(
    '/stores',
    {
      config: { auth: manage },
      schema: { tags, summary: 'Create a store', body: ZCreateStoreRequest, response: { 201: ZStore } },
    },
    async (request, reply) => {
      const store = await service.createStore(db(), request.body, request.mutation);
      return reply.status(201).send(store);
    },
  );

  app.patch(
    '/stores/:id',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: 'Update a store',
        params: ZStoreIdParams,
        body: ZUpdateStoreRequest,
        response: { 200: ZStore },
      },
    },
    async (request) => service.updateStore(db(), request.params.id, request.body, request.mutation),
  );

  // ---- dealer portal (scoped to the caller's dealer) ----

  app.get(
    '/portal/dealer',
    {
      config: { auth: portal },
      schema: { tags, summary: 'My dealer with qualifications', response: { 200: ZPortalDealer } },
    },
    async (request) => service.getPortalDealer(db(), requireStaff(request), app.ctx.clock.now()),
  );

  app.get(
    '/portal/stores',
    {
      config: { auth: portal },
      schema: { tags, summary: 'My dealer’s stores', response: { 200: ZStore.array() } },
    },
    async (request) => service.listPortalStores(db(), requireStaff(request)),
  );

  app.patch(
    '/portal/stores/:id',
    {
      config: { auth: portal },
      schema: {
        tags,
        summary: 'Change phone, opening hours or services of one of my stores',
        params: ZStoreIdParams,
        body: ZPortalUpdateStoreRequest,
        response: { 200: ZStore },
      },
    },
    async (request) => service.updatePortalStore(db(), request.params.id, request.body, request.mutation),
  );
};
