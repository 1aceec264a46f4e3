// Plain constants shared by the shop's tables, contracts and the web app (no imports: browser-safe).

/**
 * A shop order: `pending_payment -> paid -> shipped -> delivered -> completed`; `cancelled` before it ships
 * (unpaid hold expired, buyer or staff); `delivered -> returning -> returned` for the 7-day no-reason return.
 */
export const SHOP_ORDER_STATUSES = [
  'pending_payment',
  'paid',
  'shipped',
  'delivered',
  'completed',
  'cancelled',
  'returning',
  'returned',
] as const;
export type ShopOrderStatus = (typeof SHOP_ORDER_STATUSES)[number];

/** Minutes stock stays held for an unpaid shop order (the payment intent lives as long). */
export const SHOP_HOLD_MINUTES = 30;
/** The no-reason return window: 7 days counted from the day after delivery (Asia/Shanghai). */
export const RETURN_WINDOW_DAYS = 7;
/** The carrier should pick a parcel up within this many hours of it being shipped. */
export const PICKUP_DUE_HOURS = 24;
/** The shipping-rate target: paid -> shipped within this many hours. */
export const SHIP_WITHIN_HOURS = 48;
/** At most this many units of one SKU in one cart. */
export const MAX_LINE_QUANTITY = 99;

/** Carriers an operator may name when shipping (the tracking number is theirs). */
export const SHOP_CARRIERS = ['sf', 'jd', 'zto', 'yto', 'sto', 'yunda', 'ems'] as const;
export type ShopCarrier = (typeof SHOP_CARRIERS)[number];
