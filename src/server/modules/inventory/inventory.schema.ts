import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { HoldStatus, LocationKind, UnitStatus } from './inventory.enums.js';

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
    /** The used-car listing that sells this very unit (new cars sell by trim and store). */
    listingId: text('listing_id'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('inventory_units_vin_uq').on(t.vin),
    index('inventory_units_pick_idx').on(t.trimId, t.storeId, t.status),
    index('inventory_units_dealer_idx').on(t.dealerId, t.status),
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

export type StockLocationRow = typeof stockLocations.$inferSelect;
export type NewStockLocationRow = typeof stockLocations.$inferInsert;
export type VehicleUnitRow = typeof vehicleUnits.$inferSelect;
export type NewVehicleUnitRow = typeof vehicleUnits.$inferInsert;
export type UnitHoldRow = typeof unitHolds.$inferSelect;
