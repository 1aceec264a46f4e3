import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { provideMediaOwner } from '../catalog/index.js';
import {
  ZAccessory,
  ZAccessoryCategory,
  ZAccessoryCategoryInput,
  ZAccessoryCategoryList,
  ZAccessoryIdParams,
  ZAccessoryInput,
  ZAccessoryManageQuery,
  ZAccessoryPage,
  ZAccessoryQuery,
} from './accessories.contract.js';
import * as service from './accessories.service.js';

const tags = ['catalog: accessories'];
const manage = { permission: 'catalog.manage' } as const;

/** Accessories and care products (category tree, SKUs with variants, series fitment) under /api/v1/catalog. */
export const accessoriesRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.ctx.database.db;
  // Product images are stored by the catalog module's media service, which asks this module about owners.
  provideMediaOwner('accessory', {
    permission: 'catalog.manage',
    mayAttach: (tx, _actor, ownerId) => service.accessoryExists(tx, ownerId),
  });

  app.get(
    '/accessories/categories',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Accessory category tree (flat, with parentId)',
        response: { 200: ZAccessoryCategoryList },
      },
    },
    async () => service.listCategories(db()),
  );

  app.post(
    '/accessories/categories',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: 'Create a category',
        body: ZAccessoryCategoryInput,
        response: { 201: ZAccessoryCategory },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createCategory(db(), request.body, request.mutation)),
  );

  app.put(
    '/accessories/categories/:id',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: 'Rename or move a category',
        params: ZAccessoryIdParams,
        body: ZAccessoryCategoryInput,
        response: { 200: ZAccessoryCategory },
      },
    },
    async (request) => service.updateCategory(db(), request.params.id, request.body, request.mutation),
  );

  app.get(
    '/accessories',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Accessories on sale',
        querystring: ZAccessoryQuery,
        response: { 200: ZAccessoryPage },
      },
    },
    async (request) => service.listPublicAccessories(db(), request.query),
  );

  app.get(
    '/accessories/manage',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: 'All accessories, any status (console)',
        querystring: ZAccessoryManageQuery,
        response: { 200: ZAccessoryPage },
      },
    },
    async (request) => service.listAllAccessories(db(), request.query),
  );

  app.get(
    '/accessories/manage/:id',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: 'One accessory, any status (console)',
        params: ZAccessoryIdParams,
        response: { 200: ZAccessory },
      },
    },
    async (request) => service.getAccessory(db(), request.params.id),
  );

  app.get(
    '/accessories/:id',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'One accessory on sale',
        params: ZAccessoryIdParams,
        response: { 200: ZAccessory },
      },
    },
    async (request) => service.getPublicAccessory(db(), request.params.id),
  );

  app.post(
    '/accessories',
    {
      config: { auth: manage },
      schema: { tags, summary: 'Create an accessory', body: ZAccessoryInput, response: { 201: ZAccessory } },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createAccessory(db(), request.body, request.mutation)),
  );

  app.put(
    '/accessories/:id',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: 'Replace an accessory (fields, variants, fitment, status)',
        params: ZAccessoryIdParams,
        body: ZAccessoryInput,
        response: { 200: ZAccessory },
      },
    },
    async (request) => service.updateAccessory(db(), request.params.id, request.body, request.mutation),
  );
};
