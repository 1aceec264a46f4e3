import type { z } from 'zod';
import type {
  TPaymentIntent,
  TReconMismatch,
  TReconRun,
  TRefund,
  ZLedgerEntry,
  ZPaymentNotification,
  ZStaffIntentPage,
} from './payments.contract.js';
import type {
  LedgerEntryRow,
  PaymentIntentRow,
  PaymentNotificationRow,
  PaymentRefundRow,
  ReconMismatchRow,
  ReconRunRow,
} from './payments.schema.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The one place an intent row becomes its API object. */
export function toPaymentIntent(row: PaymentIntentRow): TPaymentIntent {
  return {
    id: row.id,
    orderId: row.orderId,
    orderNumber: row.orderNumber,
    purpose: row.purpose,
    provider: row.provider,
    channel: row.channel,
    amountFen: row.amountFen,
    currency: 'CNY',
    status: row.status,
    subject: row.subject,
    payUrl: row.payUrl,
    qrCodeText: row.qrCodeText,
    refundedFen: row.refundedFen,
    sandbox: row.sandbox,
    failureReason: row.failureReason,
    expiresAt: row.expiresAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    succeededAt: iso(row.succeededAt),
  };
}

export function toStaffIntent(row: PaymentIntentRow): z.infer<typeof ZStaffIntentPage>['items'][number] {
  return {
    ...toPaymentIntent(row),
    merchantOrderNo: row.merchantOrderNo,
    providerTradeNo: row.providerTradeNo,
  };
}

export function toRefund(row: PaymentRefundRow): TRefund {
  return {
    id: row.id,
    refundNo: row.refundNo,
    orderId: row.orderId,
    intentId: row.intentId,
    provider: row.provider,
    kind: row.kind,
    amountFen: row.amountFen,
    reason: row.reason,
    status: row.status,
    requestedBy: row.requestedBy,
    decidedBy: row.decidedBy,
    decisionNote: row.decisionNote,
    providerRefundId: row.providerRefundId,
    failureReason: row.failureReason,
    createdAt: row.createdAt.toISOString(),
    decidedAt: iso(row.decidedAt),
    settledAt: iso(row.settledAt),
  };
}

export function toNotification(row: PaymentNotificationRow): z.infer<typeof ZPaymentNotification> {
  return {
    id: row.id,
    provider: row.provider,
    providerEventId: row.providerEventId,
    claimedEventId: row.claimedEventId,
    signatureVerified: row.signatureVerified,
    outcome: row.outcome,
    detail: row.detail,
    deliveries: row.deliveries,
    receivedAt: row.receivedAt.toISOString(),
    lastReceivedAt: row.lastReceivedAt.toISOString(),
  };
}

export function toLedgerEntry(row: LedgerEntryRow): z.infer<typeof ZLedgerEntry> {
  return {
    id: row.id,
    postingId: row.postingId,
    kind: row.kind,
    account: row.account,
    debitFen: row.debitFen,
    creditFen: row.creditFen,
    intentId: row.intentId,
    refundId: row.refundId,
    memo: row.memo,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toReconRun(row: ReconRunRow): TReconRun {
  return {
    id: row.id,
    provider: row.provider,
    day: row.day,
    status: row.status,
    statementLines: row.statementLines,
    matchedLines: row.matchedLines,
    mismatchCount: row.mismatchCount,
    error: row.error,
    startedBy: row.startedBy,
    startedAt: row.startedAt.toISOString(),
    finishedAt: iso(row.finishedAt),
  };
}

export function toReconMismatch(row: ReconMismatchRow): TReconMismatch {
  return {
    id: row.id,
    kind: row.kind,
    merchantOrderNo: row.merchantOrderNo,
    refundNo: row.refundNo,
    intentId: row.intentId,
    refundId: row.refundId,
    oursFen: row.oursFen,
    theirsFen: row.theirsFen,
    detail: row.detail,
  };
}
