import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { QUOTE_MODES, RULE_CODES, VALUATION_FLAGS } from './pricing.enums.js';

/**
 * Every version of every tax and fee rule. A version is never edited: a change is a new version from a date,
 * so a stored quote always names versions that still say what they said.
 */
export const ruleVersionTable = pgTable(
  'pricing_rule_versions',
  {
    id: text('id').primaryKey(),
    code: text('code').$type<(typeof RULE_CODES)[number]>().notNull(),
    /** 'CN', or a GB/T 2260 province or city code. */
    scope: text('scope').notNull(),
    version: integer('version').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    params: jsonb('params').$type<Record<string, unknown>>().notNull(),
    descriptionZh: text('description_zh').notNull(),
    descriptionEn: text('description_en').notNull(),
    /** Staff id, null for the versions a new database starts with. */
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('pricing_rule_versions_code_scope_version_uq').on(t.code, t.scope, t.version)],
);

export type RuleVersionRow = typeof ruleVersionTable.$inferSelect;
export type NewRuleVersionRow = typeof ruleVersionTable.$inferInsert;

/** A landed-price quote for a listing, stored with the rule versions it used (an order can cite it later). */
export const quoteTable = pgTable(
  'pricing_quotes',
  {
    id: text('id').primaryKey(),
    listingId: text('listing_id').notNull(),
    /** The buyer's account when signed in. */
    accountId: text('account_id'),
    cityCode: text('city_code').notNull(),
    quoteDate: date('quote_date', { mode: 'string' }).notNull(),
    mode: text('mode').$type<(typeof QUOTE_MODES)[number]>().notNull(),
    /** The car facts and choices the quote was computed from. */
    input: jsonb('input').$type<Record<string, unknown>>().notNull(),
    lines: jsonb('lines').$type<Record<string, unknown>[]>().notNull(),
    /** The loan plan when mode = loan. */
    loan: jsonb('loan').$type<Record<string, unknown>>(),
    totalFen: bigint('total_fen', { mode: 'number' }).notNull(),
    /** [{ id, version }] of every rule used. */
    ruleRefs: jsonb('rule_refs').$type<{ id: string; version: number }[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('pricing_quotes_listing_idx').on(t.listingId, t.createdAt)],
);

export type QuoteRow = typeof quoteTable.$inferSelect;

/** Every price a listing has had, from the first time pricing saw it (kept from listing change events). */
export const priceHistoryTable = pgTable(
  'pricing_price_history',
  {
    id: text('id').primaryKey(),
    listingId: text('listing_id').notNull(),
    priceFen: bigint('price_fen', { mode: 'number' }).notNull(),
    /** Null for the first price seen. */
    previousFen: bigint('previous_fen', { mode: 'number' }),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('pricing_price_history_listing_idx').on(t.listingId, t.changedAt)],
);
export type PriceHistoryRow = typeof priceHistoryTable.$inferSelect;

/** A signed-in buyer waiting for a listing's price to drop (one per buyer and listing). */
export const priceAlertTable = pgTable(
  'pricing_price_alerts',
  {
    id: text('id').primaryKey(),
    listingId: text('listing_id').notNull(),
    buyerId: text('buyer_id').notNull(),
    /** The price when subscribed, then the price last notified: only a drop below it notifies. */
    referenceFen: bigint('reference_fen', { mode: 'number' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('pricing_price_alerts_listing_buyer_uq').on(t.listingId, t.buyerId),
    index('pricing_price_alerts_buyer_idx').on(t.buyerId),
  ],
);
export type PriceAlertRow = typeof priceAlertTable.$inferSelect;

/** A buyer's trade-in valuation of their own car, kept so an order can use it as a trade-in credit. */
export const tradeInValuationTable = pgTable(
  'pricing_trade_in_valuations',
  {
    id: text('id').primaryKey(),
    buyerId: text('buyer_id'),
    trimId: text('trim_id').notNull(),
    cityCode: text('city_code').notNull(),
    /** YYYY-MM */
    firstRegistration: text('first_registration').notNull(),
    mileageKm: integer('mileage_km').notNull(),
    condition: text('condition').$type<'excellent' | 'good' | 'fair' | 'poor'>().notNull(),
    accident: boolean('accident').notNull(),
    flood: boolean('flood').notNull(),
    fire: boolean('fire').notNull(),
    valueFen: bigint('value_fen', { mode: 'number' }).notNull(),
    lowFen: bigint('low_fen', { mode: 'number' }).notNull(),
    highFen: bigint('high_fen', { mode: 'number' }).notNull(),
    steps: jsonb('steps').$type<Record<string, unknown>[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('pricing_trade_in_buyer_idx').on(t.buyerId, t.createdAt)],
);
export type TradeInValuationRow = typeof tradeInValuationTable.$inferSelect;

/**
 * The valuation of every public used listing (listed or delisted), kept current from listing change events and a
 * nightly refresh (city supply and demand moves without any listing event): what the console filters and
 * pages in SQL. `valueFen` is the active override when there is one, else the computed value; the flag and
 * the gap follow it.
 */
export const listingValuationTable = pgTable(
  'pricing_listing_valuations',
  {
    listingId: text('listing_id').primaryKey(),
    status: text('status').$type<'listed' | 'delisted'>().notNull(),
    title: text('title').notNull(),
    dealerId: text('dealer_id').notNull(),
    cityCode: text('city_code').notNull(),
    brandSlug: text('brand_slug').notNull(),
    seriesId: text('series_id').notNull(),
    trimId: text('trim_id').notNull(),
    priceFen: bigint('price_fen', { mode: 'number' }).notNull(),
    computedFen: bigint('computed_fen', { mode: 'number' }).notNull(),
    lowFen: bigint('low_fen', { mode: 'number' }).notNull(),
    highFen: bigint('high_fen', { mode: 'number' }).notNull(),
    /** The active override's value, denormalised from pricing_valuation_overrides (null: none). */
    overrideFen: bigint('override_fen', { mode: 'number' }),
    valueFen: bigint('value_fen', { mode: 'number' }).notNull(),
    flag: text('flag').$type<(typeof VALUATION_FLAGS)[number]>().notNull(),
    /** (price - value) / value in basis points, signed; `gapBp` is its absolute value (the default sort). */
    diffBp: integer('diff_bp').notNull(),
    gapBp: integer('gap_bp').notNull(),
    /** The factor steps ({ factor, effectFen, ratio }) and the facts their explanations need. */
    steps: jsonb('steps').$type<{ factor: string; effectFen: number; ratio: number }[]>().notNull(),
    ageYears: doublePrecision('age_years').notNull(),
    mileageKm: integer('mileage_km').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('pricing_listing_valuations_gap_idx').on(t.gapBp, t.listingId),
    index('pricing_listing_valuations_flag_idx').on(t.flag, t.gapBp),
    index('pricing_listing_valuations_city_idx').on(t.cityCode),
    index('pricing_listing_valuations_brand_idx').on(t.brandSlug),
  ],
);
export type ListingValuationRow = typeof listingValuationTable.$inferSelect;

/**
 * Operators' overrides of a listing's valuation, kept as history: an override is never edited, a new one
 * clears the previous one, and clearing stamps who, when and why. At most one is active per listing.
 */
export const valuationOverrideTable = pgTable(
  'pricing_valuation_overrides',
  {
    id: text('id').primaryKey(),
    listingId: text('listing_id').notNull(),
    valueFen: bigint('value_fen', { mode: 'number' }).notNull(),
    /** The computed value when the override was set (what the operator disagreed with). */
    computedFen: bigint('computed_fen', { mode: 'number' }).notNull(),
    reason: text('reason').notNull(),
    setBy: text('set_by').notNull(),
    /** The staff member's name at the time (the history reads without a join to identity). */
    setByName: text('set_by_name').notNull(),
    setAt: timestamp('set_at', { withTimezone: true }).notNull(),
    clearedAt: timestamp('cleared_at', { withTimezone: true }),
    clearedBy: text('cleared_by'),
    clearedByName: text('cleared_by_name'),
    clearReason: text('clear_reason'),
  },
  (t) => [
    index('pricing_valuation_overrides_listing_idx').on(t.listingId, t.setAt),
    uniqueIndex('pricing_valuation_overrides_active_uq').on(t.listingId).where(sql`${t.clearedAt} is null`),
  ],
);
export type ValuationOverrideRow = typeof valuationOverrideTable.$inferSelect;
