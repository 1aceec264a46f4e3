import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type {
  LedgerKind,
  MismatchKind,
  NotificationOutcome,
  OnlineProvider,
  PaymentChannel,
  PaymentIntentStatus,
  PaymentProvider,
  PaymentPurpose,
  ReconRunStatus,
  RefundKind,
  RefundStatus,
} from './payments.enums.js';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/** Payment intents: one attempt to collect one amount for one order through one provider. */
export const paymentIntents = pgTable(
  'payment_intents',
  {
    id: text('id').primaryKey(),
    /** Our order number at the gateway (out_trade_no / orderId): letters and digits only, every gateway takes it. */
    merchantOrderNo: text('merchant_order_no').notNull(),
    orderId: text('order_id').notNull(),
    orderNumber: text('order_number').notNull(),
    purpose: text('purpose').$type<PaymentPurpose>().notNull(),
    provider: text('provider').$type<PaymentProvider>().notNull(),
    channel: text('channel').$type<PaymentChannel>().notNull(),
    amountFen: integer('amount_fen').notNull(),
    currency: text('currency').notNull().default('CNY'),
    status: text('status').$type<PaymentIntentStatus>().notNull(),
    payerUserId: text('payer_user_id').notNull(),
    subject: text('subject').notNull(),
    payUrl: text('pay_url'),
    qrCodeText: text('qr_code_text'),
    providerTradeNo: text('provider_trade_no'),
    refundedFen: integer('refunded_fen').notNull().default(0),
    feeFen: integer('fee_fen').notNull().default(0),
    failureReason: text('failure_reason'),
    sandbox: boolean('sandbox').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    succeededAt: timestamp('succeeded_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    lastQueriedAt: timestamp('last_queried_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('payment_intents_merchant_order_no_uq').on(t.merchantOrderNo),
    index('payment_intents_order_idx').on(t.orderId, t.createdAt),
    index('payment_intents_pending_idx').on(t.createdAt).where(sql`${t.status} = 'pending'`),
    index('payment_intents_list_idx').on(t.createdAt, t.id),
    check('payment_intents_amount_pos', sql`${t.amountFen} > 0`),
    check(
      'payment_intents_refunded_range',
      sql`${t.refundedFen} >= 0 and ${t.refundedFen} <= ${t.amountFen}`,
    ),
  ],
);

/** Refunds (and the seller's compensation payouts): money back through the provider of one intent. */
export const paymentRefunds = pgTable(
  'payment_refunds',
  {
    id: text('id').primaryKey(),
    /** Our refund number at the gateway (out_request_no / out_refund_no). */
    refundNo: text('refund_no').notNull(),
    orderId: text('order_id').notNull(),
    intentId: text('intent_id')
      .notNull()
      .references(() => paymentIntents.id),
    provider: text('provider').$type<PaymentProvider>().notNull(),
    kind: text('kind').$type<RefundKind>().notNull(),
    amountFen: integer('amount_fen').notNull(),
    reason: text('reason').notNull(),
    status: text('status').$type<RefundStatus>().notNull(),
    requestedBy: text('requested_by'),
    decidedBy: text('decided_by'),
    decisionNote: text('decision_note'),
    providerRefundId: text('provider_refund_id'),
    failureReason: text('failure_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    settledAt: timestamp('settled_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('payment_refunds_refund_no_uq').on(t.refundNo),
    index('payment_refunds_order_idx').on(t.orderId),
    index('payment_refunds_intent_idx').on(t.intentId),
    index('payment_refunds_status_idx').on(t.status, t.createdAt),
    check('payment_refunds_amount_pos', sql`${t.amountFen} > 0`),
  ],
);

/**
 * Every gateway notification received: verified ones are unique on (provider, event id), so a repeat is
 * recognised before anything is applied; forged or malformed ones are kept (event id null) for the record.
 */
export const paymentNotifications = pgTable(
  'payment_notifications',
  {
    id: text('id').primaryKey(),
    provider: text('provider').$type<OnlineProvider>().notNull(),
    providerEventId: text('provider_event_id'),
    /** What the sender claimed the event id was (kept for unverified notifications too). */
    claimedEventId: text('claimed_event_id'),
    intentId: text('intent_id'),
    signatureVerified: boolean('signature_verified').notNull(),
    outcome: text('outcome').$type<NotificationOutcome>().notNull(),
    detail: text('detail'),
    rawBody: text('raw_body').notNull(),
    deliveries: integer('deliveries').notNull().default(1),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    lastReceivedAt: timestamp('last_received_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('payment_notifications_event_uq')
      .on(t.provider, t.providerEventId)
      .where(sql`${t.providerEventId} is not null`),
    index('payment_notifications_intent_idx').on(t.intentId),
  ],
);

/**
 * The double-entry ledger: every money movement is one posting of two or more lines whose debits equal
 * their credits. Balances (what an order paid, what we hold) are sums over it, never stored elsewhere.
 */
export const ledgerEntries = pgTable(
  'payment_ledger_entries',
  {
    id: text('id').primaryKey(),
    postingId: text('posting_id').notNull(),
    kind: text('kind').$type<LedgerKind>().notNull(),
    account: text('account').notNull(),
    debitFen: integer('debit_fen').notNull().default(0),
    creditFen: integer('credit_fen').notNull().default(0),
    orderId: text('order_id').notNull(),
    intentId: text('intent_id'),
    refundId: text('refund_id'),
    memo: text('memo'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('payment_ledger_order_idx').on(t.orderId),
    index('payment_ledger_posting_idx').on(t.postingId),
    index('payment_ledger_intent_idx').on(t.intentId),
    check(
      'payment_ledger_one_side',
      sql`${t.debitFen} >= 0 and ${t.creditFen} >= 0 and (${t.debitFen} = 0) <> (${t.creditFen} = 0)`,
    ),
  ],
);

/** Bank transfer proofs (回单) finance uploads; bytes kept here so the proof travels with the database. */
export const transferProofs = pgTable(
  'payment_transfer_proofs',
  {
    id: text('id').primaryKey(),
    intentId: text('intent_id')
      .notNull()
      .references(() => paymentIntents.id),
    /** The bank's serial number of the transfer (银行流水号). */
    bankReference: text('bank_reference').notNull(),
    payerName: text('payer_name').notNull(),
    amountFen: integer('amount_fen').notNull(),
    contentType: text('content_type').notNull(),
    filename: text('filename').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    bytes: bytea('bytes').notNull(),
    /** The Idempotency-Key of the upload: the same key returns the first result. */
    idempotencyKey: text('idempotency_key'),
    recordedBy: text('recorded_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('payment_transfer_proofs_intent_uq').on(t.intentId),
    uniqueIndex('payment_transfer_proofs_key_uq').on(t.idempotencyKey),
  ],
);

/** Reconciliation runs: one provider's statement of one Asia/Shanghai day against our books. */
export const reconRuns = pgTable(
  'payment_recon_runs',
  {
    id: text('id').primaryKey(),
    provider: text('provider').$type<OnlineProvider>().notNull(),
    day: text('day').notNull(),
    status: text('status').$type<ReconRunStatus>().notNull(),
    statementLines: integer('statement_lines').notNull().default(0),
    matchedLines: integer('matched_lines').notNull().default(0),
    mismatchCount: integer('mismatch_count').notNull().default(0),
    error: text('error'),
    startedBy: text('started_by'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('payment_recon_runs_day_idx').on(t.day, t.provider)],
);

export const reconMismatches = pgTable(
  'payment_recon_mismatches',
  {
    id: text('id').primaryKey(),
    runId: text('run_id')
      .notNull()
      .references(() => reconRuns.id),
    kind: text('kind').$type<MismatchKind>().notNull(),
    merchantOrderNo: text('merchant_order_no').notNull(),
    refundNo: text('refund_no'),
    intentId: text('intent_id'),
    refundId: text('refund_id'),
    oursFen: integer('ours_fen'),
    theirsFen: integer('theirs_fen'),
    detail: text('detail').notNull(),
  },
  (t) => [index('payment_recon_mismatches_run_idx').on(t.runId)],
);

/** The sandbox gateways' own books: what "the provider" knows of each trade (never read in production). */
export const sandboxTrades = pgTable('payment_sandbox_trades', {
  merchantOrderNo: text('merchant_order_no').primaryKey(),
  provider: text('provider').$type<OnlineProvider>().notNull(),
  providerTradeNo: text('provider_trade_no').notNull(),
  amountFen: integer('amount_fen').notNull(),
  subject: text('subject').notNull(),
  /** WAIT, PAID, FAILED or CLOSED. */
  state: text('state').notNull(),
  paidAt: timestamp('paid_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

export const sandboxRefunds = pgTable('payment_sandbox_refunds', {
  refundNo: text('refund_no').primaryKey(),
  provider: text('provider').$type<OnlineProvider>().notNull(),
  merchantOrderNo: text('merchant_order_no').notNull(),
  providerRefundId: text('provider_refund_id').notNull(),
  amountFen: integer('amount_fen').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

export type PaymentIntentRow = typeof paymentIntents.$inferSelect;
export type NewPaymentIntentRow = typeof paymentIntents.$inferInsert;
export type PaymentRefundRow = typeof paymentRefunds.$inferSelect;
export type NewPaymentRefundRow = typeof paymentRefunds.$inferInsert;
export type PaymentNotificationRow = typeof paymentNotifications.$inferSelect;
export type LedgerEntryRow = typeof ledgerEntries.$inferSelect;
export type TransferProofRow = typeof transferProofs.$inferSelect;
export type ReconRunRow = typeof reconRuns.$inferSelect;
export type ReconMismatchRow = typeof reconMismatches.$inferSelect;
export type SandboxTradeRow = typeof sandboxTrades.$inferSelect;
export type SandboxRefundRow = typeof sandboxRefunds.$inferSelect;
