import { z } from 'zod';
import { ZVisibleText } from '../../kernel/text.js';
import {
  HOLD_STATUSES,
  IMPORT_KINDS,
  LOCATION_KINDS,
  REPLENISHMENT_SCOPES,
  STAFF_UNIT_ACTIONS,
  SUGGESTION_STATUSES,
  UNIT_STATUSES,
} from './inventory.enums.js';

// Request and response schemas of /api/v1/inventory: they validate, type and document each route, and the web
// app imports them.

const ZId = z.string().min(1).max(64);

export const ZUnitStatus = z.enum(UNIT_STATUSES);
export const ZLocationKind = z.enum(LOCATION_KINDS);

export const ZStockLocation = z.object({
  id: z.string(),
  kind: ZLocationKind,
  dealerId: z.string().nullable(),
  storeId: z.string().nullable(),
  cityCode: z.string(),
  name: z.string(),
  createdAt: z.string(),
});
export type TStockLocation = z.infer<typeof ZStockLocation>;
export const ZStockLocationList = z.object({ items: z.array(ZStockLocation) });

export const ZCreateStockLocationRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('store'), storeId: ZId }),
  z.object({
    kind: z.literal('warehouse'),
    name: ZVisibleText({ max: 60 }),
    cityCode: z.string().regex(/^\d{6}$/),
    /** Platform staff may make a dealer's warehouse; dealer staff always make their own. */
    dealerId: ZId.optional(),
  }),
]);
export type TCreateStockLocationRequest = z.infer<typeof ZCreateStockLocationRequest>;

export const ZVehicleUnit = z.object({
  id: z.string(),
  vin: z.string(),
  trim: z.object({ id: z.string(), name: z.string(), seriesName: z.string(), brandName: z.string() }),
  exteriorColour: z.string(),
  location: z.object({ id: z.string(), kind: ZLocationKind, name: z.string(), cityCode: z.string() }),
  storeId: z.string().nullable(),
  dealerId: z.string().nullable(),
  status: ZUnitStatus,
  enteredStockAt: z.string(),
  /** Whole days (Asia/Shanghai) since the unit entered stock. */
  daysInStock: z.number().int(),
  /** 90 or 60 once the unit has been in stock that long, else null. */
  aged: z.union([z.literal(60), z.literal(90)]).nullable(),
  costFen: z.number().int(),
  listingId: z.string().nullable(),
  version: z.number().int(),
  /** What staff may do with it now. */
  actions: z.array(z.enum(STAFF_UNIT_ACTIONS)),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TVehicleUnit = z.infer<typeof ZVehicleUnit>;

export const ZVehicleUnitPage = z.object({ items: z.array(ZVehicleUnit), nextCursor: z.string().nullable() });
export const ZVehicleUnitListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
  dealerId: ZId.optional(),
  storeId: ZId.optional(),
  locationId: ZId.optional(),
  trimId: ZId.optional(),
  status: ZUnitStatus.optional(),
});
export type TVehicleUnitListQuery = z.infer<typeof ZVehicleUnitListQuery>;
export const ZUnitIdParams = z.object({ id: ZId });

/** Receive a unit into stock: at a stock location, or at a store (its location is made on first use). */
export const ZReceiveUnitRequest = z
  .object({
    vin: z.string().trim().min(1).max(30),
    trimId: ZId,
    exteriorColour: ZVisibleText({ max: 30 }),
    locationId: ZId.optional(),
    storeId: ZId.optional(),
    /** in_transit for a car on its way (received later), available for a car on the lot. */
    status: z.enum(['in_transit', 'available']).default('available'),
    /** Defaults to now. */
    enteredStockAt: z.iso.datetime({ offset: true }).optional(),
    costFen: z.number().int().min(0).max(100_000_000_00),
    listingId: ZId.optional(),
  })
  .refine((v) => (v.locationId === undefined) !== (v.storeId === undefined), {
    message: 'give either locationId or storeId',
    path: ['locationId'],
  });
export type TReceiveUnitRequest = z.infer<typeof ZReceiveUnitRequest>;

export const ZUnitActionParams = z.object({ id: ZId, action: z.enum(STAFF_UNIT_ACTIONS) });

export const ZHoldStatus = z.enum(HOLD_STATUSES);
export const ZUnitHold = z.object({
  id: z.string(),
  unitId: z.string(),
  holder: z.string(),
  status: ZHoldStatus,
  expiresAt: z.string(),
  releasedAt: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  reason: z.string().nullable(),
  createdAt: z.string(),
});
export type TUnitHold = z.infer<typeof ZUnitHold>;
export const ZUnitHoldList = z.object({ items: z.array(ZUnitHold) });
export const ZHoldIdParams = z.object({ id: ZId });

// ---- accessory stock ----

const ZQuantity = z.number().int().min(1).max(100_000);

export const ZAccessoryStock = z.object({
  location: z.object({ id: z.string(), name: z.string(), kind: ZLocationKind }),
  dealerId: z.string().nullable(),
  variantId: z.string(),
  sku: z.string(),
  productName: z.string(),
  productNameEn: z.string().nullable(),
  /** The variant's attributes, e.g. { 颜色: '黑色' }. */
  attributes: z.record(z.string(), z.string()),
  onHand: z.number().int(),
  reserved: z.number().int(),
  /** on hand - reserved. */
  available: z.number().int(),
  updatedAt: z.string(),
});
export type TAccessoryStock = z.infer<typeof ZAccessoryStock>;
export const ZAccessoryStockList = z.object({ items: z.array(ZAccessoryStock) });
export const ZAccessoryStockQuery = z.object({
  locationId: ZId.optional(),
  dealerId: ZId.optional(),
  sku: z.string().trim().max(60).optional(),
});
export type TAccessoryStockQuery = z.infer<typeof ZAccessoryStockQuery>;

/** A receipt or loss (`delta`) or a stock count (`onHand`) of one SKU at one location. */
export const ZAdjustAccessoryStockRequest = z
  .object({
    locationId: ZId,
    sku: z.string().trim().min(1).max(60),
    delta: z.number().int().min(-100_000).max(100_000).optional(),
    onHand: z.number().int().min(0).max(1_000_000).optional(),
    reason: ZVisibleText({ max: 200 }),
  })
  .refine((v) => (v.delta === undefined) !== (v.onHand === undefined) && v.delta !== 0, {
    message: 'give either a non-zero delta or the counted onHand',
    path: ['delta'],
  });
export type TAdjustAccessoryStockRequest = z.infer<typeof ZAdjustAccessoryStockRequest>;

// ---- the board: stock per store and trim, alerts ----

export const ZStockSummaryCell = z.object({
  storeId: z.string().nullable(),
  location: z.object({ id: z.string(), name: z.string() }),
  dealerId: z.string().nullable(),
  trim: z.object({ id: z.string(), name: z.string(), seriesName: z.string(), brandName: z.string() }),
  inTransit: z.number().int(),
  available: z.number().int(),
  reserved: z.number().int(),
  /** Units on the lot (available or reserved) over 60 / over 90 days. */
  aged60: z.number().int(),
  aged90: z.number().int(),
  /** Days in stock of the oldest unit on the lot, null when none is. */
  maxDaysInStock: z.number().int().nullable(),
  /** Fewer than the low-stock threshold available. */
  low: z.boolean(),
});
export type TStockSummaryCell = z.infer<typeof ZStockSummaryCell>;
export const ZStockAlerts = z.object({
  aged60: z.number().int(),
  aged90: z.number().int(),
  /** (store, trim) pairs below the threshold. */
  lowStock: z.number().int(),
  lowStockThreshold: z.number().int(),
  /** Accessory SKUs at a location with less than the threshold free. */
  lowAccessories: z.number().int(),
  openSuggestions: z.number().int(),
});
export type TStockAlerts = z.infer<typeof ZStockAlerts>;
export const ZStockSummary = z.object({ cells: z.array(ZStockSummaryCell), alerts: ZStockAlerts });
export type TStockSummary = z.infer<typeof ZStockSummary>;

// ---- turnover ----

export const ZTurnoverQuery = z
  .object({
    /** Start of the period (default: `to` minus 90 days). */
    from: z.iso.datetime({ offset: true }).optional(),
    /** End of the period (default: now). */
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((v) => !v.from || !v.to || new Date(v.from) < new Date(v.to), {
    message: 'from must be before to',
    path: ['from'],
  });
export type TTurnoverQuery = z.infer<typeof ZTurnoverQuery>;
export const ZTurnoverLine = z.object({
  id: z.string(),
  name: z.string(),
  sold: z.number().int(),
  /** Average units on hand over the period (unit-days / period days), 2 decimals. */
  averageOnHand: z.number(),
  /** sold / average on hand for the period, 2 decimals; null when nothing was on hand. */
  turnover: z.number().nullable(),
  /** Period days / turnover (days one unit waits on average); null when nothing sold. */
  daysOfStock: z.number().nullable(),
});
export type TTurnoverLine = z.infer<typeof ZTurnoverLine>;
export const ZTurnoverReport = z.object({
  from: z.string(),
  to: z.string(),
  days: z.number(),
  total: ZTurnoverLine,
  byLocation: z.array(ZTurnoverLine),
  byBrand: z.array(ZTurnoverLine),
});
export type TTurnoverReport = z.infer<typeof ZTurnoverReport>;

// ---- replenishment ----

export const ZSuggestionStatus = z.enum(SUGGESTION_STATUSES);
export const ZReplenishmentSuggestion = z.object({
  id: z.string(),
  storeId: z.string(),
  location: z.object({ id: z.string(), name: z.string() }),
  dealerId: z.string().nullable(),
  trim: z.object({ id: z.string(), name: z.string(), seriesName: z.string(), brandName: z.string() }),
  status: ZSuggestionStatus,
  sold30d: z.number().int(),
  avgDailySales: z.number(),
  leadTimeDays: z.number().int(),
  bufferUnits: z.number().int(),
  safetyStock: z.number().int(),
  available: z.number().int(),
  inTransit: z.number().int(),
  suggestedQuantity: z.number().int(),
  acceptedQuantity: z.number().int().nullable(),
  dismissReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  computedAt: z.string(),
  /** What staff may do now. */
  actions: z.array(z.enum(['accept', 'dismiss'])),
});
export type TReplenishmentSuggestion = z.infer<typeof ZReplenishmentSuggestion>;
export const ZReplenishmentSuggestionList = z.object({ items: z.array(ZReplenishmentSuggestion) });
export const ZSuggestionListQuery = z.object({
  status: ZSuggestionStatus.optional(),
  storeId: ZId.optional(),
  dealerId: ZId.optional(),
});
export type TSuggestionListQuery = z.infer<typeof ZSuggestionListQuery>;
export const ZSuggestionIdParams = z.object({ id: ZId });
/** Accept as suggested, or with the quantity staff actually order. */
export const ZAcceptSuggestionRequest = z.object({ quantity: ZQuantity.optional() });
export type TAcceptSuggestionRequest = z.infer<typeof ZAcceptSuggestionRequest>;
export const ZDismissSuggestionRequest = z.object({ reason: ZVisibleText({ max: 200 }) });
export type TDismissSuggestionRequest = z.infer<typeof ZDismissSuggestionRequest>;

export const ZReplenishmentScope = z.enum(REPLENISHMENT_SCOPES);
export const ZReplenishmentSetting = z.object({
  scope: ZReplenishmentScope,
  scopeId: z.string(),
  /** The brand's or location's name ('' for the default). */
  name: z.string(),
  leadTimeDays: z.number().int(),
  bufferUnits: z.number().int(),
  updatedAt: z.string(),
});
export type TReplenishmentSetting = z.infer<typeof ZReplenishmentSetting>;
export const ZReplenishmentSettingList = z.object({
  items: z.array(ZReplenishmentSetting),
  defaults: z.object({ leadTimeDays: z.number().int(), bufferUnits: z.number().int() }),
});
export const ZPutReplenishmentSettingRequest = z
  .object({
    scope: ZReplenishmentScope,
    scopeId: z.string().max(64).default(''),
    leadTimeDays: z.number().int().min(0).max(365),
    bufferUnits: z.number().int().min(0).max(1000),
  })
  .refine((v) => (v.scope === 'default') === (v.scopeId === ''), {
    message: 'the default has no scopeId; a brand or location needs one',
    path: ['scopeId'],
  });
export type TPutReplenishmentSettingRequest = z.infer<typeof ZPutReplenishmentSettingRequest>;
export const ZDeleteReplenishmentSettingParams = z.object({
  scope: ZReplenishmentScope,
  scopeId: z.string().min(1).max(64),
});

// ---- bulk import (the catalog's row-error report, with a code per problem) ----

export const ZImportKind = z.enum(IMPORT_KINDS);
export const ZInventoryImportParams = z.object({ kind: ZImportKind });
export const ZInventoryTemplateParams = z.object({ kind: ZImportKind, format: z.enum(['csv', 'xlsx']) });
export const ZInventoryImportQuery = z.object({
  dryRun: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
});
/** One problem in an import file: its row (the header is row 1), column, code and message. */
export const ZInventoryImportRowError = z.object({
  row: z.number().int(),
  column: z.string(),
  code: z.string(),
  message: z.string(),
});
export type TInventoryImportRowError = z.infer<typeof ZInventoryImportRowError>;
export const ZInventoryImportResult = z.object({
  dryRun: z.boolean(),
  kind: ZImportKind,
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});
export type TInventoryImportResult = z.infer<typeof ZInventoryImportResult>;
