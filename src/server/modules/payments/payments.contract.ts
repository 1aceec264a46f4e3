import { z } from 'zod';
import { ZVisibleText } from '../../kernel/text.js';
import {
  MISMATCH_KINDS,
  NOTIFICATION_OUTCOMES,
  ONLINE_PROVIDERS,
  PAYMENT_CHANNELS,
  PAYMENT_INTENT_STATUSES,
  PAYMENT_PROVIDERS,
  PAYMENT_PURPOSES,
  RECON_RUN_STATUSES,
  REFUND_KINDS,
  REFUND_STATUSES,
} from './payments.enums.js';

// Request and response schemas of /api/v1/payments: they validate, type and document each route, and the web
// app imports them.

/** The paging every list takes (kept here: the web imports this file, and the kernel's pagination is server-side). */
const ZPageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});

export const ZPaymentIntent = z.object({
  id: z.string(),
  orderId: z.string(),
  orderNumber: z.string(),
  purpose: z.enum(PAYMENT_PURPOSES),
  provider: z.enum(PAYMENT_PROVIDERS),
  channel: z.enum(PAYMENT_CHANNELS),
  amountFen: z.number().int(),
  currency: z.literal('CNY'),
  status: z.enum(PAYMENT_INTENT_STATUSES),
  subject: z.string(),
  /** The sandbox or real pay page; null for a bank transfer. */
  payUrl: z.string().nullable(),
  /** The desktop QR code's payload. */
  qrCodeText: z.string().nullable(),
  refundedFen: z.number().int(),
  sandbox: z.boolean(),
  failureReason: z.string().nullable(),
  expiresAt: z.string(),
  createdAt: z.string(),
  succeededAt: z.string().nullable(),
});
export type TPaymentIntent = z.infer<typeof ZPaymentIntent>;

export const ZPaymentIntentIdParams = z.object({ id: z.string().min(1).max(64) });

export const ZStaffIntentQuery = ZPageQuery.extend({
  status: z.enum(PAYMENT_INTENT_STATUSES).optional(),
  provider: z.enum(PAYMENT_PROVIDERS).optional(),
  purpose: z.enum(PAYMENT_PURPOSES).optional(),
  orderId: z.string().max(64).optional(),
});
export type TStaffIntentQuery = z.infer<typeof ZStaffIntentQuery>;

export const ZStaffIntentPage = z.object({
  items: z.array(
    ZPaymentIntent.extend({ merchantOrderNo: z.string(), providerTradeNo: z.string().nullable() }),
  ),
  nextCursor: z.string().nullable(),
});

export const ZPaymentNotification = z.object({
  id: z.string(),
  provider: z.enum(ONLINE_PROVIDERS),
  providerEventId: z.string().nullable(),
  claimedEventId: z.string().nullable(),
  signatureVerified: z.boolean(),
  outcome: z.enum(NOTIFICATION_OUTCOMES),
  detail: z.string().nullable(),
  deliveries: z.number().int(),
  receivedAt: z.string(),
  lastReceivedAt: z.string(),
});

export const ZRefund = z.object({
  id: z.string(),
  refundNo: z.string(),
  orderId: z.string(),
  intentId: z.string(),
  provider: z.enum(PAYMENT_PROVIDERS),
  kind: z.enum(REFUND_KINDS),
  amountFen: z.number().int(),
  reason: z.string(),
  status: z.enum(REFUND_STATUSES),
  requestedBy: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decisionNote: z.string().nullable(),
  providerRefundId: z.string().nullable(),
  failureReason: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  settledAt: z.string().nullable(),
});
export type TRefund = z.infer<typeof ZRefund>;

export const ZLedgerEntry = z.object({
  id: z.string(),
  postingId: z.string(),
  kind: z.string(),
  account: z.string(),
  debitFen: z.number().int(),
  creditFen: z.number().int(),
  intentId: z.string().nullable(),
  refundId: z.string().nullable(),
  memo: z.string().nullable(),
  createdAt: z.string(),
});

export const ZOrderMoney = z.object({
  paidFen: z.number().int(),
  refundedFen: z.number().int(),
  forfeitedFen: z.number().int(),
  compensationFen: z.number().int(),
  netHeldFen: z.number().int(),
  depositHeldFen: z.number().int(),
});
export type TOrderMoney = z.infer<typeof ZOrderMoney>;

export const ZStaffIntentDetail = z.object({
  intent: ZStaffIntentPage.shape.items.element,
  notifications: z.array(ZPaymentNotification),
  refunds: z.array(ZRefund),
  ledger: z.array(ZLedgerEntry),
  transfer: z
    .object({
      bankReference: z.string(),
      payerName: z.string(),
      amountFen: z.number().int(),
      filename: z.string(),
      contentType: z.string(),
      sizeBytes: z.number().int(),
      recordedBy: z.string(),
      createdAt: z.string(),
    })
    .nullable(),
});

export const ZOrderIdParams = z.object({ orderId: z.string().min(1).max(64) });
export const ZOrderLedger = z.object({ money: ZOrderMoney, entries: z.array(ZLedgerEntry) });

/** The fields of a bank-transfer upload (multipart, beside the proof file). */
export const ZBankTransferFields = z.object({
  amountFen: z.coerce.number().int().positive().max(2_000_000_000),
  bankReference: ZVisibleText({ max: 64 }),
  payerName: ZVisibleText({ max: 100 }),
});
export type TBankTransferFields = z.infer<typeof ZBankTransferFields>;

export const ZRefundListQuery = ZPageQuery.extend({ status: z.enum(REFUND_STATUSES).optional() });
export type TRefundListQuery = z.infer<typeof ZRefundListQuery>;
export const ZRefundPage = z.object({ items: z.array(ZRefund), nextCursor: z.string().nullable() });
export const ZRefundIdParams = z.object({ id: z.string().min(1).max(64) });
export const ZRefundDecision = z.object({ note: ZVisibleText({ max: 500 }).optional() });
export type TRefundDecision = z.infer<typeof ZRefundDecision>;

/** Finance paid a compensation by bank transfer: the bank's reference (流水号) and an optional note. */
export const ZCompensationTransfer = z.object({
  bankReference: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{6,40}$/, '6-40 letters, digits or dashes'),
  note: ZVisibleText({ max: 500 }).optional(),
});

export const ZReconRun = z.object({
  id: z.string(),
  provider: z.enum(ONLINE_PROVIDERS),
  day: z.string(),
  status: z.enum(RECON_RUN_STATUSES),
  statementLines: z.number().int(),
  matchedLines: z.number().int(),
  mismatchCount: z.number().int(),
  error: z.string().nullable(),
  startedBy: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type TReconRun = z.infer<typeof ZReconRun>;

export const ZReconMismatch = z.object({
  id: z.string(),
  kind: z.enum(MISMATCH_KINDS),
  merchantOrderNo: z.string(),
  refundNo: z.string().nullable(),
  intentId: z.string().nullable(),
  refundId: z.string().nullable(),
  oursFen: z.number().int().nullable(),
  theirsFen: z.number().int().nullable(),
  detail: z.string(),
});
export type TReconMismatch = z.infer<typeof ZReconMismatch>;

export const ZReconRunList = z.object({ items: z.array(ZReconRun) });
export const ZReconRunDetail = z.object({ run: ZReconRun, mismatches: z.array(ZReconMismatch) });
export const ZReconRunIdParams = z.object({ id: z.string().min(1).max(64) });
export const ZRunReconciliationRequest = z.object({
  day: z.iso.date(),
  provider: z.enum(ONLINE_PROVIDERS).optional(),
});
export type TRunReconciliationRequest = z.infer<typeof ZRunReconciliationRequest>;

export const ZNotifyParams = z.object({ provider: z.enum(ONLINE_PROVIDERS) });
export const ZSandboxActionParams = z.object({
  id: z.string().min(1).max(64),
  action: z.enum(['succeed', 'fail', 'close']),
});
