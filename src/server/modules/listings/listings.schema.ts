import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { trims } from '../catalog/catalog.schema.js';
import { INSPECTION_SECTIONS, LISTING_STATUSES } from './listings.enums.js';

// The enum values live in listings.enums.ts (drizzle-free: the web app imports them).
export { INSPECTION_SECTIONS, LISTING_STATUSES };

// ---------------------------------------------------------------------------------------------------------
// Listings: new-car offers, used cars (unique units with inspection reports), the ad-law term list.
// ---------------------------------------------------------------------------------------------------------

export const listings = pgTable(
  'catalog_listings',
  {
    id: text('id').primaryKey(), // lst_...
    kind: text('kind', { enum: ['new', 'used'] }).notNull(),
    trimId: text('trim_id')
      .notNull()
      .references(() => trims.id),
    /** Dealer and store from the dealers module (ids; scoping is by dealerId). */
    dealerId: text('dealer_id').notNull(),
    storeId: text('store_id'),
    cityCode: text('city_code').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /** Asking price in fen (new: dealer price after discount off the guide price). */
    priceFen: bigint('price_fen', { mode: 'number' }).notNull(),
    exteriorColour: text('exterior_colour'),
    interiorColour: text('interior_colour'),
    status: text('status', { enum: LISTING_STATUSES }).notNull().default('draft'),
    /** Ad-law words found by the last review check, with their positions. */
    reviewFlags: jsonb('review_flags').notNull().default(sql`'[]'::jsonb`),
    reviewNote: text('review_note'),
    /** Link point for the inventory module (a stock unit or SKU id) — set when inventory arrives. */
    inventoryRef: text('inventory_ref'),
    /** Taken off sale by the system because no unit is available (put back on sale when one is). */
    soldOut: boolean('sold_out').notNull().default(false),
    /** Views in the last 30 days, for "popular" sorting; refreshed by a job. */
    popularity: integer('popularity').notNull().default(0),
    listedAt: timestamp('listed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('catalog_listings_status_idx').on(t.status, t.updatedAt),
    index('catalog_listings_dealer_idx').on(t.dealerId, t.status),
    index('catalog_listings_trim_idx').on(t.trimId),
    check('catalog_listings_price_positive', sql`${t.priceFen} > 0`),
  ],
);

/** The unit behind a used listing: one VIN, its history and disclosures. */
export const usedVehicles = pgTable(
  'catalog_used_vehicles',
  {
    listingId: text('listing_id')
      .primaryKey()
      .references(() => listings.id, { onDelete: 'cascade' }),
    vin: text('vin').notNull(),
    firstRegistrationDate: date('first_registration_date', { mode: 'string' }).notNull(),
    mileageKm: integer('mileage_km').notNull(),
    ownersCount: smallint('owners_count').notNull(),
    transferCount: smallint('transfer_count').notNull(),
    /** 1..5 per GB/T 30323-2013 (5 = accident car), from the inspection report. */
    conditionGrade: smallint('condition_grade'),
    accidentHistory: boolean('accident_history').notNull(),
    floodHistory: boolean('flood_history').notNull(),
    fireHistory: boolean('fire_history').notNull(),
    disclosureNote: text('disclosure_note'),
    plateCity: text('plate_city'),
  },
  (t) => [uniqueIndex('catalog_used_vehicles_vin_uq').on(t.vin)],
);

/** GB/T 30323-2013 inspection: section scores (body 20, engine bay 20, cabin 10, start-up 20, road 15, chassis 15). */
export const inspectionReports = pgTable('catalog_inspection_reports', {
  id: text('id').primaryKey(), // isp_...
  listingId: text('listing_id')
    .notNull()
    .references(() => listings.id, { onDelete: 'cascade' })
    .unique(),
  inspectedAt: timestamp('inspected_at', { withTimezone: true }).notNull(),
  inspector: text('inspector').notNull(),
  inspectionOrg: text('inspection_org').notNull(),
  sectionScores: jsonb('section_scores').notNull(), // { body_exterior: 18.5, ... }
  totalScore: real('total_score').notNull(),
  grade: smallint('grade').notNull(),
  summary: text('summary').notNull().default(''),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

export const inspectionItems = pgTable(
  'catalog_inspection_items',
  {
    id: text('id').primaryKey(), // ipi_...
    reportId: text('report_id')
      .notNull()
      .references(() => inspectionReports.id, { onDelete: 'cascade' }),
    section: text('section', { enum: INSPECTION_SECTIONS }).notNull(),
    code: text('code').notNull(), // e.g. B01 左前翼子板
    name: text('name').notNull(),
    /** ok; minor/moderate/severe defect; redline = accident red-line hit. */
    result: text('result', { enum: ['ok', 'minor', 'moderate', 'severe', 'redline'] }).notNull(),
    deduction: real('deduction').notNull().default(0),
    note: text('note'),
    photoUrls: text('photo_urls').array().notNull().default(sql`'{}'::text[]`),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [index('catalog_inspection_items_report_idx').on(t.reportId, t.section, t.sort)],
);

/** Ad-law wording (广告法 absolute claims): data, editable by compliance. */
export const adLawTerms = pgTable('catalog_ad_law_terms', {
  term: text('term').primaryKey(), // 最, 第一, 国家级, 顶级
  severity: text('severity', { enum: ['block', 'warn'] })
    .notNull()
    .default('block'),
  note: text('note'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});
