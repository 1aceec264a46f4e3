// Plain constants shared by the tables, the contracts and the web app (no imports: browser-safe).

/** Who moves the money: three online gateways and the offline bank transfer finance records. */
export const PAYMENT_PROVIDERS = ['alipay', 'wechat_pay', 'unionpay', 'bank_transfer'] as const;
export type PaymentProvider = (typeof PAYMENT_PROVIDERS)[number];

/** The providers with a gateway (pay page, notifications, query, refund, daily statement). */
export const ONLINE_PROVIDERS = ['alipay', 'wechat_pay', 'unionpay'] as const;
export type OnlineProvider = (typeof ONLINE_PROVIDERS)[number];

/** What an intent pays for: the 定金/订金 or the 尾款 of a vehicle order, an after-sales service (上牌服务费,
 * fulfilment), or a whole accessories-shop order. */
export const PAYMENT_PURPOSES = ['deposit', 'balance', 'plate_service', 'shop_order'] as const;
export type PaymentPurpose = (typeof PAYMENT_PURPOSES)[number];

export const PAYMENT_CHANNELS = ['desktop', 'mobile'] as const;
export type PaymentChannel = (typeof PAYMENT_CHANNELS)[number];

/**
 * A payment intent (DOMAIN.md): `pending -> succeeded | failed | expired`; `succeeded -> refunding ->
 * refunded`. A partial refund settles in `partially_refunded` (the intent keeps `refundedFen`), from where a
 * further refund goes through `refunding` again.
 */
export const PAYMENT_INTENT_STATUSES = [
  'pending',
  'succeeded',
  'failed',
  'expired',
  'refunding',
  'partially_refunded',
  'refunded',
] as const;
export type PaymentIntentStatus = (typeof PAYMENT_INTENT_STATUSES)[number];

/** Why money goes back: the caller's reasons, plus the seller's compensation (双倍返还's second half). */
export const REFUND_KINDS = [
  'cancellation',
  'partial',
  'double_return',
  'compensation',
  'warranty_return',
] as const;
export type RefundKind = (typeof REFUND_KINDS)[number];

/** A refund: `pending_approval -> processing | rejected`; `processing -> succeeded | failed`. */
/**
 * awaiting_transfer: a seller's compensation the provider would not pay (refund APIs refuse more than the
 * trade's amount, and 双倍返还 is twice the deposit): finance pays it by bank transfer and records it.
 */
export const REFUND_STATUSES = [
  'pending_approval',
  'processing',
  'awaiting_transfer',
  'succeeded',
  'failed',
  'rejected',
] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/** What a ledger posting records. */
export const LEDGER_KINDS = [
  'deposit',
  'balance',
  'shop_order',
  'plate_service',
  'refund',
  'fee',
  'forfeit',
  'compensation',
] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/** What a gateway notification did on our side. */
export const NOTIFICATION_OUTCOMES = [
  'applied',
  'duplicate',
  'ignored_state',
  'amount_mismatch',
  'unknown_intent',
  'bad_signature',
  'malformed',
] as const;
export type NotificationOutcome = (typeof NOTIFICATION_OUTCOMES)[number];

/** A difference between a gateway's daily statement and our books. */
export const MISMATCH_KINDS = ['missing_ours', 'missing_theirs', 'amount_differs', 'status_differs'] as const;
export type MismatchKind = (typeof MISMATCH_KINDS)[number];

export const RECON_RUN_STATUSES = ['running', 'matched', 'mismatched', 'failed'] as const;
export type ReconRunStatus = (typeof RECON_RUN_STATUSES)[number];

/** Proof images finance may upload with a bank transfer. */
export const PROOF_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export const PROOF_MAX_BYTES = 8 * 1024 * 1024;
