import {
  bigint,
  boolean,
  date,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type {
  DisputeOutcome,
  EmissionStandard,
  PlateQuotaKind,
  PlateServiceStatus,
  ReinspectionResult,
  ReinspectionStatus,
  TitleTransferStatus,
} from './fulfilment.aftersales.enums.js';

/**
 * The emission stage a city requires of a used car moving in (迁入标准), as dated data: the latest row on or
 * before a day wins; city `*` is the default for cities without their own row. A custom migration inserts
 * the current table; operators change it by adding rows.
 */
export const emissionRuleTable = pgTable(
  'fulfilment_emission_rules',
  {
    id: text('id').primaryKey(),
    cityCode: text('city_code').notNull(),
    cityName: text('city_name').notNull(),
    effectiveFrom: date('effective_from').notNull(),
    minStandard: text('min_standard').$type<EmissionStandard>().notNull(),
    source: text('source').notNull(),
  },
  (t) => [uniqueIndex('fulfilment_emission_rules_city_uq').on(t.cityCode, t.effectiveFrom)],
);
export type EmissionRuleRow = typeof emissionRuleTable.$inferSelect;

/** A used-car order's title transfer checklist (one per order). */
export const titleTransferTable = pgTable(
  'fulfilment_title_transfers',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id').notNull(),
    orderNumber: text('order_number').notNull(),
    dealerId: text('dealer_id').notNull(),
    vehicleTitle: text('vehicle_title').notNull(),
    vin: text('vin'),
    /** The city the car is registered into (the buyer's; the order's city by default). */
    destinationCityCode: text('destination_city_code').notNull(),
    emissionStandard: text('emission_standard').$type<EmissionStandard>(),
    emissionSource: text('emission_source').$type<'catalog' | 'staff'>(),
    sellerDocumentsAt: timestamp('seller_documents_at', { withTimezone: true }),
    buyerDocumentsAt: timestamp('buyer_documents_at', { withTimezone: true }),
    appointmentAt: timestamp('appointment_at', { withTimezone: true }),
    appointmentOffice: text('appointment_office'),
    certificatePhotoUrl: text('certificate_photo_url'),
    /** The transfer date on the new registration certificate (Shanghai calendar day). */
    completedOn: date('completed_on'),
    status: text('status').$type<TitleTransferStatus>().notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('fulfilment_title_transfers_order_uq').on(t.orderId),
    index('fulfilment_title_transfers_board_idx').on(t.status, t.createdAt),
  ],
);
export type TitleTransferRow = typeof titleTransferTable.$inferSelect;
export type NewTitleTransferRow = typeof titleTransferTable.$inferInsert;

/** One check item of the handover re-inspection beside what the listing's report said. */
export interface ReinspectionItem {
  code: string;
  section: string;
  name: string;
  listed: ReinspectionResult;
  found: ReinspectionResult;
  note: string | null;
  photoUrls: string[];
}

/** A used car's re-inspection at handover, compared item by item with the listed GB/T 30323 report. */
export const reinspectionTable = pgTable(
  'fulfilment_reinspections',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id').notNull(),
    orderNumber: text('order_number').notNull(),
    dealerId: text('dealer_id').notNull(),
    listingId: text('listing_id').notNull(),
    reportId: text('report_id').notNull(),
    items: jsonb('items').$type<ReinspectionItem[]>().notNull(),
    /** The codes whose result differs from the listed report. */
    differences: jsonb('differences').$type<string[]>().notNull(),
    status: text('status').$type<ReinspectionStatus>().notNull(),
    inspector: text('inspector').notNull(),
    inspectedAt: timestamp('inspected_at', { withTimezone: true }).notNull(),
    buyerDecidedAt: timestamp('buyer_decided_at', { withTimezone: true }),
    disputeReason: text('dispute_reason'),
    outcome: text('outcome').$type<DisputeOutcome>(),
    refundFen: bigint('refund_fen', { mode: 'number' }),
    resolutionNote: text('resolution_note'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('fulfilment_reinspections_order_uq').on(t.orderId),
    index('fulfilment_reinspections_status_idx').on(t.status, t.createdAt),
  ],
);
export type ReinspectionRow = typeof reinspectionTable.$inferSelect;
export type NewReinspectionRow = typeof reinspectionTable.$inferInsert;

/** Cities where a plate needs a quota first (dated data; a custom migration inserts Shanghai and Beijing). */
export const plateQuotaRuleTable = pgTable(
  'fulfilment_plate_quota_rules',
  {
    id: text('id').primaryKey(),
    cityCode: text('city_code').notNull(),
    cityName: text('city_name').notNull(),
    effectiveFrom: date('effective_from').notNull(),
    /** null: no quota needed from this date (a city that lifted its quota). */
    kind: text('kind').$type<PlateQuotaKind>(),
    source: text('source').notNull(),
  },
  (t) => [uniqueIndex('fulfilment_plate_quota_rules_city_uq').on(t.cityCode, t.effectiveFrom)],
);
export type PlateQuotaRuleRow = typeof plateQuotaRuleTable.$inferSelect;

/** The plate registration service ordered on a vehicle order (one per order). */
export const plateServiceTable = pgTable(
  'fulfilment_plate_services',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id').notNull(),
    orderNumber: text('order_number').notNull(),
    buyerId: text('buyer_id').notNull(),
    dealerId: text('dealer_id').notNull(),
    vehicleTitle: text('vehicle_title').notNull(),
    cityCode: text('city_code').notNull(),
    feeFen: bigint('fee_fen', { mode: 'number' }).notNull(),
    /** The fee was in the order's landed price already (the buyer chose the service at the quote). */
    prepaid: boolean('prepaid').notNull(),
    feeRuleVersion: text('fee_rule_version'),
    quotaKind: text('quota_kind').$type<PlateQuotaKind>(),
    quotaCertificateNo: text('quota_certificate_no'),
    quotaRecordedAt: timestamp('quota_recorded_at', { withTimezone: true }),
    paymentIntentId: text('payment_intent_id'),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    status: text('status').$type<PlateServiceStatus>().notNull(),
    plateNumber: text('plate_number'),
    issuedAt: timestamp('issued_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('fulfilment_plate_services_order_uq').on(t.orderId),
    index('fulfilment_plate_services_board_idx').on(t.status, t.createdAt),
  ],
);
export type PlateServiceRow = typeof plateServiceTable.$inferSelect;
export type NewPlateServiceRow = typeof plateServiceTable.$inferInsert;
