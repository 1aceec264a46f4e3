import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  doublePrecision,
  index,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { TDealerStatus } from './dealers.contract.js';

/** Weekday -> list of [open, close] "HH:MM" ranges (Asia/Shanghai local time); an empty list is closed. */
export type OpeningHoursJson = Record<
  'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun',
  [string, string][]
>;

/** Prefecture-level cities keyed by their GB/T 2260 administrative code (e.g. 110100 Beijing). */
export const cities = pgTable(
  'cities',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    pinyin: text('pinyin').notNull(),
    provinceCode: text('province_code').notNull(),
    provinceName: text('province_name').notNull(),
    provinceNameEn: text('province_name_en').notNull(),
    tier: text('tier').notNull(), // tier1 | new_tier1 | tier2 | tier3
    isHot: boolean('is_hot').notNull().default(false),
    latitude: doublePrecision('latitude').notNull(),
    longitude: doublePrecision('longitude').notNull(),
    sortOrder: smallint('sort_order').notNull().default(0),
  },
  (t) => [
    check('cities_code_chk', sql`${t.code} ~ '^[0-9]{6}$'`),
    index('cities_province_idx').on(t.provinceCode),
  ],
);
export type CityRow = typeof cities.$inferSelect;
export type NewCityRow = typeof cities.$inferInsert;

/** Dealers (经销商) selling through the platform, each authorised for one or more brands. */
export const dealers = pgTable(
  'dealers',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    legalName: text('legal_name').notNull(),
    uscc: text('uscc').notNull(),
    brands: text('brands').array().notNull(),
    cityCode: text('city_code')
      .notNull()
      .references(() => cities.code),
    status: text('status').$type<TDealerStatus>().notNull().default('active'),
    contactPhone: text('contact_phone').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('dealers_uscc_uq').on(t.uscc),
    index('dealers_city_idx').on(t.cityCode),
    index('dealers_brands_gin').using('gin', t.brands),
    check('dealers_status_chk', sql`${t.status} in ('active', 'suspended')`),
  ],
);
export type DealerRow = typeof dealers.$inferSelect;
export type NewDealerRow = typeof dealers.$inferInsert;

/** Licences and filings a dealer must keep valid (compliance watches their expiry). */
export const dealerQualifications = pgTable(
  'dealer_qualifications',
  {
    id: text('id').primaryKey(),
    dealerId: text('dealer_id')
      .notNull()
      .references(() => dealers.id),
    kind: text('kind').notNull(), // business_licence | brand_authorisation | used_car_dealer_filing | ...
    number: text('number').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validUntil: date('valid_until', { mode: 'string' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('dealer_qualifications_dealer_idx').on(t.dealerId),
    index('dealer_qualifications_until_idx').on(t.validUntil),
    check('dealer_qualifications_range_chk', sql`${t.validFrom} <= ${t.validUntil}`),
  ],
);
export type QualificationRow = typeof dealerQualifications.$inferSelect;
export type NewQualificationRow = typeof dealerQualifications.$inferInsert;

/** A dealer's physical stores (门店): showroom, test drives, after-sales, delivery. */
export const stores = pgTable(
  'stores',
  {
    id: text('id').primaryKey(),
    dealerId: text('dealer_id')
      .notNull()
      .references(() => dealers.id),
    name: text('name').notNull(),
    cityCode: text('city_code')
      .notNull()
      .references(() => cities.code),
    district: text('district').notNull(),
    address: text('address').notNull(),
    latitude: doublePrecision('latitude').notNull(),
    longitude: doublePrecision('longitude').notNull(),
    phone: text('phone').notNull(),
    openingHours: jsonb('opening_hours').$type<OpeningHoursJson>().notNull(),
    services: text('services').array().notNull(),
    status: text('status').notNull().default('active'), // active | closed
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('stores_dealer_idx').on(t.dealerId),
    index('stores_city_idx').on(t.cityCode, t.id),
    check('stores_status_chk', sql`${t.status} in ('active', 'closed')`),
  ],
);
export type StoreRow = typeof stores.$inferSelect;
export type NewStoreRow = typeof stores.$inferInsert;
