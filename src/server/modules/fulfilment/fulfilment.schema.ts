import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type {
  Carrier,
  ChecklistKind,
  DeliveryMode,
  DeliveryStatus,
  FeeRuleKind,
  TrackingKind,
} from './fulfilment.enums.js';

/** A store's weekly delivery calendar: on this weekday (1 = Monday) this window takes this many handovers. */
export const deliverySlotTemplates = pgTable(
  'delivery_slot_templates',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id').notNull(),
    weekday: integer('weekday').notNull(),
    /** Local (Asia/Shanghai) 'HH:MM'. */
    startTime: text('start_time').notNull(),
    endTime: text('end_time').notNull(),
    capacity: integer('capacity').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('delivery_slot_templates_uniq').on(t.storeId, t.weekday, t.startTime),
    check('delivery_slot_templates_weekday', sql`${t.weekday} between 1 and 7`),
    check('delivery_slot_templates_capacity', sql`${t.capacity} > 0`),
  ],
);

/** Days a store does not deliver (holidays, stock-taking). */
export const deliveryClosures = pgTable(
  'delivery_closures',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id').notNull(),
    /** Local date 'YYYY-MM-DD'. */
    date: text('date').notNull(),
    reason: text('reason').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('delivery_closures_uniq').on(t.storeId, t.date)],
);

/** A bookable slot generated from the templates; `booked` only moves by one conditional UPDATE. */
export const deliverySlots = pgTable(
  'delivery_slots',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id').notNull(),
    date: text('date').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    capacity: integer('capacity').notNull(),
    booked: integer('booked').notNull().default(0),
  },
  (t) => [
    uniqueIndex('delivery_slots_uniq').on(t.storeId, t.startsAt),
    // The backstop of the conditional update: never more bookings than capacity, never negative.
    check('delivery_slots_booked', sql`${t.booked} >= 0 and ${t.booked} <= ${t.capacity}`),
  ],
);

/** Delivery fee rules as data: the most specific matching rule wins (city pair, then same city, then per km). */
export const deliveryFeeRules = pgTable(
  'delivery_fee_rules',
  {
    id: text('id').primaryKey(),
    kind: text('kind').$type<FeeRuleKind>().notNull(),
    fromCityCode: text('from_city_code'),
    toCityCode: text('to_city_code'),
    feeFen: integer('fee_fen').notNull().default(0),
    perKmFen: integer('per_km_fen').notNull().default(0),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [check('delivery_fee_rules_fee', sql`${t.feeFen} >= 0 and ${t.perKmFen} >= 0`)],
);

/** One delivery per vehicle order: where, when, who carries it, and the handover. */
export const deliveries = pgTable(
  'deliveries',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id').notNull(),
    orderNumber: text('order_number').notNull(),
    buyerId: text('buyer_id').notNull(),
    dealerId: text('dealer_id').notNull(),
    storeId: text('store_id').notNull(),
    mode: text('mode').$type<DeliveryMode>().notNull(),
    status: text('status').$type<DeliveryStatus>().notNull(),
    slotId: text('slot_id').notNull(),
    slotStartsAt: timestamp('slot_starts_at', { withTimezone: true }).notNull(),
    slotEndsAt: timestamp('slot_ends_at', { withTimezone: true }).notNull(),
    /** Home delivery: the street address encrypted (personal data); province/city/district in clear. */
    addressEnc: text('address_enc'),
    addressMasked: text('address_masked'),
    province: text('province'),
    cityCode: text('city_code'),
    district: text('district'),
    originLat: doublePrecision('origin_lat').notNull(),
    originLng: doublePrecision('origin_lng').notNull(),
    destLat: doublePrecision('dest_lat').notNull(),
    destLng: doublePrecision('dest_lng').notNull(),
    distanceKm: integer('distance_km').notNull(),
    feeFen: integer('fee_fen').notNull(),
    carrier: text('carrier').$type<Carrier>(),
    trackingNumber: text('tracking_number'),
    driverName: text('driver_name'),
    advisorName: text('advisor_name'),
    /** The furthest carrier stage reached; out-of-order events never move it back. */
    trackingStage: text('tracking_stage').$type<TrackingKind>(),
    invoiceNumber: text('invoice_number'),
    invoiceAmountFen: integer('invoice_amount_fen'),
    buyerPhotos: jsonb('buyer_photos').$type<{ name: string; contentType: string; dataBase64: string }[]>(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    readyAt: timestamp('ready_at', { withTimezone: true }),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    delayAlertedAt: timestamp('delay_alerted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('deliveries_order_uniq').on(t.orderId),
    uniqueIndex('deliveries_tracking_uniq').on(t.carrier, t.trackingNumber),
    index('deliveries_dealer_idx').on(t.dealerId, t.slotStartsAt),
    index('deliveries_slot_end_idx').on(t.status, t.slotEndsAt),
  ],
);

/** PDI and handover checklist items, each signed off by a named staff member. */
export const deliveryChecklistItems = pgTable(
  'delivery_checklist_items',
  {
    id: text('id').primaryKey(),
    deliveryId: text('delivery_id').notNull(),
    kind: text('kind').$type<ChecklistKind>().notNull(),
    code: text('code').notNull(),
    signedBy: text('signed_by'),
    signedAt: timestamp('signed_at', { withTimezone: true }),
    note: text('note'),
  },
  (t) => [uniqueIndex('delivery_checklist_uniq').on(t.deliveryId, t.kind, t.code)],
);

/** Carrier events, unique on (carrier, event id) so a repeated delivery of the same event is ignored. */
export const deliveryTrackingEvents = pgTable(
  'delivery_tracking_events',
  {
    id: text('id').primaryKey(),
    deliveryId: text('delivery_id').notNull(),
    carrier: text('carrier').$type<Carrier>().notNull(),
    eventId: text('event_id').notNull(),
    kind: text('kind').$type<TrackingKind>().notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    latitude: doublePrecision('latitude').notNull(),
    longitude: doublePrecision('longitude').notNull(),
    place: text('place').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('delivery_tracking_events_uniq').on(t.carrier, t.eventId),
    index('delivery_tracking_events_delivery_idx').on(t.deliveryId, t.occurredAt),
  ],
);

export type DeliveryRow = typeof deliveries.$inferSelect;
export type NewDeliveryRow = typeof deliveries.$inferInsert;
export type SlotRow = typeof deliverySlots.$inferSelect;
export type SlotTemplateRow = typeof deliverySlotTemplates.$inferSelect;
export type ClosureRow = typeof deliveryClosures.$inferSelect;
export type FeeRuleRow = typeof deliveryFeeRules.$inferSelect;
export type ChecklistItemRow = typeof deliveryChecklistItems.$inferSelect;
export type TrackingEventRow = typeof deliveryTrackingEvents.$inferSelect;
