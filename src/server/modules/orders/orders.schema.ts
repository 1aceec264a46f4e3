import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type {
  CancelledBy,
  DepositKind,
  OrderStatus,
  PaymentMethod,
  PaymentPurpose,
  RiskReview,
} from './orders.enums.js';

/** A price line frozen from the landed-price quote when the order was placed. */
export interface FrozenPriceItem {
  code: string;
  amountFen: number;
  includedInPrice: boolean;
}

/** An option package chosen with the car, frozen with its price. */
export interface FrozenOption {
  id: string;
  name: string;
  priceFen: number;
}

/** What a cancellation settled: the deposit policy applied to what had been paid. */
export interface StoredSettlement {
  paidFen: number;
  refundFen: number;
  forfeitFen: number;
  compensationFen: number;
  rule: string;
  zh: string;
  en: string;
}

/** Vehicle orders (整车订单): one buyer, one car, frozen prices and the deposit terms accepted. */
export const orderTable = pgTable(
  'orders',
  {
    id: text('id').primaryKey(),
    /** `AY20261207-000123`: Asia/Shanghai day + that day's sequence. */
    orderNumber: text('order_number').notNull(),
    buyerId: text('buyer_id').notNull(),
    status: text('status').$type<OrderStatus>().notNull(),
    riskReview: text('risk_review').$type<RiskReview>().notNull().default('none'),
    riskFlags: jsonb('risk_flags').$type<string[]>().notNull().default([]),
    // ---- the car ----
    listingId: text('listing_id').notNull(),
    listingKind: text('listing_kind').$type<'new' | 'used'>().notNull(),
    trimId: text('trim_id').notNull(),
    dealerId: text('dealer_id').notNull(),
    /** The listing's store (where the buyer ordered). */
    storeId: text('store_id'),
    vehicleTitle: text('vehicle_title').notNull(),
    colour: text('colour'),
    options: jsonb('options').$type<FrozenOption[]>().notNull().default([]),
    unitId: text('unit_id'),
    vin: text('vin'),
    holdId: text('hold_id'),
    /** The store the unit is at when it is not the listing's store (sourced from the nearest store). */
    unitStoreId: text('unit_store_id'),
    sourcingNote: text('sourcing_note'),
    // ---- frozen amounts (fen) ----
    quoteId: text('quote_id').notNull(),
    cityCode: text('city_code').notNull(),
    barePriceFen: bigint('bare_price_fen', { mode: 'number' }).notNull(),
    landedTotalFen: bigint('landed_total_fen', { mode: 'number' }).notNull(),
    priceItems: jsonb('price_items').$type<FrozenPriceItem[]>().notNull(),
    optionsFen: bigint('options_fen', { mode: 'number' }).notNull().default(0),
    tradeInValuationId: text('trade_in_valuation_id'),
    tradeInCreditFen: bigint('trade_in_credit_fen', { mode: 'number' }).notNull().default(0),
    insuranceChoiceId: text('insurance_choice_id'),
    insuranceInsurer: text('insurance_insurer'),
    insurancePremiumFen: bigint('insurance_premium_fen', { mode: 'number' }),
    /** landed total + options - trade-in credit: what the buyer pays in all. */
    totalDueFen: bigint('total_due_fen', { mode: 'number' }).notNull(),
    // ---- payment ----
    paymentMethod: text('payment_method').$type<PaymentMethod>().notNull(),
    loanApplicationId: text('loan_application_id'),
    preferredProvider: text('preferred_provider'),
    depositKind: text('deposit_kind').$type<DepositKind>().notNull(),
    depositFen: bigint('deposit_fen', { mode: 'number' }).notNull(),
    depositTermsVersion: text('deposit_terms_version').notNull(),
    depositTermsText: text('deposit_terms_text').notNull(),
    /** SHA-256 (hex) of the exact text accepted. */
    depositTermsHash: text('deposit_terms_hash').notNull(),
    depositTermsAcceptedAt: timestamp('deposit_terms_accepted_at', { withTimezone: true }).notNull(),
    depositPaidFen: bigint('deposit_paid_fen', { mode: 'number' }).notNull().default(0),
    balancePaidFen: bigint('balance_paid_fen', { mode: 'number' }).notNull().default(0),
    paymentDeadline: timestamp('payment_deadline', { withTimezone: true }).notNull(),
    reminderSentAt: timestamp('reminder_sent_at', { withTimezone: true }),
    depositPaidAt: timestamp('deposit_paid_at', { withTimezone: true }),
    // ---- the buyer (personal data: encrypted, hashed for lookup, masked for display) ----
    buyerName: text('buyer_name').notNull(),
    buyerPhoneEnc: text('buyer_phone_enc').notNull(),
    buyerPhoneHash: text('buyer_phone_hash').notNull(),
    buyerPhoneMasked: text('buyer_phone_masked').notNull(),
    /** Staff search orders by the phone's last four digits. */
    buyerPhoneLast4: text('buyer_phone_last4').notNull(),
    idNumberEnc: text('id_number_enc').notNull(),
    idNumberHash: text('id_number_hash').notNull(),
    idNumberMasked: text('id_number_masked').notNull(),
    // ---- channel facts for risk ----
    channelIp: text('channel_ip'),
    channelUserAgent: text('channel_user_agent'),
    channelDeviceId: text('channel_device_id'),
    // ---- milestones ----
    allocatedAt: timestamp('allocated_at', { withTimezone: true }),
    contractId: text('contract_id'),
    contractSignedAt: timestamp('contract_signed_at', { withTimezone: true }),
    loanDisbursedAt: timestamp('loan_disbursed_at', { withTimezone: true }),
    readyAt: timestamp('ready_at', { withTimezone: true }),
    /** When the car was handed over: the 三包 windows (7 and 60 days) count from here. */
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelledBy: text('cancelled_by').$type<CancelledBy>(),
    cancelReason: text('cancel_reason'),
    settlement: jsonb('settlement').$type<StoredSettlement>(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('orders_number_uq').on(t.orderNumber),
    index('orders_buyer_idx').on(t.buyerId, t.createdAt),
    index('orders_created_idx').on(t.createdAt, t.id),
    index('orders_dealer_idx').on(t.dealerId, t.createdAt),
    index('orders_status_idx').on(t.status, t.paymentDeadline),
    index('orders_phone_last4_idx').on(t.buyerPhoneLast4),
    index('orders_vin_idx').on(t.vin),
    check(
      'orders_amounts_chk',
      sql`${t.depositFen} > 0 and ${t.depositPaidFen} >= 0 and ${t.balancePaidFen} >= 0 and ${t.totalDueFen} >= 0`,
    ),
  ],
);

/** The order's timeline as the buyer sees it: one row per status change (and notable notes). */
export const orderEventTable = pgTable(
  'order_events',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id')
      .notNull()
      .references(() => orderTable.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    fromStatus: text('from_status').$type<OrderStatus>(),
    toStatus: text('to_status').$type<OrderStatus>().notNull(),
    /** zh-CN and en, shown to the buyer. */
    noteZh: text('note_zh').notNull(),
    noteEn: text('note_en').notNull(),
    /** 'buyer', 'staff', 'system'. */
    actor: text('actor').notNull(),
  },
  (t) => [index('order_events_order_idx').on(t.orderId, t.at)],
);

/** Payments applied to orders, unique by the payment's reference: applying one twice is a no-op. */
export const orderPaymentTable = pgTable(
  'order_payments',
  {
    paymentRef: text('payment_ref').primaryKey(),
    orderId: text('order_id')
      .notNull()
      .references(() => orderTable.id),
    purpose: text('purpose').$type<PaymentPurpose>().notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    /** What became of it: applied, or refund_due (it reached an order that could not take it). */
    outcome: text('outcome').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('order_payments_order_idx').on(t.orderId)],
);

/**
 * Order numbers' running part. A sequence, not a counter row: nextval holds no lock until commit, where a
 * per-day counter row made every checkout wait for the one before it (26 orders/s under load). Numbers are
 * unique and increasing; a rolled-back checkout leaves a gap, as any order-number sequence may.
 */
export const orderNumberSequence = pgSequence('order_number_seq', { startWith: 1 });

export type OrderRow = typeof orderTable.$inferSelect;
export type NewOrderRow = typeof orderTable.$inferInsert;
export type OrderEventRow = typeof orderEventTable.$inferSelect;
export type OrderPaymentRow = typeof orderPaymentTable.$inferSelect;
