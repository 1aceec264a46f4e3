import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

// ---------------------------------------------------------------------------------------------------------
// Search read model and buyer-side browsing state (helper "search").
// ---------------------------------------------------------------------------------------------------------

/**
 * One denormalized row per listed or delisted vehicle listing (drafts, reviews and rejections are not
 * here): what the search page, facets, cards, similar vehicles and the sitemap read. Kept current from
 * `catalog.listing_changed` / `catalog.trim_changed` events and rebuilt set-based by `rebuildSearchIndex`.
 */
export const listingSearch = pgTable(
  'catalog_listing_search',
  {
    listingId: text('listing_id').primaryKey(),
    kind: text('kind', { enum: ['new', 'used'] }).notNull(),
    status: text('status', { enum: ['listed', 'delisted'] }).notNull(),
    brandId: text('brand_id').notNull(),
    brandSlug: text('brand_slug').notNull(),
    brandName: text('brand_name').notNull(),
    seriesId: text('series_id').notNull(),
    seriesSlug: text('series_slug').notNull(),
    seriesName: text('series_name').notNull(),
    segment: text('segment').notNull(),
    trimId: text('trim_id').notNull(),
    trimName: text('trim_name').notNull(),
    modelYear: smallint('model_year').notNull(),
    bodyType: text('body_type').notNull(),
    energyType: text('energy_type').notNull(),
    seats: smallint('seats').notNull(),
    electricRangeKm: integer('electric_range_km'),
    priceFen: bigint('price_fen', { mode: 'number' }).notNull(),
    guidePriceFen: bigint('guide_price_fen', { mode: 'number' }).notNull(),
    /** 0 for new cars, so "mileage up to" and "sort by mileage" treat them as unused. */
    mileageKm: integer('mileage_km').notNull(),
    /** Null for new cars (age 0). */
    firstRegistrationDate: date('first_registration_date', { mode: 'string' }),
    cityCode: text('city_code').notNull(),
    conditionGrade: smallint('condition_grade'),
    dealerId: text('dealer_id').notNull(),
    storeId: text('store_id'),
    vin: text('vin'),
    popularity: integer('popularity').notNull().default(0),
    listedAt: timestamp('listed_at', { withTimezone: true }).notNull(),
    title: text('title').notNull(),
    imageUrl: text('image_url'),
    /** Search tokens: CJK bigrams and unigrams, latin words, names, aliases and pinyin (full, initials). */
    tokens: text('tokens').array().notNull().default(sql`'{}'::text[]`),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('catalog_listing_search_tokens_gin').using('gin', t.tokens),
    index('catalog_listing_search_price_idx').on(t.priceFen, t.listingId).where(sql`status = 'listed'`),
    index('catalog_listing_search_newest_idx').on(t.listedAt, t.listingId).where(sql`status = 'listed'`),
    index('catalog_listing_search_mileage_idx').on(t.mileageKm, t.listingId).where(sql`status = 'listed'`),
    index('catalog_listing_search_popular_idx').on(t.popularity, t.listingId).where(sql`status = 'listed'`),
    index('catalog_listing_search_brand_idx').on(t.brandSlug, t.priceFen).where(sql`status = 'listed'`),
    index('catalog_listing_search_city_idx').on(t.cityCode, t.priceFen).where(sql`status = 'listed'`),
    index('catalog_listing_search_trim_idx').on(t.trimId),
    index('catalog_listing_search_similar_idx')
      .on(t.bodyType, t.energyType, t.priceFen, t.listingId)
      .where(sql`status = 'listed'`),
    index('catalog_listing_search_segment_idx')
      .on(t.segment, t.energyType, t.priceFen, t.listingId)
      .where(sql`status = 'listed'`),
  ],
);

/** A buyer's favourite listings (anonymous favourites are merged in at sign-in). */
export const favourites = pgTable(
  'catalog_favourites',
  {
    buyerId: text('buyer_id').notNull(),
    listingId: text('listing_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.buyerId, t.listingId] }),
    index('catalog_favourites_buyer_idx').on(t.buyerId, t.createdAt),
  ],
);

/** A signed-in buyer's browsing history: one row per listing, the latest view time. */
export const browsingHistory = pgTable(
  'catalog_browsing_history',
  {
    buyerId: text('buyer_id').notNull(),
    listingId: text('listing_id').notNull(),
    viewedAt: timestamp('viewed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.buyerId, t.listingId] }),
    index('catalog_browsing_history_buyer_idx').on(t.buyerId, t.viewedAt),
  ],
);

/**
 * Append-only detail-page views; a scheduled job turns the last 30 days into `popularity` (no hot-row
 * UPDATE per view).
 */
export const listingViews = pgTable(
  'catalog_listing_views',
  {
    id: text('id').primaryKey(), // lvw_...
    listingId: text('listing_id').notNull(),
    viewedAt: timestamp('viewed_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('catalog_listing_views_at_idx').on(t.viewedAt, t.listingId)],
);

/**
 * What buyers search for (normalised text of queries that found vehicles), counted by every app process:
 * each adds its counts in batches (upsert), and the suggestions read the most frequent. Rows not searched
 * for 30 days are pruned by the popularity job.
 */
export const popularQueries = pgTable(
  'catalog_popular_queries',
  {
    query: text('query').primaryKey(),
    count: integer('count').notNull(),
    lastSearchedAt: timestamp('last_searched_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('catalog_popular_queries_count_idx').on(t.count)],
);

/**
 * Words buyers type that operators teach the search (电车 -> energy bev, 商务 -> body mpv): they add to or
 * replace the built-in list of search.terms.ts for the same text and filter. Small; read whole into the
 * dictionary, which reloads when one changes (in every process, through the cache bus).
 */
export const searchQueryTerms = pgTable(
  'catalog_search_terms',
  {
    id: text('id').primaryKey(), // sqt_...
    /** Normalised: NFKC, lower case, simplified characters, no spaces. */
    term: text('term').notNull(),
    filter: text('filter').notNull(),
    /** One value or a comma-separated list, checked against the filter's values on write. */
    value: text('value').notNull(),
    /** An intent: yields to the buyer's own words for the same filter. */
    soft: boolean('soft').notNull().default(false),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('catalog_search_terms_term_filter_uq').on(t.term, t.filter)],
);
export type SearchQueryTermRow = typeof searchQueryTerms.$inferSelect;
