import { z } from 'zod';
import {
  CANCELLED_BY,
  DEPOSIT_KINDS,
  ORDER_STATUSES,
  PAYMENT_METHODS,
  PAYMENT_PROVIDERS,
  RISK_REVIEWS,
} from './orders.enums.js';

// Request and response schemas of /api/v1/orders: they validate, type and document each route, and the web
// app imports them (this file reaches only zod and orders.enums.ts).

const ZId = z.string().trim().min(1).max(64);
const ZFen = z.number().int().min(0).max(100_000_000_00);

// ---- the resident ID number (GB 11643-1999), as finance checks it ----

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';

/** True for an 18-character resident ID number with a real birth date and the right check character. */
export function isValidResidentId(raw: string): boolean {
  const id = raw.toUpperCase();
  const m = /^[1-9]\d{5}(\d{4})(\d{2})(\d{2})\d{3}[\dX]$/.exec(id);
  if (!m) return false;
  const [, y, mo, d] = m;
  const date = new Date(`${y}-${mo}-${d}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== `${y}-${mo}-${d}`) return false;
  if (Number(y) < 1900) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK_CHARS[sum % 11] === id[17];
}

/** Mainland mobile numbers as typed ("+86 138 0013 8000") to 11 digits, or null. */
export function normalizeMobile(input: string): string | null {
  let s = input.trim().replace(/[\s\-().]/g, '');
  if (s.startsWith('+86')) s = s.slice(3);
  else if (s.startsWith('0086')) s = s.slice(4);
  return /^1[3-9]\d{9}$/.test(s) ? s : null;
}

export const ZOrderStatus = z.enum(ORDER_STATUSES);
export const ZDepositKind = z.enum(DEPOSIT_KINDS);

export const ZBuyerDetails = z.object({
  name: z
    .string()
    .trim()
    .min(2)
    .max(30)
    .regex(/^[\p{L}·• ]+$/u, 'letters only'),
  phone: z
    .string()
    .trim()
    .max(32)
    .refine((v) => normalizeMobile(v) !== null, 'not a mainland China mobile number')
    .transform((v) => normalizeMobile(v) ?? v),
  idNumber: z
    .string()
    .trim()
    .transform((s) => s.toUpperCase())
    .refine(isValidResidentId, 'not a valid 18-digit resident ID number (GB 11643 check digit)'),
});

/** Place an order for a listed car (the buyer signed in). */
export const ZPlaceOrderRequest = z
  .object({
    listingId: ZId,
    /** A stored landed-price quote of this listing; one is made from the listing when absent. */
    quoteId: ZId.optional(),
    buyer: ZBuyerDetails,
    paymentMethod: z.enum(PAYMENT_METHODS),
    loanApplicationId: ZId.optional(),
    tradeInValuationId: ZId.optional(),
    insuranceChoiceId: ZId.optional(),
    depositKind: ZDepositKind,
    /** Defaults to ¥5,000 (capped at 20% of the price for a binding deposit). */
    depositFen: ZFen.optional(),
    /** The deposit terms the buyer read (GET /orders/deposit-terms) and ticked. */
    acceptDepositTerms: z.object({ version: z.string().min(1).max(64), accepted: z.literal(true) }),
    /** New cars: the exterior colour wanted (defaults to the listing's). */
    colour: z.string().trim().min(1).max(30).optional(),
    /** New cars: option package ids of the trim. */
    options: z.array(ZId).max(20).default([]),
    /** Preferred payment provider, stored for the payment step. */
    provider: z.enum(PAYMENT_PROVIDERS).optional(),
    deviceId: z.string().trim().min(1).max(128).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.paymentMethod === 'full' && v.loanApplicationId) {
      ctx.addIssue({ code: 'custom', path: ['loanApplicationId'], message: 'only with paymentMethod loan' });
    }
  });
export type TPlaceOrderRequest = z.infer<typeof ZPlaceOrderRequest>;

export const ZDepositTermsQuery = z.object({
  kind: ZDepositKind,
  priceFen: z.coerce.number().int().min(1).max(100_000_000_00),
});

export const ZDepositTerms = z.object({
  kind: ZDepositKind,
  version: z.string(),
  /** The exact text to show and accept, in the request's language. */
  text: z.string(),
  /** The other language, for reference. */
  textOther: z.string(),
  /** The largest deposit allowed for this price (binding: 20%; refundable: the price). */
  maxDepositFen: z.number().int(),
  defaultDepositFen: z.number().int(),
  freeCancelHours: z.number().int(),
});
export type TDepositTerms = z.infer<typeof ZDepositTerms>;

export const ZSettlement = z.object({
  paidFen: z.number().int(),
  refundFen: z.number().int(),
  forfeitFen: z.number().int(),
  compensationFen: z.number().int(),
  /** Which rule applied (refundable_full_refund, binding_buyer_forfeit, binding_seller_double, ...). */
  rule: z.string(),
  explanation: z.object({ zh: z.string(), en: z.string() }),
});
export type TCancellationSettlement = z.infer<typeof ZSettlement>;

export const ZTimelineEntry = z.object({
  at: z.string(),
  from: ZOrderStatus.nullable(),
  to: ZOrderStatus,
  note: z.string(),
  actor: z.string(),
});

const ZPriceItem = z.object({ code: z.string(), amountFen: z.number().int(), includedInPrice: z.boolean() });

export const BUYER_ORDER_ACTIONS = ['cancel', 'change_spec'] as const;
export const STAFF_ORDER_ACTIONS = ['allocate', 'cancel_by_seller', 'risk_review'] as const;

export const ZOrder = z.object({
  id: z.string(),
  orderNumber: z.string(),
  status: ZOrderStatus,
  riskReview: z.enum(RISK_REVIEWS),
  listingId: z.string(),
  listingKind: z.enum(['new', 'used']),
  trimId: z.string(),
  vehicleTitle: z.string(),
  dealerId: z.string(),
  storeId: z.string().nullable(),
  colour: z.string().nullable(),
  options: z.array(z.object({ id: z.string(), name: z.string(), priceFen: z.number().int() })),
  vin: z.string().nullable(),
  /** Set when the car comes from another store than the listing's (nearest with the trim and colour). */
  unitStoreId: z.string().nullable(),
  sourcingNote: z.string().nullable(),
  quoteId: z.string(),
  cityCode: z.string(),
  barePriceFen: z.number().int(),
  landedTotalFen: z.number().int(),
  priceItems: z.array(ZPriceItem),
  optionsFen: z.number().int(),
  tradeInValuationId: z.string().nullable(),
  tradeInCreditFen: z.number().int(),
  insurance: z
    .object({ choiceId: z.string(), insurer: z.string().nullable(), premiumFen: z.number().int().nullable() })
    .nullable(),
  totalDueFen: z.number().int(),
  paymentMethod: z.enum(PAYMENT_METHODS),
  loanApplicationId: z.string().nullable(),
  preferredProvider: z.string().nullable(),
  deposit: z.object({
    kind: ZDepositKind,
    amountFen: z.number().int(),
    termsVersion: z.string(),
    termsText: z.string(),
    termsAcceptedAt: z.string(),
  }),
  depositPaidFen: z.number().int(),
  balancePaidFen: z.number().int(),
  paidFen: z.number().int(),
  /** What is still to pay: the deposit while unpaid, then the balance (a loan covers it for loan orders). */
  amountDueNowFen: z.number().int(),
  paymentDeadline: z.string(),
  buyer: z.object({ name: z.string(), phoneMasked: z.string(), idNumberMasked: z.string() }),
  contractId: z.string().nullable(),
  cancelledBy: z.enum(CANCELLED_BY).nullable(),
  cancelReason: z.string().nullable(),
  settlement: ZSettlement.nullable(),
  timeline: z.array(ZTimelineEntry),
  /** What the buyer may do now. */
  actions: z.array(z.enum(BUYER_ORDER_ACTIONS)),
  /** When the car was handed over (三包 windows count from here) and when the order completed. */
  deliveredAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TOrder = z.infer<typeof ZOrder>;

export const ZStaffOrder = ZOrder.extend({
  unitId: z.string().nullable(),
  holdId: z.string().nullable(),
  riskFlags: z.array(z.string()),
  channel: z.object({
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    deviceId: z.string().nullable(),
  }),
  /** What the signed-in staff member may do now (by state and permission). */
  staffActions: z.array(z.enum(STAFF_ORDER_ACTIONS)),
});
export type TStaffOrder = z.infer<typeof ZStaffOrder>;

export const ZOrderSummary = z.object({
  id: z.string(),
  orderNumber: z.string(),
  status: ZOrderStatus,
  riskReview: z.enum(RISK_REVIEWS),
  vehicleTitle: z.string(),
  colour: z.string().nullable(),
  vin: z.string().nullable(),
  buyerName: z.string(),
  buyerPhoneMasked: z.string(),
  dealerId: z.string(),
  storeId: z.string().nullable(),
  totalDueFen: z.number().int(),
  depositKind: ZDepositKind,
  depositFen: z.number().int(),
  paidFen: z.number().int(),
  paymentMethod: z.enum(PAYMENT_METHODS),
  paymentDeadline: z.string(),
  createdAt: z.string(),
});
export type TOrderSummary = z.infer<typeof ZOrderSummary>;
export const ZOrderPage = z.object({ items: z.array(ZOrderSummary), nextCursor: z.string().nullable() });
export type TOrderPage = z.infer<typeof ZOrderPage>;

const ZDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const ZStaffOrderListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
  status: ZOrderStatus.optional(),
  riskReview: z.enum(RISK_REVIEWS).optional(),
  dealerId: ZId.optional(),
  storeId: ZId.optional(),
  /** Asia/Shanghai days, inclusive. */
  from: ZDay.optional(),
  to: ZDay.optional(),
  /** An order number, the last 4 digits of the buyer's phone, or a VIN (or its end). */
  q: z.string().trim().min(1).max(40).optional(),
});
export type TStaffOrderListQuery = z.infer<typeof ZStaffOrderListQuery>;
export const ZStaffOrderExportQuery = ZStaffOrderListQuery.omit({ limit: true, cursor: true });
export type TStaffOrderExportQuery = z.infer<typeof ZStaffOrderExportQuery>;

export const ZMyOrdersQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});
export type TMyOrdersQuery = z.infer<typeof ZMyOrdersQuery>;

export const ZOrderIdParams = z.object({ id: ZId });

export const ZCancelOrderRequest = z.object({
  reason: z.string().trim().min(2).max(200),
});
export type TCancelOrderRequest = z.infer<typeof ZCancelOrderRequest>;

export const ZCancelOrderResponse = z.object({ order: ZOrder, settlement: ZSettlement });
export const ZStaffCancelOrderResponse = z.object({ order: ZStaffOrder, settlement: ZSettlement });

export const ZChangeSpecRequest = z
  .object({
    colour: z.string().trim().min(1).max(30).optional(),
    options: z.array(ZId).max(20).optional(),
  })
  .refine((v) => v.colour !== undefined || v.options !== undefined, {
    message: 'give colour or options',
    path: ['colour'],
  });
export type TChangeSpecRequest = z.infer<typeof ZChangeSpecRequest>;

export const ZAllocateRequest = z.object({ unitId: ZId.optional() });
export const ZRiskReviewRequest = z.object({ decision: z.enum(['cleared', 'rejected']) });
