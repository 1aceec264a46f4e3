import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZClearValuationOverrideRequest,
  ZCreateRuleVersionRequest,
  ZLandedPriceRequest,
  ZLandedPriceResponse,
  ZListingIdParams,
  ZListingValuation,
  ZPriceAlertState,
  ZPriceHistory,
  ZQuote,
  ZQuoteIdParams,
  ZQuotePreview,
  ZQuoteRequest,
  ZRuleVersion,
  ZRuleVersionList,
  ZSetValuationOverrideRequest,
  ZTradeInIdParams,
  ZTradeInRequest,
  ZTradeInValuation,
  ZValuationBoardDetail,
  ZValuationBoardPage,
  ZValuationBoardQuery,
  ZValuationListingParams,
} from './pricing.contract.js';
import { releaseFactsCache } from './pricing.facts-cache.js';
import * as history from './pricing.history.js';
import * as service from './pricing.service.js';
import * as board from './pricing.valuation-board.js';
import * as overrides from './pricing.valuation-overrides.js';
import * as valuations from './pricing.valuations.js';

const tags = ['pricing'];

/** The pricing API under /api/v1/pricing: schema in, one service call, DTO out. */
export const pricingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onClose', async () => {
    service.releasePricingCache(app.ctx);
    releaseFactsCache(app.ctx);
  });

  app.post(
    '/landed-price',
    {
      config: {
        auth: 'public',
        idempotent: { optOut: 'a calculation: stores nothing, same answer every time' },
      },
      schema: {
        tags,
        summary: 'Landed price (落地价) of any car in a city: the public calculator partners call',
        body: ZLandedPriceRequest,
        response: { 200: ZLandedPriceResponse },
      },
    },
    async (request) => service.landedPrice(app.ctx, request.body, request.mutation.lang, request.mutation.at),
  );

  app.post(
    '/quotes',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary:
          'A stored landed-price quote for a listing (full payment or loan), with the rule versions used',
        body: ZQuoteRequest,
        response: { 201: ZQuote },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.quoteListing(app.ctx, request.body, request.mutation)),
  );

  app.post(
    '/quotes/preview',
    {
      config: {
        auth: 'public',
        idempotent: { optOut: 'a calculation for display: stores nothing' },
      },
      schema: {
        tags,
        summary:
          'The same quote computed for display and not stored (the vehicle page recomputes it on every choice)',
        body: ZQuoteRequest,
        response: { 200: ZQuotePreview },
      },
    },
    async (request) => service.previewListingQuote(app.ctx, request.body, request.mutation),
  );

  app.get(
    '/quotes/:id',
    { config: { auth: 'public' }, schema: { tags, params: ZQuoteIdParams, response: { 200: ZQuote } } },
    async (request) => service.getQuote(app.ctx.database.db, request.params.id),
  );

  app.get(
    '/rules',
    {
      config: { auth: { permission: 'pricing.rules.read' } },
      schema: {
        tags,
        summary: 'Every version of every tax and fee rule',
        response: { 200: ZRuleVersionList },
      },
    },
    async (request) => ({ items: await service.listRuleVersionDtos(app.ctx, request.mutation.at) }),
  );

  app.post(
    '/rules',
    {
      config: { auth: { permission: 'pricing.rules.manage' } },
      schema: {
        tags,
        summary: 'A new version of a rule, effective from a date (never edits a saved version)',
        body: ZCreateRuleVersionRequest,
        response: { 201: ZRuleVersion },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createRuleVersion(app.ctx, request.body, request.mutation)),
  );

  app.get(
    '/listings/:id/price-history',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: "A listing's price history, oldest first",
        params: ZListingIdParams,
        response: { 200: ZPriceHistory },
      },
    },
    async (request) => history.listingPriceHistory(app.ctx.database.db, request.params.id),
  );

  app.get(
    '/listings/:id/price-alert',
    {
      config: { auth: 'buyer' },
      schema: { tags, params: ZListingIdParams, response: { 200: ZPriceAlertState } },
    },
    async (request) => history.priceAlertState(app.ctx.database.db, request.params.id, request.mutation),
  );

  app.put(
    '/listings/:id/price-alert',
    {
      config: { auth: 'buyer' },
      schema: {
        tags,
        summary: 'Tell me when the price drops (SMS and in-app)',
        params: ZListingIdParams,
        response: { 200: ZPriceAlertState },
      },
    },
    async (request) => history.subscribePriceAlert(app.ctx.database.db, request.params.id, request.mutation),
  );

  app.delete(
    '/listings/:id/price-alert',
    {
      config: { auth: 'buyer' },
      schema: { tags, params: ZListingIdParams, response: { 200: ZPriceAlertState } },
    },
    async (request) =>
      history.unsubscribePriceAlert(app.ctx.database.db, request.params.id, request.mutation),
  );

  app.get(
    '/listings/:id/valuation',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: "A used listing's valuation with each factor's effect, and whether its price is fair",
        params: ZListingIdParams,
        response: { 200: ZListingValuation },
      },
    },
    async (request) => valuations.valueListing(app.ctx, request.params.id, request.mutation),
  );

  app.post(
    '/trade-in-valuations',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: "A valuation of the buyer's own car from a short form, kept for an order's trade-in credit",
        body: ZTradeInRequest,
        response: { 201: ZTradeInValuation },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await valuations.valueTradeIn(app.ctx, request.body, request.mutation)),
  );

  app.get(
    '/trade-in-valuations/:id',
    {
      config: { auth: 'public' },
      schema: { tags, params: ZTradeInIdParams, response: { 200: ZTradeInValuation } },
    },
    async (request) => valuations.getTradeInValuation(app.ctx.database.db, request.params.id),
  );

  // ---- the console's valuation board and overrides ----

  app.get(
    '/valuations',
    {
      config: { auth: { permission: 'pricing.valuations.read' } },
      schema: {
        tags,
        summary: 'Used listings with their valuation and under/over-priced flag, furthest from it first',
        querystring: ZValuationBoardQuery,
        response: { 200: ZValuationBoardPage },
      },
    },
    async (request) => board.listValuationBoard(app.ctx.database.db, request.query),
  );

  app.get(
    '/valuations/:listingId',
    {
      config: { auth: { permission: 'pricing.valuations.read' } },
      schema: {
        tags,
        summary: "A used listing's valuation: each factor's effect and the override history",
        params: ZValuationListingParams,
        response: { 200: ZValuationBoardDetail },
      },
    },
    async (request) =>
      board.getValuationBoardDetail(app.ctx.database.db, request.params.listingId, request.mutation.lang),
  );

  app.put(
    '/valuations/:listingId/override',
    {
      config: { auth: { permission: 'pricing.valuations.manage' } },
      schema: {
        tags,
        summary: "Override a used listing's valuation with a reason (replaces the computed value and flag)",
        params: ZValuationListingParams,
        body: ZSetValuationOverrideRequest,
        response: { 200: ZValuationBoardDetail },
      },
    },
    async (request) =>
      overrides.setValuationOverride(app.ctx, request.params.listingId, request.body, request.mutation),
  );

  app.delete(
    '/valuations/:listingId/override',
    {
      config: { auth: { permission: 'pricing.valuations.manage' } },
      schema: {
        tags,
        summary: 'Clear the override with a reason: the computed valuation applies again',
        params: ZValuationListingParams,
        body: ZClearValuationOverrideRequest,
        response: { 200: ZValuationBoardDetail },
      },
    },
    async (request) =>
      overrides.clearValuationOverride(app.ctx, request.params.listingId, request.body, request.mutation),
  );
};
