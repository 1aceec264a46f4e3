// Plain constants shared by the tables, the contracts and the web app (no imports: browser-safe).

/** A vehicle order's status (DOMAIN.md); the fulfilment module drives the delivery states. */
export const ORDER_STATUSES = [
  'created',
  'deposit_paid',
  'vehicle_allocated',
  'contract_signed',
  'balance_paid',
  'loan_disbursed',
  'ready_for_delivery',
  'delivery_scheduled',
  'in_transit',
  'delivered',
  'completed',
  'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Statuses in which the buyer may still change colour and options (before a unit is allocated). */
export const SPEC_CHANGE_STATUSES = ['created', 'deposit_paid'] as const satisfies readonly OrderStatus[];

export const PAYMENT_METHODS = ['full', 'loan'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** 订金/意向金 (refundable prepayment) or 定金 (binding, Civil Code arts. 586-587). */
export const DEPOSIT_KINDS = ['refundable', 'binding'] as const;
export type DepositKind = (typeof DEPOSIT_KINDS)[number];

/** A binding deposit is at most this share of the order's vehicle price (basis points; Civil Code art. 586). */
export const BINDING_DEPOSIT_MAX_BP = 2000;

/** The deposit asked when the buyer does not say (fen), capped at the binding limit. */
export const DEFAULT_DEPOSIT_FEN = 500_000;
/** The smallest deposit accepted (fen). */
export const MIN_DEPOSIT_FEN = 10_000;

export const RISK_REVIEWS = ['none', 'pending', 'cleared', 'rejected'] as const;
export type RiskReview = (typeof RISK_REVIEWS)[number];

/** Who cancels an order: the buyer, the seller (dealer/platform staff) or the system (timeouts, risk). */
export const CANCELLED_BY = ['buyer', 'seller', 'system'] as const;
export type CancelledBy = (typeof CANCELLED_BY)[number];

export const PAYMENT_PURPOSES = ['deposit', 'balance'] as const;
export type PaymentPurpose = (typeof PAYMENT_PURPOSES)[number];

/** Payment providers the buyer may prefer (stored only; payments are the payments module's). */
export const PAYMENT_PROVIDERS = ['alipay', 'wechat_pay', 'unionpay'] as const;
export type PaymentProvider = (typeof PAYMENT_PROVIDERS)[number];

/** How long before the payment deadline the reminder goes out (minutes). */
export const PAYMENT_REMINDER_LEAD_MINUTES = 10;
