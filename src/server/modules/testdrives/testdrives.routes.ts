import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZAssignAdvisorRequest,
  ZBookingOptions,
  ZBookingOptionsQuery,
  ZBookTestdriveRequest,
  ZCalendar,
  ZCalendarQuery,
  ZCancelRequest,
  ZCheckInRequest,
  ZClosureParams,
  ZCreateTestdriveVehicle,
  ZDateRange,
  ZFeedbackRequest,
  ZFreeSlotsQuery,
  ZGenerateResult,
  ZIdParams,
  ZMyTestdriveBookings,
  ZOutcomeParams,
  ZRescheduleRequest,
  ZSlot,
  ZStoreIdParams,
  ZStoreSetupList,
  ZTestdriveBooking,
  ZTestdriveClosureInput,
  ZTestdriveSettingsInput,
  ZTestdriveStoreSetup,
  ZTestdriveTemplatesInput,
  ZTestdriveVehicle,
  ZUpdateTestdriveVehicle,
  ZVehicleListQuery,
} from './testdrives.contract.js';
import * as service from './testdrives.service.js';

const tags = ['testdrives'];
const read = { permission: 'testdrives.read' } as const;
const manage = { permission: 'testdrives.manage' } as const;

/**
 * The test-drive API under /api/v1/testdrives. Buyers: options, free slots, book, mine, reschedule, cancel,
 * feedback. Staff (console and dealer portal; dealer staff scoped to their own stores): setup, slots, vehicles,
 * calendar, check-in, outcome, advisor.
 */
export const testdrivesRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.ctx.database.db;
  const env = () => app.ctx.config;

  // ---- buyer ----
  app.get(
    '/options',
    {
      config: { auth: 'public' },
      schema: { tags, querystring: ZBookingOptionsQuery, response: { 200: ZBookingOptions } },
    },
    async (request) => service.bookingOptions(db(), request.query),
  );
  app.get(
    '/slots',
    {
      config: { auth: 'public' },
      schema: { tags, querystring: ZFreeSlotsQuery, response: { 200: z.array(ZSlot) } },
    },
    async (request) => service.freeSlots(db(), request.query, app.ctx.clock.now()),
  );
  app.post(
    '/bookings',
    {
      config: { auth: 'buyer' },
      schema: { tags, body: ZBookTestdriveRequest, response: { 201: ZTestdriveBooking } },
    },
    async (request, reply) =>
      reply.status(201).send(await service.bookTestdrive(db(), request.body, request.mutation, env())),
  );
  app.get(
    '/bookings/mine',
    { config: { auth: 'buyer' }, schema: { tags, response: { 200: ZMyTestdriveBookings } } },
    async (request) => service.myBookings(db(), request.mutation, env()),
  );
  app.post(
    '/bookings/:id/reschedule',
    {
      config: { auth: 'signed-in' },
      schema: { tags, params: ZIdParams, body: ZRescheduleRequest, response: { 200: ZTestdriveBooking } },
    },
    async (request) =>
      service.rescheduleBooking(db(), request.params.id, request.body.slotId, request.mutation, env()),
  );
  app.post(
    '/bookings/:id/cancel',
    {
      config: { auth: 'signed-in' },
      schema: { tags, params: ZIdParams, body: ZCancelRequest, response: { 200: ZTestdriveBooking } },
    },
    async (request) =>
      service.cancelBooking(db(), request.params.id, request.body.reason, request.mutation, env()),
  );
  app.post(
    '/bookings/:id/feedback',
    {
      config: { auth: 'buyer' },
      schema: { tags, params: ZIdParams, body: ZFeedbackRequest, response: { 200: ZTestdriveBooking } },
    },
    async (request) => service.leaveFeedback(db(), request.params.id, request.body, request.mutation),
  );

  // ---- staff: calendar ----
  app.get(
    '/calendar',
    { config: { auth: read }, schema: { tags, querystring: ZCalendarQuery, response: { 200: ZCalendar } } },
    async (request) => service.getCalendar(db(), request.query.storeId, request.query, request.mutation),
  );
  app.post(
    '/stores/:storeId/check-in',
    {
      config: { auth: manage },
      schema: { tags, params: ZStoreIdParams, body: ZCheckInRequest, response: { 200: ZTestdriveBooking } },
    },
    async (request) => service.checkIn(db(), request.params.storeId, request.body, request.mutation, env()),
  );
  app.post(
    '/bookings/:id/outcome/:outcome',
    {
      config: { auth: manage },
      schema: { tags, params: ZOutcomeParams, response: { 200: ZTestdriveBooking } },
    },
    async (request) =>
      service.recordOutcome(db(), request.params.id, request.params.outcome, request.mutation, env()),
  );
  app.put(
    '/bookings/:id/advisor',
    {
      config: { auth: manage },
      schema: { tags, params: ZIdParams, body: ZAssignAdvisorRequest, response: { 200: ZTestdriveBooking } },
    },
    async (request) =>
      service.assignAdvisor(db(), request.params.id, request.body.advisorAccountId, request.mutation),
  );

  // ---- staff: store setup ----
  app.get(
    '/stores',
    { config: { auth: read }, schema: { tags, response: { 200: ZStoreSetupList } } },
    async (request) => service.listStoreSetups(db(), request.mutation),
  );
  app.get(
    '/stores/:storeId',
    {
      config: { auth: read },
      schema: { tags, params: ZStoreIdParams, response: { 200: ZTestdriveStoreSetup } },
    },
    async (request) => service.getStoreSetup(db(), request.params.storeId, request.mutation),
  );
  app.put(
    '/stores/:storeId/settings',
    {
      config: { auth: manage },
      schema: {
        tags,
        params: ZStoreIdParams,
        body: ZTestdriveSettingsInput,
        response: { 200: ZTestdriveStoreSetup },
      },
    },
    async (request) => service.saveSettings(db(), request.params.storeId, request.body, request.mutation),
  );
  app.put(
    '/stores/:storeId/templates',
    {
      config: { auth: manage },
      schema: {
        tags,
        params: ZStoreIdParams,
        body: ZTestdriveTemplatesInput,
        response: { 200: ZTestdriveStoreSetup },
      },
    },
    async (request) =>
      service.replaceTemplates(db(), request.params.storeId, request.body.templates, request.mutation),
  );
  app.post(
    '/stores/:storeId/closures',
    {
      config: { auth: manage },
      schema: {
        tags,
        params: ZStoreIdParams,
        body: ZTestdriveClosureInput,
        response: { 200: ZTestdriveStoreSetup },
      },
    },
    async (request) => service.addClosure(db(), request.params.storeId, request.body, request.mutation),
  );
  app.delete(
    '/stores/:storeId/closures/:closureId',
    {
      config: { auth: manage },
      schema: { tags, params: ZClosureParams, response: { 200: ZTestdriveStoreSetup } },
    },
    async (request) =>
      service.removeClosure(db(), request.params.storeId, request.params.closureId, request.mutation),
  );
  app.post(
    '/stores/:storeId/slots/generate',
    {
      config: { auth: manage },
      schema: { tags, params: ZStoreIdParams, body: ZDateRange, response: { 200: ZGenerateResult } },
    },
    async (request) => {
      await service.getStoreSetup(db(), request.params.storeId, request.mutation);
      return service.generateSlots(db(), request.params.storeId, request.body);
    },
  );

  // ---- staff: vehicles ----
  app.get(
    '/vehicles',
    {
      config: { auth: read },
      schema: { tags, querystring: ZVehicleListQuery, response: { 200: z.array(ZTestdriveVehicle) } },
    },
    async (request) => service.listVehicles(db(), request.query.storeId, request.mutation),
  );
  app.post(
    '/vehicles',
    {
      config: { auth: manage },
      schema: { tags, body: ZCreateTestdriveVehicle, response: { 201: ZTestdriveVehicle } },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createVehicle(db(), request.body, request.mutation)),
  );
  app.patch(
    '/vehicles/:id',
    {
      config: { auth: manage },
      schema: {
        tags,
        params: ZIdParams,
        body: ZUpdateTestdriveVehicle,
        response: { 200: ZTestdriveVehicle },
      },
    },
    async (request) => service.updateVehicle(db(), request.params.id, request.body, request.mutation),
  );
};
