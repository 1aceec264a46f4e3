import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { BODY_TYPES, ENERGY_TYPES, PARAMETER_GROUPS, PARAMETER_TYPES, SEGMENTS } from './catalog.enums.js';

// The enum values live in catalog.enums.ts (zod-free, drizzle-free: the web app imports them).
export { BODY_TYPES, ENERGY_TYPES, PARAMETER_GROUPS, PARAMETER_TYPES, SEGMENTS };

// ---------------------------------------------------------------------------------------------------------
// Model database: brand -> series -> (model year) -> trim, with a typed parameter dictionary.
// ---------------------------------------------------------------------------------------------------------

export const brands = pgTable(
  'catalog_brands',
  {
    id: text('id').primaryKey(), // brd_...
    slug: text('slug').notNull(), // byd
    name: text('name').notNull(), // 比亚迪
    nameEn: text('name_en').notNull(), // BYD
    pinyin: text('pinyin').notNull(), // biyadi
    /** Other names buyers type: 迪子, BYD Auto ... */
    aliases: text('aliases').array().notNull().default(sql`'{}'::text[]`),
    initial: text('initial').notNull(), // B (for A-Z brand pickers)
    country: text('country').notNull(), // CN, DE, JP, US ...
    /** Brand colours for generated demo artwork: [primary, secondary] hex. */
    colours: text('colours').array().notNull().default(sql`'{}'::text[]`),
    sort: integer('sort').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('catalog_brands_slug_uq').on(t.slug)],
);

export const series = pgTable(
  'catalog_series',
  {
    id: text('id').primaryKey(), // ser_...
    brandId: text('brand_id')
      .notNull()
      .references(() => brands.id),
    slug: text('slug').notNull(), // byd-han
    name: text('name').notNull(), // 汉
    nameEn: text('name_en').notNull(), // Han
    pinyin: text('pinyin').notNull(), // han
    aliases: text('aliases').array().notNull().default(sql`'{}'::text[]`),
    manufacturer: text('manufacturer').notNull(), // 比亚迪汽车 / 一汽-大众
    bodyType: text('body_type', { enum: BODY_TYPES }).notNull(),
    energyType: text('energy_type', { enum: ENERGY_TYPES }).notNull(),
    segment: text('segment', { enum: SEGMENTS }).notNull(),
    status: text('status', { enum: ['on_sale', 'discontinued', 'upcoming'] })
      .notNull()
      .default('on_sale'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('catalog_series_slug_uq').on(t.slug), index('catalog_series_brand_idx').on(t.brandId)],
);

export const trims = pgTable(
  'catalog_trims',
  {
    id: text('id').primaryKey(), // trm_...
    seriesId: text('series_id')
      .notNull()
      .references(() => series.id),
    modelYear: smallint('model_year').notNull(), // 2025 (年款)
    name: text('name').notNull(), // 2025款 DM-i 121KM 尊贵型
    /** 厂商指导价 in fen. */
    guidePriceFen: bigint('guide_price_fen', { mode: 'number' }).notNull(),
    /** Energy type of this trim (a series can mix, e.g. BEV and PHEV versions). */
    energyType: text('energy_type', { enum: ENERGY_TYPES }).notNull(),
    // Key facts copied from the parameter sheet for filtering and cards (kept in sync by the service).
    seats: smallint('seats').notNull(),
    electricRangeKm: integer('electric_range_km'), // CLTC pure-electric range; null for ICE
    displacementL: numeric('displacement_l', { precision: 3, scale: 1 }), // null for BEV
    powerKw: integer('power_kw'),
    /** On the NEV purchase-tax exemption catalogue (减免车型目录). */
    nevTaxExempt: boolean('nev_tax_exempt').notNull().default(false),
    status: text('status', { enum: ['on_sale', 'discontinued', 'upcoming'] })
      .notNull()
      .default('on_sale'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('catalog_trims_series_idx').on(t.seriesId, t.modelYear),
    // Import matches a row to a trim by (series, model year, name): one trim per such triple.
    uniqueIndex('catalog_trims_series_year_name_uq').on(t.seriesId, t.modelYear, t.name),
    check('catalog_trims_price_positive', sql`${t.guidePriceFen} > 0`),
  ],
);

/** The parameter dictionary: data, editable by operators. */
export const parameterDefinitions = pgTable(
  'catalog_parameter_definitions',
  {
    key: text('key').primaryKey(), // body.length_mm
    group: text('group', { enum: PARAMETER_GROUPS }).notNull(),
    name: text('name').notNull(), // 长度
    nameEn: text('name_en').notNull(), // Length
    valueType: text('value_type', { enum: PARAMETER_TYPES }).notNull(),
    unit: text('unit'), // mm, kW, km, L/100km
    /** Shown as a filter facet. */
    filterable: boolean('filterable').notNull().default(false),
    sort: integer('sort').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('catalog_param_defs_group_idx').on(t.group, t.sort)],
);

/** One typed value per (trim, parameter); exactly one value column is set, matching the definition's type. */
export const trimParameters = pgTable(
  'catalog_trim_parameters',
  {
    trimId: text('trim_id')
      .notNull()
      .references(() => trims.id, { onDelete: 'cascade' }),
    paramKey: text('param_key')
      .notNull()
      .references(() => parameterDefinitions.key),
    numberValue: numeric('number_value'),
    textValue: text('text_value'),
    booleanValue: boolean('boolean_value'),
    featureValue: text('feature_value', { enum: ['standard', 'optional', 'none'] }),
    /** Price of an optional feature, in fen. */
    optionPriceFen: bigint('option_price_fen', { mode: 'number' }),
  },
  (t) => [
    primaryKey({ columns: [t.trimId, t.paramKey] }),
    index('catalog_trim_params_key_idx').on(t.paramKey),
  ],
);

export const trimColours = pgTable(
  'catalog_trim_colours',
  {
    id: text('id').primaryKey(), // col_...
    trimId: text('trim_id')
      .notNull()
      .references(() => trims.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['exterior', 'interior'] }).notNull(),
    name: text('name').notNull(), // 时空灰
    nameEn: text('name_en'),
    hex: text('hex').notNull(), // #5a5e63
    priceDeltaFen: bigint('price_delta_fen', { mode: 'number' }).notNull().default(0),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [index('catalog_trim_colours_trim_idx').on(t.trimId)],
);

export const optionPackages = pgTable(
  'catalog_option_packages',
  {
    id: text('id').primaryKey(), // opk_...
    trimId: text('trim_id')
      .notNull()
      .references(() => trims.id, { onDelete: 'cascade' }),
    name: text('name').notNull(), // 智驾辅助包
    nameEn: text('name_en'),
    description: text('description'),
    priceFen: bigint('price_fen', { mode: 'number' }).notNull(),
    /** Parameter keys this package turns from optional into fitted. */
    includes: text('includes').array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [index('catalog_option_packages_trim_idx').on(t.trimId)],
);

/** Images, video and 360° sets of a trim or a listing. */
export const media = pgTable(
  'catalog_media',
  {
    id: text('id').primaryKey(), // med_...
    ownerType: text('owner_type', { enum: ['trim', 'listing', 'inspection_item', 'accessory'] }).notNull(),
    ownerId: text('owner_id').notNull(),
    kind: text('kind', { enum: ['image', 'video', 'spin360'] }).notNull(),
    /** front_45, side, rear_45, rear, dashboard, front_seats, rear_seats, trunk, detail, defect ... */
    angle: text('angle'),
    url: text('url').notNull(),
    thumbUrl: text('thumb_url'),
    contentType: text('content_type'),
    width: integer('width'),
    height: integer('height'),
    sort: integer('sort').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('catalog_media_owner_idx').on(t.ownerType, t.ownerId, t.sort)],
);

/** Uploaded files (operators' images and their thumbnails), stored in the database so any app process serves them. */
export const mediaBlobs = pgTable('catalog_media_blobs', {
  id: text('id').primaryKey(), // blb_...
  contentType: text('content_type').notNull(),
  bytes: text('bytes_base64').notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

export type BrandRow = typeof brands.$inferSelect;
export type NewBrandRow = typeof brands.$inferInsert;
export type SeriesRow = typeof series.$inferSelect;
export type NewSeriesRow = typeof series.$inferInsert;
export type TrimRow = typeof trims.$inferSelect;
export type NewTrimRow = typeof trims.$inferInsert;
export type ParameterDefinitionRow = typeof parameterDefinitions.$inferSelect;
export type NewParameterDefinitionRow = typeof parameterDefinitions.$inferInsert;
export type TrimParameterRow = typeof trimParameters.$inferSelect;
export type TrimColourRow = typeof trimColours.$inferSelect;
export type OptionPackageRow = typeof optionPackages.$inferSelect;
export type MediaRow = typeof media.$inferSelect;
export type NewMediaRow = typeof media.$inferInsert;
