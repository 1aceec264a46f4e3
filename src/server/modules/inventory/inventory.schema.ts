import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type {
  HoldStatus,
  LocationKind,
  ReplenishmentScope,
  SuggestionStatus,
  UnitStatus,
} from './inventory.enums.js';

/** Stock locations: a dealer's store, or a warehouse (dealer id null for the platform's own). */
export const stockLocations = pgTable(
  'inventory_locations',
  {
    id: text('id').primaryKey(),
    kind: text('kind').$type<LocationKind>().notNull(),
    /** null for a platform warehouse. */
    dealerId: text('dealer_id'),
    /** The store for kind `store` (dealers module id). */
    storeId: text('store_id'),
    cityCode: text('city_code').notNull(),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('inventory_locations_store_uq').on(t.storeId),
    index('inventory_locations_dealer_idx').on(t.dealerId),
  ],
);

/** Vehicle units (车源 by VIN): one row per physical car. */
export const vehicleUnits = pgTable(
  'inventory_units',
  {
    id: text('id').primaryKey(),
    vin: text('vin').notNull(),
    trimId: text('trim_id').notNull(),
    exteriorColour: text('exterior_colour').notNull(),
    locationId: text('location_id')
      .notNull()
      .references(() => stockLocations.id),
    /** Copied from the location so a hold by trim and store is one indexed statement. */
    storeId: text('store_id'),
    dealerId: text('dealer_id'),
    status: text('status').$type<UnitStatus>().notNull(),
    /** When the unit entered stock (days in stock count from here). */
    enteredStockAt: timestamp('entered_stock_at', { withTimezone: true }).notNull(),
    costFen: integer('cost_fen').notNull(),
    /** When the unit was sold (the sell transition); turnover and replenishment count sales from here. */
    soldAt: timestamp('sold_at', { withTimezone: true }),
    /** The used-car listing that sells this very unit (new cars sell by trim and store). */
    listingId: text('listing_id'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('inventory_units_vin_uq').on(t.vin),
    // The hold by trim takes the oldest available unit first: the order is in the index, so the pick reads
    // one entry instead of sorting every unit of the trim at the store.
    index('inventory_units_pick_idx')
      .on(t.trimId, t.storeId, t.status, t.enteredStockAt, t.id)
      .where(sql`${t.listingId} is null`),
    index('inventory_units_listing_idx').on(t.listingId).where(sql`${t.listingId} is not null`),
    index('inventory_units_dealer_idx').on(t.dealerId, t.status),
    index('inventory_units_sold_idx').on(t.soldAt).where(sql`${t.soldAt} is not null`),
    check('inventory_units_cost_nonneg', sql`${t.costFen} >= 0`),
  ],
);

/** Holds on units: who holds which unit until when, and how the hold ended. */
export const unitHolds = pgTable(
  'inventory_holds',
  {
    id: text('id').primaryKey(),
    unitId: text('unit_id')
      .notNull()
      .references(() => vehicleUnits.id),
    /** A buyer id or an order reference. */
    holder: text('holder').notNull(),
    status: text('status').$type<HoldStatus>().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    releasedAt: timestamp('released_at', { withTimezone: true }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    reason: text('reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // Backstop beside the conditional updates: a unit has at most one live hold.
    uniqueIndex('inventory_holds_live_uq').on(t.unitId).where(sql`${t.status} = 'held'`),
    index('inventory_holds_expiry_idx').on(t.expiresAt).where(sql`${t.status} = 'held'`),
  ],
);

/**
 * Accessory stock per location and SKU variant (the accessories module's variant id): a ledger row whose
 * availability is derived (on_hand - reserved); every change is one conditional statement.
 */
export const accessoryStock = pgTable(
  'inventory_accessory_stock',
  {
    locationId: text('location_id')
      .notNull()
      .references(() => stockLocations.id),
    /** The accessories module's variant (no foreign key: variants are its tables). */
    variantId: text('variant_id').notNull(),
    /** Copied from the location, so dealer scoping is one indexed condition. */
    dealerId: text('dealer_id'),
    onHand: integer('on_hand').notNull().default(0),
    reserved: integer('reserved').notNull().default(0),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.locationId, t.variantId] }),
    index('inventory_accessory_stock_dealer_idx').on(t.dealerId),
    index('inventory_accessory_stock_variant_idx').on(t.variantId),
    // The backstop beside the conditional updates: never negative, never more reserved than on hand.
    check(
      'inventory_accessory_stock_qty',
      sql`${t.onHand} >= 0 AND ${t.reserved} >= 0 AND ${t.reserved} <= ${t.onHand}`,
    ),
  ],
);

/** Replenishment parameters: the platform default, a brand's, or a location's (most specific wins). */
export const replenishmentSettings = pgTable(
  'inventory_replenishment_settings',
  {
    scope: text('scope').$type<ReplenishmentScope>().notNull(),
    /** '' for the default, the brand id, or the location id. */
    scopeId: text('scope_id').notNull(),
    leadTimeDays: integer('lead_time_days').notNull(),
    bufferUnits: integer('buffer_units').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.scope, t.scopeId] }),
    check(
      'inventory_replenishment_settings_range',
      sql`${t.leadTimeDays} BETWEEN 0 AND 365 AND ${t.bufferUnits} BETWEEN 0 AND 1000`,
    ),
  ],
);

/** Replenishment suggestions per (store, trim): `open -> accepted | dismissed`, one open at a time. */
export const replenishmentSuggestions = pgTable(
  'inventory_replenishment_suggestions',
  {
    id: text('id').primaryKey(),
    locationId: text('location_id')
      .notNull()
      .references(() => stockLocations.id),
    storeId: text('store_id').notNull(),
    dealerId: text('dealer_id'),
    trimId: text('trim_id').notNull(),
    status: text('status').$type<SuggestionStatus>().notNull(),
    /** Units sold at the store of the trim in the 30 days before computedAt. */
    sold30d: integer('sold_30d').notNull(),
    avgDailySales: numeric('avg_daily_sales', { precision: 10, scale: 4 }).notNull(),
    leadTimeDays: integer('lead_time_days').notNull(),
    bufferUnits: integer('buffer_units').notNull(),
    safetyStock: integer('safety_stock').notNull(),
    available: integer('available').notNull(),
    inTransit: integer('in_transit').notNull(),
    suggestedQuantity: integer('suggested_quantity').notNull(),
    acceptedQuantity: integer('accepted_quantity'),
    dismissReason: text('dismiss_reason'),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // At most one open suggestion per (store, trim): the daily job refreshes it instead of adding another.
    uniqueIndex('inventory_replenishment_open_uq').on(t.storeId, t.trimId).where(sql`${t.status} = 'open'`),
    index('inventory_replenishment_dealer_idx').on(t.dealerId, t.status),
    check('inventory_replenishment_qty', sql`${t.suggestedQuantity} > 0`),
  ],
);

export type StockLocationRow = typeof stockLocations.$inferSelect;
export type NewStockLocationRow = typeof stockLocations.$inferInsert;
export type VehicleUnitRow = typeof vehicleUnits.$inferSelect;
export type NewVehicleUnitRow = typeof vehicleUnits.$inferInsert;
export type UnitHoldRow = typeof unitHolds.$inferSelect;
export type AccessoryStockRow = typeof accessoryStock.$inferSelect;
export type ReplenishmentSettingRow = typeof replenishmentSettings.$inferSelect;
export type ReplenishmentSuggestionRow = typeof replenishmentSuggestions.$inferSelect;
