import { z } from 'zod';
import { ZVisibleText } from '../../kernel/text.js';
import { HOLD_STATUSES, LOCATION_KINDS, STAFF_UNIT_ACTIONS, UNIT_STATUSES } from './inventory.enums.js';

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
