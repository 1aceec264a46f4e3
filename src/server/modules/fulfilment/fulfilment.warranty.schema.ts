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
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { ClaimDecision, ClaimDefect, ClaimRule, ClaimStatus } from './fulfilment.warranty.enums.js';

/**
 * The 三包 windows as dated policy (家用汽车产品修理更换退货责任规定, in force 2022-01-01): the policy in force
 * on the delivery day applies. Rows are data (a custom migration inserts the current one); edit by adding a
 * row with a later effective date, never by changing code.
 */
export const warrantyPolicyTable = pgTable('fulfilment_warranty_policies', {
  id: text('id').primaryKey(),
  effectiveFrom: date('effective_from').notNull(),
  /** Days after delivery in which a major part's replacement gives replacement or refund (7). */
  majorPartDays: integer('major_part_days').notNull(),
  /** Days and kilometres (whichever first) for the serious defects (60 / 3,000). */
  seriousDefectDays: integer('serious_defect_days').notNull(),
  seriousDefectKm: integer('serious_defect_km').notNull(),
  /** Days staff have to answer a replacement or refund request (the rules say 10 working days). */
  decisionDays: integer('decision_days').notNull(),
  source: text('source').notNull(),
});
export type WarrantyPolicyRow = typeof warrantyPolicyTable.$inferSelect;

/** A buyer's 三包 claim on a delivered order, with its windows frozen when filed. */
export const warrantyClaimTable = pgTable(
  'fulfilment_warranty_claims',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id').notNull(),
    orderNumber: text('order_number').notNull(),
    buyerId: text('buyer_id').notNull(),
    dealerId: text('dealer_id').notNull(),
    vehicleTitle: text('vehicle_title').notNull(),
    vin: text('vin'),
    defect: text('defect').$type<ClaimDefect>().notNull(),
    description: text('description').notNull(),
    mileageKm: integer('mileage_km').notNull(),
    photos: jsonb('photos').$type<string[]>().notNull().default([]),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }).notNull(),
    rule: text('rule').$type<ClaimRule>().notNull(),
    /** Whether the rules give replacement or refund (else repair under warranty). */
    eligible: boolean('eligible').notNull(),
    windowEndsAt: timestamp('window_ends_at', { withTimezone: true }),
    windowKm: integer('window_km'),
    decisionDueAt: timestamp('decision_due_at', { withTimezone: true }).notNull(),
    policyId: text('policy_id').notNull(),
    status: text('status').$type<ClaimStatus>().notNull(),
    decision: text('decision').$type<ClaimDecision>(),
    decisionReason: text('decision_reason'),
    refundFen: bigint('refund_fen', { mode: 'number' }),
    /** The new car a replacement allocated to the order (null while it waits for stock). */
    replacementUnitId: text('replacement_unit_id'),
    replacementVin: text('replacement_vin'),
    replacementAllocatedAt: timestamp('replacement_allocated_at', { withTimezone: true }),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('fulfilment_warranty_claims_order_idx').on(t.orderId),
    // One claim waiting for a decision per order: two taps on "submit" cannot file two.
    uniqueIndex('fulfilment_warranty_claims_open_uq').on(t.orderId).where(sql`${t.status} = 'submitted'`),
    index('fulfilment_warranty_claims_queue_idx').on(t.status, t.decisionDueAt),
    check('fulfilment_warranty_claims_mileage_ck', sql`${t.mileageKm} >= 0`),
  ],
);
export type WarrantyClaimRow = typeof warrantyClaimTable.$inferSelect;
export type NewWarrantyClaimRow = typeof warrantyClaimTable.$inferInsert;
