import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { searchCaches } from './search.caches.js';
import {
  ZCreateQueryTerm,
  ZQueryTerm,
  ZQueryTermIdParams,
  ZQueryTermList,
  ZUnderstandRequest,
  ZUnderstandResponse,
  ZUpdateQueryTerm,
} from './search.contract.js';
import {
  createQueryTerm,
  deleteQueryTerm,
  explainQuery,
  listQueryTerms,
  updateQueryTerm,
} from './search.terms.service.js';
import { labelUnderstood } from './search.understood.js';

// Console: the words search understands (/api/v1/catalog/search/terms) and a try-it box.

const tags = ['catalog-search'];
const read = { permission: 'catalog.read' } as const;
const manage = { permission: 'catalog.manage' } as const;

export const searchTermRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/search/terms',
    {
      config: { auth: read },
      schema: {
        tags,
        summary: 'The words search understands: built-in terms and operators’ terms',
        response: { 200: ZQueryTermList },
      },
    },
    async () => ({ items: await listQueryTerms(app.ctx) }),
  );

  app.post(
    '/search/terms',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: 'Teach search a word (it adds to or replaces a built-in term of the same text and filter)',
        body: ZCreateQueryTerm,
        response: { 201: ZQueryTerm },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createQueryTerm(app.ctx, request.body, request.mutation)),
  );

  app.patch(
    '/search/terms/:id',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: 'Change what an operator’s search term sets',
        params: ZQueryTermIdParams,
        body: ZUpdateQueryTerm,
        response: { 200: ZQueryTerm },
      },
    },
    async (request) => updateQueryTerm(app.ctx, request.params.id, request.body, request.mutation),
  );

  app.delete(
    '/search/terms/:id',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: 'Remove an operator’s search term (a built-in one it replaced applies again)',
        params: ZQueryTermIdParams,
        response: { 200: z.object({ deleted: z.literal(true) }) },
      },
    },
    async (request) => {
      await deleteQueryTerm(app.ctx, request.params.id, request.mutation);
      return { deleted: true as const };
    },
  );

  app.post(
    '/search/understand',
    {
      config: { auth: read },
      schema: {
        tags,
        summary: 'How a query is read: the pieces understood, the words left as text and the sort',
        body: ZUnderstandRequest,
        response: { 200: ZUnderstandResponse },
      },
    },
    async (request) => {
      const { understanding, dictionary } = await explainQuery(app.ctx, request.body.q);
      return {
        understood: await labelUnderstood(
          app.ctx,
          searchCaches(app.ctx),
          dictionary,
          understanding.understood,
          request.mutation.lang,
        ),
        words: understanding.words,
        sort: understanding.sort ?? null,
      };
    },
  );
};
