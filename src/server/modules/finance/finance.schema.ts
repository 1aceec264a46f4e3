import { bigint, boolean, date, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { ENERGY_TYPES } from '../catalog/catalog.enums.js';
import type { LenderCode, LOAN_METHODS } from './finance.enums.js';

/** How a product's rates are quoted: a nominal yearly rate on the declining balance, or a flat (费率) rate. */
export type RateKind = 'annual' | 'flat';

/** One term a product offers and its rate in basis points (annual or flat, as the product quotes). */
export interface ProductTerm {
  termMonths: number;
  rateBp: number;
}

/**
 * A partner lender's loan product: data finance staff edit (the lender's adapter is code). `version` counts
 * the saves, so an edit made on a stale copy is refused instead of overwriting someone else's change.
 */
export const financeProductTable = pgTable(
  'finance_products',
  {
    id: text('id').primaryKey(),
    lenderCode: text('lender_code').$type<LenderCode>().notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    forNew: boolean('for_new').notNull(),
    forUsed: boolean('for_used').notNull(),
    /** Empty = every energy type. */
    energies: jsonb('energies').$type<(typeof ENERGY_TYPES)[number][]>().notNull(),
    /** Catalog brand slugs the offer is limited to (a captive's 0% offer); empty = every brand. */
    brands: jsonb('brands').$type<string[]>().notNull(),
    minPriceFen: bigint('min_price_fen', { mode: 'number' }).notNull(),
    /** Null = no upper limit. */
    maxPriceFen: bigint('max_price_fen', { mode: 'number' }),
    rateKind: text('rate_kind').$type<RateKind>().notNull(),
    method: text('method').$type<(typeof LOAN_METHODS)[number]>().notNull(),
    terms: jsonb('terms').$type<ProductTerm[]>().notNull(),
    /** Fixed fees paid when the loan is made (they count in the APR). */
    feesFen: bigint('fees_fen', { mode: 'number' }).notNull(),
    /** Minimum down payment share for petrol, diesel and HEV cars (basis points of the price). */
    minDownBpIce: integer('min_down_bp_ice').notNull(),
    /** Minimum down payment share for new-energy cars (bev, phev, erev, fcev); usually lower. */
    minDownBpNev: integer('min_down_bp_nev').notNull(),
    /** A 0%-interest offer whose interest the platform carries (paid to the lender per order). */
    subsidised: boolean('subsidised').notNull(),
    /** The lender's own annual rate the subsidy is priced at (set when subsidised). */
    referenceRateBp: integer('reference_rate_bp'),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    /** Null = open-ended. */
    validTo: date('valid_to', { mode: 'string' }),
    active: boolean('active').notNull(),
    version: integer('version').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('finance_products_active_idx').on(t.active, t.validFrom)],
);

export type FinanceProductRow = typeof financeProductTable.$inferSelect;
