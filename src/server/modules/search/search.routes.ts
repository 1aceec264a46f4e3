import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireBuyer } from '../../kernel/auth/guard.js';
import { releaseSearchCaches, searchCaches } from './search.caches.js';
import { compare } from './search.compare.js';
import {
  ZCompareQuery,
  ZCompareResponse,
  ZFavouriteRequest,
  ZHistoryViewRequest,
  ZListingId,
  ZMergeRequest,
  ZMergeResponse,
  ZRecommendationRequest,
  ZRecommendationResponse,
  ZSavedList,
  ZSearchQuery,
  ZSearchResponse,
  ZSuggestQuery,
  ZSuggestResponse,
  ZVehicleDetail,
  ZVehicleDetailQuery,
} from './search.contract.js';
import { getVehicleDetail } from './search.detail.js';
import { suggest } from './search.dictionary.js';
import { flushPopularQueries, popularQueries } from './search.popular.js';
import { searchVehicles } from './search.query.js';
import { recommend } from './search.recommend.js';
import * as saved from './search.saved.js';
import { flushListingViews } from './search.views.js';

const serialized = new WeakMap<object, string>();
function serializeOnce(data: unknown): string {
  if (typeof data !== 'object' || data === null) return JSON.stringify(data);
  let json = serialized.get(data);
  if (json === undefined) {
    json = JSON.stringify(data);
    serialized.set(data, json);
  }
  return json;
}

const tags = ['catalog-search'];
const ZIdParams = z.object({ id: ZListingId });
const ZListingIdParams = z.object({ listingId: ZListingId });

/** Storefront search, detail, compare, favourites, history and recommendations: mounted at /api/v1/catalog. */
export const searchRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.ctx.database.db;
  const now = () => app.ctx.clock.now();
  // This app's caches exist from start-up, so they hear other processes' changes from the first request.
  searchCaches(app.ctx);
  app.addHook('onClose', async () => {
    // Counters still in memory go to their tables while the database is open (the app closes first).
    await Promise.all([flushListingViews(app.ctx), flushPopularQueries(app.ctx)]).catch((err: unknown) =>
      app.log.error({ err }, 'search: buffered views or query counts could not be written on close'),
    );
    releaseSearchCaches(app.ctx);
  });

  app.get(
    '/search',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Search listed vehicles: filters, text (Chinese, pinyin, aliases), sort, facets, cursor',
        querystring: ZSearchQuery,
        response: { 200: ZSearchResponse },
      },
      // Answers mostly come from the hot-query cache as the same object: serialize each once.
      serializerCompiler: () => serializeOnce,
    },
    async (request) => searchVehicles(app.ctx, request.query, request.mutation.lang),
  );

  app.get(
    '/suggest',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Suggestions while typing: brands, series and popular queries (prefix, pinyin, typos)',
        querystring: ZSuggestQuery,
        response: { 200: ZSuggestResponse },
      },
    },
    async (request) => ({
      items: suggest(
        await searchCaches(app.ctx).dictionary.get(db()),
        await popularQueries(app.ctx),
        request.query.q,
        request.query.limit,
      ),
    }),
  );

  app.get(
    '/vehicles/:id',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'A vehicle listing with gallery, parameters, store, inspection, similar vehicles, JSON-LD',
        params: ZIdParams,
        querystring: ZVehicleDetailQuery,
        response: { 200: ZVehicleDetail },
      },
      // The detail is assembled from already-validated rows and mostly served from the detail cache, which
      // hands out the same object until it changes: serialize each such object once, not on every view.
      serializerCompiler: () => serializeOnce,
    },
    async (request) =>
      getVehicleDetail(app.ctx, request.params.id, request.actor, {
        lang: request.mutation.lang,
        cityCode: request.query.city,
      }),
  );

  app.get(
    '/compare',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Compare 2-4 listings (?ids=) or trims (?trims=) side by side, rows flagged when different',
        querystring: ZCompareQuery,
        response: { 200: ZCompareResponse },
      },
    },
    async (request) => compare(app.ctx, request.query, request.mutation.lang),
  );

  app.get(
    '/favourites',
    {
      config: { auth: 'buyer' },
      schema: { tags, summary: "The signed-in buyer's favourites", response: { 200: ZSavedList } },
    },
    async (request) => saved.listFavourites(db(), requireBuyer(request).buyerId),
  );

  app.post(
    '/favourites',
    {
      config: { auth: 'buyer' },
      schema: {
        tags,
        summary: 'Add a favourite (idempotent)',
        body: ZFavouriteRequest,
        response: { 200: ZSavedList },
      },
    },
    async (request) => saved.addFavourite(db(), requireBuyer(request).buyerId, request.body.listingId, now()),
  );

  app.delete(
    '/favourites/:listingId',
    {
      config: { auth: 'buyer' },
      schema: {
        tags,
        summary: 'Remove a favourite',
        params: ZListingIdParams,
        response: { 200: ZSavedList },
      },
    },
    async (request) => saved.removeFavourite(db(), requireBuyer(request).buyerId, request.params.listingId),
  );

  app.post(
    '/favourites/merge',
    {
      config: { auth: 'buyer' },
      schema: {
        tags,
        summary: "Merge the browser's anonymous favourites into the account (idempotent)",
        body: ZMergeRequest,
        response: { 200: ZMergeResponse },
      },
    },
    async (request) =>
      saved.mergeFavourites(db(), requireBuyer(request).buyerId, request.body.listingIds, now()),
  );

  app.get(
    '/history',
    {
      config: { auth: 'buyer' },
      schema: {
        tags,
        summary: "The signed-in buyer's browsing history, newest first",
        response: { 200: ZSavedList },
      },
    },
    async (request) => saved.listHistory(db(), requireBuyer(request).buyerId),
  );

  // History is written only here, never by GET /vehicles/:id: a cookie rides along on a cross-site GET,
  // while this POST needs the CSRF header a foreign site cannot set.
  app.post(
    '/history',
    {
      config: { auth: 'buyer' },
      schema: {
        tags,
        summary:
          'Record that the signed-in buyer viewed a vehicle (sent by the vehicle page; moves it to the top)',
        body: ZHistoryViewRequest,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await saved.recordHistory(db(), requireBuyer(request).buyerId, request.body.listingId, now());
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/history/merge',
    {
      config: { auth: 'buyer' },
      schema: {
        tags,
        summary: "Merge the browser's anonymous history into the account (idempotent)",
        body: ZMergeRequest,
        response: { 200: ZMergeResponse },
      },
    },
    async (request) =>
      saved.mergeHistory(db(), requireBuyer(request).buyerId, request.body.listingIds, now()),
  );

  app.post(
    '/recommendations',
    {
      config: { auth: 'public', csrf: false },
      schema: {
        tags,
        summary: 'Recommend 5 trims for a needs questionnaire, with the reasons for each',
        body: ZRecommendationRequest,
        response: { 200: ZRecommendationResponse },
      },
    },
    async (request) => recommend(app.ctx, request.body, request.mutation.lang),
  );
};
