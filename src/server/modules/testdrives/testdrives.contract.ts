import { z } from 'zod';
import { ZTrafficSource } from '../../kernel/attribution.contract.js';
import { ZVisibleText } from '../../kernel/text.js';
import {
  LICENCE_CLASSES,
  TESTDRIVE_BOOKING_STATUSES,
  TESTDRIVE_VEHICLE_STATUSES,
} from './testdrives.enums.js';

// Request and response schemas of /api/v1/testdrives: they validate, type and document each route, and the web
// app imports them.

const ZHm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
const ZDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const ZId = z.string().min(1).max(64);
const ZMainlandPhone = z.string().regex(/^1[3-9]\d{9}$/, 'mainland mobile number');

export const ZStoreIdParams = z.object({ storeId: ZId });
export const ZIdParams = z.object({ id: ZId });
export const ZClosureParams = z.object({ storeId: ZId, closureId: ZId });
export const ZDateRange = z.object({ from: ZDay, to: ZDay });
export type TDateRange = z.infer<typeof ZDateRange>;

// ---- store settings ----

export const ZTestdriveSettingsInput = z.object({
  slotMinutes: z.number().int().min(15).max(240),
  capacity: z.number().int().min(1).max(50),
  horizonDays: z.number().int().min(1).max(60),
  cutoffMinutes: z.number().int().min(0).max(2880),
  noShowAfterMinutes: z.number().int().min(0).max(720),
});
export type TTestdriveSettingsInput = z.infer<typeof ZTestdriveSettingsInput>;

export const ZTestdriveTemplate = z
  .object({ weekday: z.number().int().min(1).max(7), startTime: ZHm, endTime: ZHm })
  .refine((t) => t.startTime < t.endTime, 'start must be before end');
export type TTestdriveTemplate = z.infer<typeof ZTestdriveTemplate>;

export const ZTestdriveTemplatesInput = z.object({ templates: z.array(ZTestdriveTemplate).max(50) });

export const ZTestdriveClosureInput = z.object({ date: ZDay, reason: ZVisibleText({ max: 100 }) });

export const ZTestdriveStoreSetup = z.object({
  storeId: z.string(),
  storeName: z.string(),
  settings: ZTestdriveSettingsInput.nullable(),
  templates: z.array(ZTestdriveTemplate),
  closures: z.array(z.object({ id: z.string(), date: z.string(), reason: z.string() })),
});
export type TTestdriveStoreSetup = z.infer<typeof ZTestdriveStoreSetup>;

export const ZSlot = z.object({
  id: z.string(),
  storeId: z.string(),
  date: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  capacity: z.number().int(),
  booked: z.number().int(),
  available: z.number().int(),
});
export type TSlot = z.infer<typeof ZSlot>;

// ---- vehicles ----

export const ZTestdriveVehicleStatus = z.enum(TESTDRIVE_VEHICLE_STATUSES);
export const ZPlate = z
  .string()
  .trim()
  .regex(/^[\u4e00-\u9fa5][A-Z][·]?[A-Z0-9]{5,6}$/, 'a plate like 京A·12345 or 沪AD12345');

export const ZCreateTestdriveVehicle = z.object({
  storeId: ZId,
  trimId: ZId,
  colour: ZVisibleText({ max: 40 }),
  plate: ZPlate,
  vin: z
    .string()
    .regex(/^[A-HJ-NPR-Z0-9]{17}$/)
    .nullable()
    .default(null),
});
export type TCreateTestdriveVehicle = z.infer<typeof ZCreateTestdriveVehicle>;

export const ZUpdateTestdriveVehicle = z.object({
  colour: ZVisibleText({ max: 40 }).optional(),
  plate: ZPlate.optional(),
  status: ZTestdriveVehicleStatus.optional(),
});

export const ZTestdriveVehicle = z.object({
  id: z.string(),
  dealerId: z.string(),
  storeId: z.string(),
  brandId: z.string(),
  seriesId: z.string(),
  trimId: z.string(),
  title: z.string(),
  colour: z.string(),
  plate: z.string(),
  vin: z.string().nullable(),
  status: ZTestdriveVehicleStatus,
  updatedAt: z.string(),
});
export type TTestdriveVehicle = z.infer<typeof ZTestdriveVehicle>;
export const ZVehicleListQuery = z.object({ storeId: ZId.optional() });

// ---- buyer booking ----

/** What a series can be test-driven in: trims and colours offered, by store. */
export const ZBookingOptionsQuery = z.object({
  seriesId: ZId,
  cityCode: z.string().min(1).max(12).optional(),
  latitude: z.coerce.number().min(-90).max(90).optional(),
  longitude: z.coerce.number().min(-180).max(180).optional(),
});
export const ZBookingStoreOption = z.object({
  storeId: z.string(),
  storeName: z.string(),
  dealerName: z.string(),
  address: z.string(),
  cityCode: z.string(),
  distanceKm: z.number(),
  vehicles: z.array(z.object({ trimId: z.string(), title: z.string(), colour: z.string() })),
});
export const ZBookingOptions = z.object({
  seriesId: z.string(),
  cityCode: z.string().nullable(),
  stores: z.array(ZBookingStoreOption),
});
export type TBookingOptions = z.infer<typeof ZBookingOptions>;

export const ZFreeSlotsQuery = z.object({
  storeId: ZId,
  seriesId: ZId,
  trimId: ZId.optional(),
  colour: z.string().max(40).optional(),
  from: ZDay,
  to: ZDay,
});
export type TFreeSlotsQuery = z.infer<typeof ZFreeSlotsQuery>;

export const ZBookTestdriveRequest = z.object({
  storeId: ZId,
  slotId: ZId,
  seriesId: ZId,
  trimId: ZId.nullable().default(null),
  listingId: ZId.nullable().default(null),
  colour: z.string().max(40).nullable().default(null),
  name: ZVisibleText({ max: 40 }),
  phone: ZMainlandPhone,
  consentToContact: z.boolean().default(true),
  source: ZTrafficSource.default({
    channel: 'direct',
    utmSource: null,
    utmMedium: null,
    utmCampaign: null,
    referrer: null,
  }),
});
export type TBookTestdriveRequest = z.input<typeof ZBookTestdriveRequest>;

export const ZRescheduleRequest = z.object({ slotId: ZId });
export const ZCancelRequest = z.object({ reason: ZVisibleText({ max: 200 }).optional() });

export const ZFeedbackRequest = z.object({
  rating: z.number().int().min(1).max(5),
  wouldBuy: z.boolean(),
  comment: z.string().max(500).default(''),
});

export const ZTestdriveBookingStatus = z.enum(TESTDRIVE_BOOKING_STATUSES);

export const ZTestdriveBooking = z.object({
  id: z.string(),
  bookingNumber: z.string(),
  status: ZTestdriveBookingStatus,
  name: z.string(),
  phoneMasked: z.string(),
  storeId: z.string(),
  storeName: z.string(),
  dealerId: z.string(),
  seriesId: z.string(),
  trimId: z.string().nullable(),
  colour: z.string().nullable(),
  vehicleId: z.string(),
  vehicleTitle: z.string(),
  vehiclePlate: z.string().nullable(),
  slotId: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  advisorAccountId: z.string().nullable(),
  advisorName: z.string().nullable(),
  licenceNumberMasked: z.string().nullable(),
  licenceClass: z.string().nullable(),
  licenceExpiresOn: z.string().nullable(),
  checkedInAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** The buyer may still reschedule or cancel online (before the store's cut-off). */
  changeableUntil: z.string(),
  feedback: z
    .object({ rating: z.number().int(), wouldBuy: z.boolean(), comment: z.string(), at: z.string() })
    .nullable(),
  createdAt: z.string(),
});
export type TTestdriveBooking = z.infer<typeof ZTestdriveBooking>;

/** The buyer's own booking with its QR check-in code. */
export const ZMyTestdriveBooking = ZTestdriveBooking.extend({
  checkInToken: z.string().nullable(),
  checkInQrSvg: z.string().nullable(),
});
export type TMyTestdriveBooking = z.infer<typeof ZMyTestdriveBooking>;
export const ZMyTestdriveBookings = z.array(ZMyTestdriveBooking);

// ---- staff calendar ----

export const ZCalendarQuery = ZDateRange.extend({ storeId: ZId });
export const ZCalendar = z.object({
  storeId: z.string(),
  slots: z.array(ZSlot),
  bookings: z.array(ZTestdriveBooking),
  /** (completed + checked in) / (those + no-shows) in the range; null when nothing has an outcome yet. */
  showRate: z.number().nullable(),
});
export type TCalendar = z.infer<typeof ZCalendar>;

export const ZCheckInRequest = z.object({
  /** The QR token, or the booking number typed in. */
  code: z.string().trim().min(1).max(200),
  licenceNumber: z.string().trim().toUpperCase(),
  licenceClass: z.enum(LICENCE_CLASSES),
  licenceExpiresOn: ZDay,
});
export type TCheckInRequest = z.infer<typeof ZCheckInRequest>;

export const ZOutcomeParams = z.object({ id: ZId, outcome: z.enum(['complete', 'no_show']) });
export const ZAssignAdvisorRequest = z.object({ advisorAccountId: ZId });
export const ZGenerateResult = z.object({ created: z.number().int(), removed: z.number().int() });
export const ZStoreSetupList = z.array(ZTestdriveStoreSetup);
