import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireStaff } from '../../kernel/auth/guard.js';
import { mediaOf, provideMediaOwner } from '../catalog/index.js';
import { STANDARD_ITEMS } from './inspection.js';
import * as adlawService from './listings.adlaw.js';
import {
  ZAdLawTermBrief,
  ZAdLawTermInput,
  ZAdLawTermList,
  ZAdLawTermOut,
  ZAdLawTermParams,
  ZAdLawTermPatch,
  ZApproveRequest,
  ZChangePriceRequest,
  ZCreateListingRequest,
  ZDelistRequest,
  ZInspectionReport,
  ZListing,
  ZListingIdParams,
  ZListingListQuery,
  ZListingPage,
  ZListingPhoto,
  ZPublicInspectionReport,
  ZPutInspectionRequest,
  ZRejectRequest,
  ZReviewQueueQuery,
  ZTrimOptionList,
  ZTrimOptionsQuery,
  ZUpdateListingRequest,
  ZUsedListingParams,
} from './listings.contract.js';
import * as inspection from './listings.inspection.js';
import * as lifecycle from './listings.lifecycle.js';
import * as read from './listings.read.js';
import * as write from './listings.write.js';

/** A stand-in "photo" for demo data: the check item's name on a workshop-grey card with a marked spot. */
function defectPhotoSvg(code: string): string {
  const item = STANDARD_ITEMS.find((i) => i.code === code);
  const label = (item?.name ?? code).replace(/[<>&]/g, '');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480" viewBox="0 0 640 480"><rect width="640" height="480" fill="#4b5563"/><rect x="40" y="60" width="560" height="300" rx="24" fill="#9ca3af"/><circle cx="360" cy="200" r="56" fill="none" stroke="#ef4444" stroke-width="8"/><text x="320" y="420" font-size="32" text-anchor="middle" fill="#fff" font-family="sans-serif">${code} ${label}</text></svg>`;
}

const tags = ['catalog: listings'];
const manage = { permission: 'listings.manage' } as const;
const review = { permission: 'listings.review' } as const;
const adlaw = { permission: 'adlaw.manage' } as const;

/** Listings, review queue, used-car inspection reports and the ad-law term list under /api/v1/catalog. */
export const listingsRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.ctx.database.db;
  // Images of listings and of their inspection items are stored by the catalog module's media service,
  // which asks this module whether the owner exists and the actor may attach to it.
  for (const ownerType of ['listing', 'inspection_item'] as const) {
    provideMediaOwner(ownerType, {
      permission: 'listings.manage',
      mayAttach: (tx, actor, ownerId) => inspection.mayAttachMedia(tx, actor, ownerType, ownerId),
    });
  }

  // ---- listings (console and dealer portal; dealer staff are scoped to their dealer by the service) ----

  app.get(
    '/listings',
    {
      config: { auth: manage },
      schema: { tags, summary: 'Listings', querystring: ZListingListQuery, response: { 200: ZListingPage } },
    },
    async (request) => read.listListings(db(), requireStaff(request), request.query),
  );

  app.get(
    '/listings/trim-options',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: 'Trims for the listing editor (search by brand, series or trim name)',
        querystring: ZTrimOptionsQuery,
        response: { 200: ZTrimOptionList },
      },
    },
    async (request) => read.trimOptions(db(), request.query.q, request.query.limit),
  );

  app.get(
    '/listings/ad-law-terms',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: 'The ad-law terms the editor flags while the seller types',
        response: { 200: ZAdLawTermBrief.array() },
      },
    },
    async () => (await adlawService.currentTerms(db())).map((x) => ({ term: x.term, severity: x.severity })),
  );

  app.get(
    '/listings/:id/photos',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: "A listing's photos in display order (the first is the cover)",
        params: ZListingIdParams,
        response: { 200: ZListingPhoto.array() },
      },
    },
    async (request) => {
      await read.getListing(db(), requireStaff(request), request.params.id);
      return (await mediaOf(db(), [{ type: 'listing', id: request.params.id }])).map((m) => ({
        id: m.id,
        url: m.url,
        thumbUrl: m.thumbUrl,
        width: m.width,
        height: m.height,
        sort: m.sort,
      }));
    },
  );

  app.get(
    '/listings/:id',
    {
      config: { auth: manage },
      schema: { tags, summary: 'One listing', params: ZListingIdParams, response: { 200: ZListing } },
    },
    async (request) => read.getListing(db(), requireStaff(request), request.params.id),
  );

  app.post(
    '/listings',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: 'Create a draft listing',
        body: ZCreateListingRequest,
        response: { 201: ZListing },
      },
    },
    async (request, reply) => {
      const listing = await write.createListing(db(), requireStaff(request), request.body, request.mutation);
      return reply.status(201).send(listing);
    },
  );

  app.patch(
    '/listings/:id',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: 'Edit a draft, rejected or delisted listing (optimistic version)',
        params: ZListingIdParams,
        body: ZUpdateListingRequest,
        response: { 200: ZListing },
      },
    },
    async (request) =>
      write.updateListing(db(), requireStaff(request), request.params.id, request.body, request.mutation),
  );

  for (const action of ['submit', 'relist'] as const) {
    app.post(
      `/listings/:id/${action}`,
      {
        config: { auth: manage },
        schema: {
          tags,
          summary: action === 'submit' ? 'Submit for review' : 'Send a delisted listing back to review',
          params: ZListingIdParams,
          response: { 200: ZListing },
        },
      },
      async (request) =>
        lifecycle.transitionListingAction(
          db(),
          requireStaff(request),
          request.params.id,
          action,
          request.mutation,
        ),
    );
  }

  app.post(
    '/listings/:id/delist',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: 'Take off sale',
        params: ZListingIdParams,
        body: ZDelistRequest.nullish(),
        response: { 200: ZListing },
      },
    },
    async (request) =>
      lifecycle.transitionListingAction(
        db(),
        requireStaff(request),
        request.params.id,
        'delist',
        request.mutation,
        {
          reason: request.body?.reason ?? null,
        },
      ),
  );

  app.post(
    '/listings/:id/price',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: 'Change the price of a car on sale (调价); an abnormal move goes back to review',
        params: ZListingIdParams,
        body: ZChangePriceRequest,
        response: { 200: ZListing },
      },
    },
    async (request) =>
      write.changeListingPrice(
        db(),
        requireStaff(request),
        request.params.id,
        request.body,
        request.mutation,
      ),
  );

  // ---- review ----

  app.get(
    '/review/queue',
    {
      config: { auth: review },
      schema: {
        tags,
        summary: 'Listings waiting for review, oldest first',
        querystring: ZReviewQueueQuery,
        response: { 200: ZListingPage },
      },
    },
    async (request) => read.reviewQueue(db(), requireStaff(request), request.query),
  );

  app.post(
    '/listings/:id/approve',
    {
      config: { auth: review },
      schema: {
        tags,
        summary: 'Approve and list',
        params: ZListingIdParams,
        body: ZApproveRequest.nullish(),
        response: { 200: ZListing },
      },
    },
    async (request) =>
      lifecycle.transitionListingAction(
        db(),
        requireStaff(request),
        request.params.id,
        'approve',
        request.mutation,
        {
          note: request.body?.note ?? null,
        },
      ),
  );

  app.post(
    '/listings/:id/reject',
    {
      config: { auth: review },
      schema: {
        tags,
        summary: 'Reject with a reason',
        params: ZListingIdParams,
        body: ZRejectRequest,
        response: { 200: ZListing },
      },
    },
    async (request) =>
      lifecycle.transitionListingAction(
        db(),
        requireStaff(request),
        request.params.id,
        'reject',
        request.mutation,
        {
          reason: request.body.reason,
        },
      ),
  );

  // ---- inspection reports ----

  app.put(
    '/used/:listingId/inspection',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: 'Store the GB/T 30323 inspection report of a used car',
        params: ZUsedListingParams,
        body: ZPutInspectionRequest,
        response: { 200: ZInspectionReport },
      },
    },
    async (request) =>
      inspection.putInspection(
        db(),
        requireStaff(request),
        request.params.listingId,
        request.body,
        request.mutation,
      ),
  );

  app.get(
    '/used/:listingId/inspection',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Inspection report of a listed used car, findings first',
        params: ZUsedListingParams,
        response: { 200: ZPublicInspectionReport },
      },
    },
    async (request) => inspection.getPublicInspection(db(), request.params.listingId),
  );

  app.get(
    '/listings/:id/inspection',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: 'Inspection report for the editor',
        params: ZListingIdParams,
        response: { 200: ZInspectionReport },
      },
    },
    async (request) => inspection.getInspectionForStaff(db(), requireStaff(request), request.params.id),
  );

  app.get(
    '/inspections/photos/:file',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Demo defect photo of a check item (generated SVG)',
        params: z.object({ file: z.string().regex(/^[A-Z]\d{2}\.svg$/) }),
      },
    },
    async (request, reply) => {
      const code = request.params.file.slice(0, 3);
      reply.header('content-type', 'image/svg+xml; charset=utf-8');
      reply.header('cache-control', 'public, max-age=86400');
      return reply.send(defectPhotoSvg(code));
    },
  );

  // ---- ad-law terms ----

  app.get(
    '/ad-law-terms',
    {
      config: { auth: adlaw },
      schema: { tags, summary: 'Ad-law term list', response: { 200: ZAdLawTermList } },
    },
    async () => adlawService.listAdLawTerms(db()),
  );

  app.post(
    '/ad-law-terms',
    {
      config: { auth: adlaw },
      schema: { tags, summary: 'Add a term', body: ZAdLawTermInput, response: { 201: ZAdLawTermOut } },
    },
    async (request, reply) => {
      const term = await adlawService.addAdLawTerm(db(), request.body, request.mutation);
      return reply.status(201).send(term);
    },
  );

  app.patch(
    '/ad-law-terms/:term',
    {
      config: { auth: adlaw },
      schema: {
        tags,
        summary: 'Change a term’s severity or note',
        params: ZAdLawTermParams,
        body: ZAdLawTermPatch,
        response: { 200: ZAdLawTermOut },
      },
    },
    async (request) =>
      adlawService.updateAdLawTermEntry(db(), request.params.term, request.body, request.mutation),
  );

  app.delete(
    '/ad-law-terms/:term',
    {
      config: { auth: adlaw },
      schema: { tags, summary: 'Remove a term', params: ZAdLawTermParams, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await adlawService.removeAdLawTerm(db(), request.params.term, request.mutation);
      return reply.status(204).send(null);
    },
  );
};
