import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { series } from '../catalog/catalog.schema.js';
import { LISTING_STATUSES } from '../listings/listings.enums.js';

// ---------------------------------------------------------------------------------------------------------
// Accessories and care products: a category tree, products with SKU variants, and the series they fit.
// Products share the listings' status values (only draft, listed and delisted are used).
// ---------------------------------------------------------------------------------------------------------

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
    /** False for what the 7-day no-reason return excludes (opened care products, custom-fit items); shown before purchase. */
    returnable: boolean('returnable').notNull().default(true),
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

/** Which series an accessory fits, and for which model years (null = open ended); none = universal. */
export const accessoryFitments = pgTable(
  'catalog_accessory_fitments',
  {
    productId: text('product_id')
      .notNull()
      .references(() => accessoryProducts.id, { onDelete: 'cascade' }),
    seriesId: text('series_id')
      .notNull()
      .references(() => series.id),
    /** First model year it fits (年款), null: every year up to `yearTo`. */
    yearFrom: integer('year_from'),
    /** Last model year it fits, null: this year's and later ones too. */
    yearTo: integer('year_to'),
  },
  (t) => [
    primaryKey({ columns: [t.productId, t.seriesId] }),
    check(
      'catalog_accessory_fitments_years',
      sql`${t.yearFrom} IS NULL OR ${t.yearTo} IS NULL OR ${t.yearFrom} <= ${t.yearTo}`,
    ),
  ],
);
