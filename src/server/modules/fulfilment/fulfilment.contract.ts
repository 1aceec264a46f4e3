import { z } from 'zod';
import { ZVisibleText } from '../../kernel/text.js';
import {
  CARRIERS,
  CHECKLIST_KINDS,
  DELIVERY_MODES,
  DELIVERY_STATUSES,
  FEE_RULE_KINDS,
  TRACKING_KINDS,
} from './fulfilment.enums.js';

// Request and response schemas of /api/v1/fulfilment: they validate, type and document each route, and the web
// app imports them.

const ZDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const ZTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
export const ZDeliveryIdParams = z.object({ id: z.string().min(1).max(64) });
export const ZOrderIdParams = z.object({ orderId: z.string().min(1).max(64) });
export const ZStoreIdParams = z.object({ storeId: z.string().min(1).max(64) });
export const ZDateRangeQuery = z.object({ from: ZDate, to: ZDate });
export type TDateRange = z.infer<typeof ZDateRangeQuery>;

// ---- calendar ----

export const ZSlotTemplate = z
  .object({
    weekday: z.number().int().min(1).max(7),
    startTime: ZTime,
    endTime: ZTime,
    capacity: z.number().int().min(1).max(100),
  })
  .refine((t) => t.startTime < t.endTime, { message: 'startTime must be before endTime', path: ['endTime'] });
export type TSlotTemplate = z.infer<typeof ZSlotTemplate>;
export const ZSlotTemplates = z.object({ templates: z.array(ZSlotTemplate).max(100) });
export type TSlotTemplates = z.infer<typeof ZSlotTemplates>;

export const ZClosure = z.object({ id: z.string(), date: ZDate, reason: z.string() });
export const ZCreateClosureRequest = z.object({ date: ZDate, reason: ZVisibleText({ max: 100 }) });
export type TCreateClosureRequest = z.infer<typeof ZCreateClosureRequest>;
export const ZClosureList = z.array(ZClosure);
export const ZClosureParams = z.object({
  storeId: z.string().min(1).max(64),
  closureId: z.string().min(1).max(64),
});

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
export const ZSlotList = z.array(ZSlot);
export const ZGenerateSlotsResult = z.object({ created: z.number().int(), removed: z.number().int() });

export const ZFeeRule = z.object({
  id: z.string(),
  kind: z.enum(FEE_RULE_KINDS),
  fromCityCode: z.string().nullable(),
  toCityCode: z.string().nullable(),
  feeFen: z.number().int(),
  perKmFen: z.number().int(),
  active: z.boolean(),
});
export type TFeeRule = z.infer<typeof ZFeeRule>;
export const ZFeeRuleList = z.array(ZFeeRule);
export const ZCreateFeeRuleRequest = z.object({
  kind: z.enum(FEE_RULE_KINDS),
  fromCityCode: z.string().min(1).max(12).nullable().default(null),
  toCityCode: z.string().min(1).max(12).nullable().default(null),
  feeFen: z.number().int().min(0).max(10_000_000).default(0),
  perKmFen: z.number().int().min(0).max(100_000).default(0),
});
export type TCreateFeeRuleRequest = z.infer<typeof ZCreateFeeRuleRequest>;

// ---- booking (buyer) ----

export const ZDeliveryAddress = z.object({
  province: ZVisibleText({ max: 20 }),
  cityCode: z.string().min(1).max(12),
  district: ZVisibleText({ max: 30 }),
  street: ZVisibleText({ max: 120 }),
  contactName: ZVisibleText({ max: 30 }),
  contactPhone: z.string().regex(/^1\d{10}$/, 'mobile number'),
});
export type TDeliveryAddress = z.infer<typeof ZDeliveryAddress>;

export const ZDeliveryQuoteQuery = z.object({
  mode: z.enum(DELIVERY_MODES),
  cityCode: z.string().min(1).max(12).optional(),
});
export const ZDeliveryQuote = z.object({
  mode: z.enum(DELIVERY_MODES),
  storeId: z.string(),
  fromCityCode: z.string(),
  toCityCode: z.string(),
  distanceKm: z.number().int(),
  feeFen: z.number().int(),
  /** Which rule priced it (same_city, city_pair, per_km) or pickup. */
  basis: z.string(),
});
export type TDeliveryQuote = z.infer<typeof ZDeliveryQuote>;

export const ZBookDeliveryRequest = z
  .object({
    mode: z.enum(DELIVERY_MODES),
    slotId: z.string().min(1).max(64),
    address: ZDeliveryAddress.optional(),
    /** The fee the buyer saw; a different current fee is refused so nobody pays an amount they did not confirm. */
    expectedFeeFen: z.number().int().min(0).optional(),
  })
  .refine((b) => b.mode === 'pickup' || b.address !== undefined, {
    message: 'home delivery needs an address',
    path: ['address'],
  });
export type TBookDeliveryRequest = z.infer<typeof ZBookDeliveryRequest>;

// ---- the delivery ----

export const ZChecklistItem = z.object({
  kind: z.enum(CHECKLIST_KINDS),
  code: z.string(),
  signedBy: z.string().nullable(),
  signedAt: z.string().nullable(),
  note: z.string().nullable(),
});
export const ZTrackingEvent = z.object({
  kind: z.enum(TRACKING_KINDS),
  occurredAt: z.string(),
  latitude: z.number(),
  longitude: z.number(),
  place: z.string(),
});
export type TTrackingEvent = z.infer<typeof ZTrackingEvent>;

export const ZDelivery = z.object({
  id: z.string(),
  orderId: z.string(),
  orderNumber: z.string(),
  dealerId: z.string(),
  storeId: z.string(),
  mode: z.enum(DELIVERY_MODES),
  status: z.enum(DELIVERY_STATUSES),
  slot: z.object({ id: z.string(), startsAt: z.string(), endsAt: z.string() }),
  address: z
    .object({ province: z.string(), cityCode: z.string(), district: z.string(), masked: z.string() })
    .nullable(),
  origin: z.object({ latitude: z.number(), longitude: z.number() }),
  destination: z.object({ latitude: z.number(), longitude: z.number() }),
  distanceKm: z.number().int(),
  feeFen: z.number().int(),
  carrier: z.enum(CARRIERS).nullable(),
  trackingNumber: z.string().nullable(),
  driverName: z.string().nullable(),
  advisorName: z.string().nullable(),
  trackingStage: z.enum(TRACKING_KINDS).nullable(),
  tracking: z.array(ZTrackingEvent),
  checklist: z.array(ZChecklistItem),
  invoice: z.object({ number: z.string(), amountFen: z.number().int() }).nullable(),
  photoCount: z.number().int(),
  acceptedAt: z.string().nullable(),
  dispatchedAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  delayed: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TDelivery = z.infer<typeof ZDelivery>;
export const ZDeliveryPage = z.object({ items: z.array(ZDelivery), nextCursor: z.string().nullable() });
export const ZDeliveryListQuery = z.object({
  status: z.enum(DELIVERY_STATUSES).optional(),
  storeId: z.string().max(64).optional(),
  delayed: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type TDeliveryListQuery = z.infer<typeof ZDeliveryListQuery>;

// ---- staff ----

export const ZAssignDeliveryRequest = z.object({
  carrier: z.enum(CARRIERS).optional(),
  driverName: ZVisibleText({ max: 30 }).optional(),
  advisorName: ZVisibleText({ max: 30 }).optional(),
});
export type TAssignDeliveryRequest = z.infer<typeof ZAssignDeliveryRequest>;

export const ZSignChecklistParams = z.object({
  id: z.string().min(1).max(64),
  kind: z.enum(CHECKLIST_KINDS),
  code: z.string().min(1).max(40),
});
export const ZSignChecklistRequest = z.object({ note: ZVisibleText({ max: 200 }).optional() });

export const ZRecordInvoiceRequest = z.object({
  /** 机动车销售统一发票: 8-digit number (the 12-digit code may precede it), or a 20-digit 数电票 number. */
  number: z.string().regex(/^(\d{8}|\d{20})$/, '8 or 20 digits'),
  amountFen: z.number().int().min(1),
});
export type TRecordInvoiceRequest = z.infer<typeof ZRecordInvoiceRequest>;

export const ZHandoverPhoto = z.object({
  name: z.string().min(1).max(100),
  contentType: z.enum(['image/jpeg', 'image/png', 'image/webp']),
  /** At most about 1.5 MB per photo. */
  dataBase64: z
    .string()
    .min(4)
    .max(2_000_000)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64'),
});
export const ZAcceptHandoverRequest = z.object({ photos: z.array(ZHandoverPhoto).min(1).max(6) });
export type TAcceptHandoverRequest = z.infer<typeof ZAcceptHandoverRequest>;

// ---- carriers ----

export const ZCarrierParams = z.object({ carrier: z.enum(CARRIERS) });
export const ZCarrierEvent = z.object({
  eventId: z.string().min(1).max(100),
  trackingNumber: z.string().min(1).max(64),
  kind: z.enum(TRACKING_KINDS),
  occurredAt: z.iso.datetime({ offset: true }),
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  place: z.string().max(100).default(''),
});
export type TCarrierEvent = z.infer<typeof ZCarrierEvent>;
export const ZCarrierAck = z.object({ recorded: z.boolean() });

// ---- report ----

export const ZDeliveryRates = z.object({
  from: z.string(),
  to: z.string(),
  handedOver: z.number().int(),
  onTime: z.number().int(),
  /** onTime / handedOver, null when nothing was handed over. */
  onTimeRate: z.number().nullable(),
  ready: z.number().int(),
  dispatchedWithin48h: z.number().int(),
  rate48h: z.number().nullable(),
  delayedOpen: z.number().int(),
});
export type TDeliveryRates = z.infer<typeof ZDeliveryRates>;
