import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

// ---------------------------------------------------------------------------------------------------------
// Model database: brand -> series -> (model year) -> trim, with a typed parameter dictionary.
// ---------------------------------------------------------------------------------------------------------

export const BODY_TYPES = [
  'sedan',
  'hatchback',
  'suv',
  'mpv',
  'coupe',
  'wagon',
  'pickup',
  'convertible',
] as const;
export const ENERGY_TYPES = ['petrol', 'diesel', 'hev', 'phev', 'erev', 'bev', 'fcev'] as const;
export const SEGMENTS = ['A00', 'A0', 'A', 'B', 'C', 'D'] as const;

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
    check('catalog_trims_price_positive', sql`${t.guidePriceFen} > 0`),
  ],
);

export const PARAMETER_GROUPS = [
  'basic',
  'body',
  'engine',
  'motor',
  'battery',
  'transmission',
  'chassis',
  'wheels_brakes',
  'passive_safety',
  'driver_assistance',
  'exterior',
  'interior',
  'seats',
  'infotainment',
  'lights',
  'climate',
] as const;
/** number: a value with a unit; feature: ● standard / ○ optional (with price) / - none; text; boolean. */
export const PARAMETER_TYPES = ['number', 'feature', 'text', 'boolean'] as const;

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

// ---------------------------------------------------------------------------------------------------------
// Listings: new-car offers, used cars (unique units with inspection reports), accessory SKUs.
// ---------------------------------------------------------------------------------------------------------

export const LISTING_STATUSES = ['draft', 'in_review', 'listed', 'rejected', 'delisted'] as const;

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

export const INSPECTION_SECTIONS = [
  'body_exterior',
  'engine_bay',
  'cabin',
  'start_up',
  'road_test',
  'chassis',
  'accident_redline',
] as const;

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

export const accessoryCategories = pgTable('catalog_accessory_categories', {
  id: text('id').primaryKey(), // acc_cat_...
  parentId: text('parent_id'),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  sort: integer('sort').notNull().default(0),
});

export const accessoryProducts = pgTable(
  'catalog_accessory_products',
  {
    id: text('id').primaryKey(), // acp_...
    categoryId: text('category_id')
      .notNull()
      .references(() => accessoryCategories.id),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    description: text('description').notNull().default(''),
    brand: text('brand'),
    status: text('status', { enum: LISTING_STATUSES }).notNull().default('draft'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('catalog_accessory_products_cat_idx').on(t.categoryId)],
);

export const accessoryVariants = pgTable(
  'catalog_accessory_variants',
  {
    id: text('id').primaryKey(), // acv_...
    productId: text('product_id')
      .notNull()
      .references(() => accessoryProducts.id, { onDelete: 'cascade' }),
    sku: text('sku').notNull(),
    /** e.g. { colour: '黑色', size: 'L' } */
    attributes: jsonb('attributes').notNull().default(sql`'{}'::jsonb`),
    priceFen: bigint('price_fen', { mode: 'number' }).notNull(),
    inventoryRef: text('inventory_ref'),
  },
  (t) => [uniqueIndex('catalog_accessory_variants_sku_uq').on(t.sku)],
);

/** Which series an accessory fits (none = universal). */
export const accessoryFitments = pgTable(
  'catalog_accessory_fitments',
  {
    productId: text('product_id')
      .notNull()
      .references(() => accessoryProducts.id, { onDelete: 'cascade' }),
    seriesId: text('series_id')
      .notNull()
      .references(() => series.id),
  },
  (t) => [primaryKey({ columns: [t.productId, t.seriesId] })],
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
