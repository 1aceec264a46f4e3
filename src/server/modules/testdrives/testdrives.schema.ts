import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { TTrafficSource } from '../../kernel/attribution.contract.js';
import type { TestdriveBookingStatus, TestdriveVehicleStatus } from './testdrives.enums.js';

/** A store's test-drive settings: slot length, cars at once, how far ahead, and the buyer's change cut-off. */
export const testdriveSettings = pgTable(
  'testdrive_settings',
  {
    storeId: text('store_id').primaryKey(),
    dealerId: text('dealer_id').notNull(),
    slotMinutes: integer('slot_minutes').notNull(),
    capacity: integer('capacity').notNull(),
    horizonDays: integer('horizon_days').notNull(),
    cutoffMinutes: integer('cutoff_minutes').notNull(),
    noShowAfterMinutes: integer('no_show_after_minutes').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    check('testdrive_settings_slot', sql`${t.slotMinutes} between 15 and 240`),
    check('testdrive_settings_capacity', sql`${t.capacity} between 1 and 50`),
  ],
);

/** A weekly window (Asia/Shanghai times) in which slots of the store's slot length are generated. */
export const testdriveTemplates = pgTable(
  'testdrive_slot_templates',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id').notNull(),
    weekday: integer('weekday').notNull(),
    startTime: text('start_time').notNull(),
    endTime: text('end_time').notNull(),
  },
  (t) => [
    index('testdrive_slot_templates_store_idx').on(t.storeId),
    check('testdrive_slot_templates_weekday', sql`${t.weekday} between 1 and 7`),
  ],
);

export const testdriveClosures = pgTable(
  'testdrive_closures',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    reason: text('reason').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('testdrive_closures_uniq').on(t.storeId, t.date)],
);

/** A bookable slot; `booked` only moves by one conditional UPDATE, so it never passes `capacity`. */
export const testdriveSlots = pgTable(
  'testdrive_slots',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    capacity: integer('capacity').notNull(),
    booked: integer('booked').notNull(),
  },
  (t) => [
    uniqueIndex('testdrive_slots_uniq').on(t.storeId, t.startsAt),
    index('testdrive_slots_date_idx').on(t.storeId, t.date),
    check('testdrive_slots_booked', sql`${t.booked} >= 0 and ${t.booked} <= ${t.capacity}`),
  ],
);

/** A specific test-drive car (one unit with a plate) at a store. */
export const testdriveVehicles = pgTable(
  'testdrive_vehicles',
  {
    id: text('id').primaryKey(),
    dealerId: text('dealer_id').notNull(),
    storeId: text('store_id').notNull(),
    brandId: text('brand_id').notNull(),
    seriesId: text('series_id').notNull(),
    trimId: text('trim_id').notNull(),
    /** "比亚迪 汉 2025款 EV 610km 旗舰型", kept so lists and SMS need no catalog call. */
    title: text('title').notNull(),
    colour: text('colour').notNull(),
    plate: text('plate').notNull(),
    vin: text('vin'),
    status: text('status').$type<TestdriveVehicleStatus>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('testdrive_vehicles_plate_uniq').on(t.plate),
    index('testdrive_vehicles_store_idx').on(t.storeId, t.seriesId),
  ],
);

export const testdriveBookings = pgTable(
  'testdrive_bookings',
  {
    id: text('id').primaryKey(),
    bookingNumber: text('booking_number').notNull(),
    buyerId: text('buyer_id').notNull(),
    name: text('name').notNull(),
    phoneEnc: text('phone_enc').notNull(),
    phoneMasked: text('phone_masked').notNull(),
    dealerId: text('dealer_id').notNull(),
    storeId: text('store_id').notNull(),
    cityCode: text('city_code').notNull(),
    brandId: text('brand_id').notNull(),
    seriesId: text('series_id').notNull(),
    trimId: text('trim_id'),
    listingId: text('listing_id'),
    colour: text('colour'),
    vehicleId: text('vehicle_id').notNull(),
    vehicleTitle: text('vehicle_title').notNull(),
    slotId: text('slot_id').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    advisorAccountId: text('advisor_account_id'),
    advisorName: text('advisor_name'),
    status: text('status').$type<TestdriveBookingStatus>().notNull(),
    source: jsonb('source').$type<TTrafficSource>().notNull(),
    consentToContact: boolean('consent_to_contact').notNull(),
    licenceNumberEnc: text('licence_number_enc'),
    licenceNumberMasked: text('licence_number_masked'),
    licenceClass: text('licence_class'),
    licenceExpiresOn: date('licence_expires_on', { mode: 'string' }),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    cancelReason: text('cancel_reason'),
    reminded24hAt: timestamp('reminded_24h_at', { withTimezone: true }),
    reminded2hAt: timestamp('reminded_2h_at', { withTimezone: true }),
    feedbackRating: integer('feedback_rating'),
    feedbackWouldBuy: boolean('feedback_would_buy'),
    feedbackComment: text('feedback_comment'),
    feedbackAt: timestamp('feedback_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('testdrive_bookings_number_uniq').on(t.bookingNumber),
    // One car is never promised to two buyers at one time (the slot lock already serialises; this is the proof).
    uniqueIndex('testdrive_bookings_vehicle_time_uniq')
      .on(t.vehicleId, t.startsAt)
      .where(sql`${t.status} in ('booked', 'checked_in')`),
    index('testdrive_bookings_store_idx').on(t.storeId, t.startsAt),
    index('testdrive_bookings_buyer_idx').on(t.buyerId, t.startsAt),
    index('testdrive_bookings_due_idx').on(t.status, t.startsAt),
  ],
);

export type SettingsRow = typeof testdriveSettings.$inferSelect;
export type TemplateRow = typeof testdriveTemplates.$inferSelect;
export type ClosureRow = typeof testdriveClosures.$inferSelect;
export type SlotRow = typeof testdriveSlots.$inferSelect;
export type VehicleRow = typeof testdriveVehicles.$inferSelect;
export type BookingRow = typeof testdriveBookings.$inferSelect;
export type NewBookingRow = typeof testdriveBookings.$inferInsert;
