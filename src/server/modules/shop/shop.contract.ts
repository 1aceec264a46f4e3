import { z } from 'zod';
import { ZVisibleText } from '../../kernel/text.js';
import { MAX_LINE_QUANTITY, SHOP_CARRIERS, SHOP_ORDER_STATUSES } from './shop.enums.js';

// Request and response schemas of /api/v1/shop: they validate, type and document each route, and the web
// app imports them.

const ZId = z.string().min(1).max(64);
export const ZShopOrderStatus = z.enum(SHOP_ORDER_STATUSES);

// ---- cart ----

export const ZCartLineInput = z.object({
  variantId: ZId,
  quantity: z.number().int().min(1).max(MAX_LINE_QUANTITY),
});
export type TCartLineInput = z.infer<typeof ZCartLineInput>;
export const ZCartLinesInput = z.object({ lines: z.array(ZCartLineInput).max(50) });
export type TCartLinesInput = z.infer<typeof ZCartLinesInput>;
export const ZSetCartLine = z.object({ quantity: z.number().int().min(0).max(MAX_LINE_QUANTITY) });
export const ZVariantParams = z.object({ variantId: ZId });

export const ZCartLine = z.object({
  variantId: z.string(),
  productId: z.string(),
  sku: z.string(),
  title: z.string(),
  titleEn: z.string().nullable(),
  attributes: z.record(z.string(), z.string()),
  unitPriceFen: z.number().int(),
  quantity: z.number().int(),
  /** Free units now (the quantity is limited to it). */
  available: z.number().int(),
  returnable: z.boolean(),
  /** False when the product is off sale or the SKU is gone (the line cannot be checked out). */
  onSale: z.boolean(),
});
export const ZCart = z.object({
  lines: z.array(ZCartLine),
  goodsFen: z.number().int(),
  /** Lines whose quantity was lowered to what is in stock. */
  limited: z.array(z.string()),
});
export type TCart = z.infer<typeof ZCart>;
export type TCartLine = z.infer<typeof ZCartLine>;

export const ZStockQuery = z.object({ variantIds: z.string().max(2000) });
export const ZStockLevels = z.object({
  items: z.array(z.object({ variantId: z.string(), available: z.number() })),
});

// ---- shipping ----

export const ZShippingAddress = z.object({
  recipient: ZVisibleText({ min: 1, max: 30 }),
  phone: z.string().regex(/^1[3-9]\d{9}$/, 'mainland mobile number'),
  province: ZVisibleText({ min: 2, max: 20 }),
  city: ZVisibleText({ min: 2, max: 30 }),
  district: ZVisibleText({ min: 2, max: 30 }),
  detail: ZVisibleText({ min: 2, max: 120 }),
});
export type TShippingAddress = z.infer<typeof ZShippingAddress>;

export const ZShippingRule = z.object({
  /** '' is the default for provinces without a rule of their own. */
  province: z.string(),
  feeFen: z.number().int(),
  freeOverFen: z.number().int().nullable(),
  updatedAt: z.string(),
});
export type TShippingRule = z.infer<typeof ZShippingRule>;
export const ZShippingRuleList = z.object({ items: z.array(ZShippingRule) });
export const ZShippingRuleInput = z.object({
  province: z.string().trim().max(20),
  feeFen: z.number().int().min(0).max(100_000_00),
  freeOverFen: z.number().int().min(0).max(10_000_000_00).nullable(),
});
export type TShippingRuleInput = z.infer<typeof ZShippingRuleInput>;
export const ZProvinceParams = z.object({ province: z.string().max(20) });

// ---- checkout ----

export const ZCheckoutQuoteRequest = z.object({
  lines: z.array(ZCartLineInput).min(1).max(50),
  province: z.string().trim().max(20),
  couponCode: z.string().trim().max(40).optional(),
});
export type TCheckoutQuoteRequest = z.infer<typeof ZCheckoutQuoteRequest>;
export const ZCheckoutQuote = z.object({
  goodsFen: z.number().int(),
  discountFen: z.number().int(),
  shippingFen: z.number().int(),
  totalFen: z.number().int(),
  /** The rule that set the fee, and how much more makes it free. */
  freeOverFen: z.number().int().nullable(),
});
export type TCheckoutQuote = z.infer<typeof ZCheckoutQuote>;

export const ZCheckoutRequest = z.object({
  lines: z.array(ZCartLineInput).min(1).max(50),
  address: ZShippingAddress,
  couponCode: z.string().trim().max(40).optional(),
  provider: z.enum(['alipay', 'wechat_pay', 'unionpay']).default('alipay'),
  device: z.enum(['desktop', 'mobile']).default('desktop'),
  /** The amount the buyer was shown; a different total answers 409 SHOP_PRICE_CHANGED. */
  expectedTotalFen: z.number().int().min(0).optional(),
});
export type TCheckoutRequest = z.infer<typeof ZCheckoutRequest>;

// ---- orders ----

export const ZShopOrderLine = z.object({
  id: z.string(),
  variantId: z.string(),
  productId: z.string(),
  sku: z.string(),
  title: z.string(),
  attributes: z.record(z.string(), z.string()),
  unitPriceFen: z.number().int(),
  quantity: z.number().int(),
  returnable: z.boolean(),
  returnQuantity: z.number().int(),
  returnedQuantity: z.number().int(),
});

export const ZShopOrder = z.object({
  id: z.string(),
  orderNumber: z.string(),
  status: ZShopOrderStatus,
  province: z.string(),
  city: z.string(),
  district: z.string(),
  phoneMasked: z.string(),
  goodsFen: z.number().int(),
  shippingFen: z.number().int(),
  discountFen: z.number().int(),
  totalFen: z.number().int(),
  refundFen: z.number().int(),
  lines: z.array(ZShopOrderLine),
  paymentIntentId: z.string().nullable(),
  /** The sandbox or gateway pay page while the order is unpaid. */
  payUrl: z.string().nullable(),
  holdExpiresAt: z.string(),
  paidAt: z.string().nullable(),
  carrier: z.string().nullable(),
  trackingNo: z.string().nullable(),
  shippedAt: z.string().nullable(),
  pickedUpAt: z.string().nullable(),
  /** Shipped and not picked up by the carrier within 24 h (or picked up later than that). */
  pickupLate: z.boolean(),
  deliveredAt: z.string().nullable(),
  /** The last moment a no-reason return may be asked for (null before delivery). */
  returnDeadline: z.string().nullable(),
  /** Whether a return may be asked for now (delivered, in the window, something returnable). */
  returnOpen: z.boolean(),
  completedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  returnRequestedAt: z.string().nullable(),
  returnReason: z.string().nullable(),
  returnTrackingNo: z.string().nullable(),
  returnedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TShopOrder = z.infer<typeof ZShopOrder>;

/** The console's view adds the full address (staff ship to it). */
export const ZStaffShopOrder = ZShopOrder.extend({
  buyerId: z.string(),
  address: ZShippingAddress.nullable(),
});
export type TStaffShopOrder = z.infer<typeof ZStaffShopOrder>;

export const ZShopOrderPage = z.object({ items: z.array(ZShopOrder), nextCursor: z.string().nullable() });
export const ZShopOrderListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
  status: ZShopOrderStatus.optional(),
  q: z.string().trim().max(40).optional(),
});
export type TShopOrderListQuery = z.infer<typeof ZShopOrderListQuery>;
export const ZShopOrderIdParams = z.object({ id: ZId });

export const ZCancelShopOrderRequest = z.object({ reason: ZVisibleText({ min: 1, max: 200 }).optional() });

export const ZShipRequest = z.object({
  carrier: z.enum(SHOP_CARRIERS),
  trackingNo: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]{6,30}$/, 'letters and digits, 6-30'),
});
export type TShipRequest = z.infer<typeof ZShipRequest>;

export const ZBulkShipRow = z.object({
  row: z.number().int(),
  orderNumber: z.string(),
  ok: z.boolean(),
  code: z.string().nullable(),
  message: z.string().nullable(),
});
export const ZBulkShipResult = z.object({
  shipped: z.number().int(),
  failed: z.number().int(),
  rows: z.array(ZBulkShipRow),
});
export type TBulkShipResult = z.infer<typeof ZBulkShipResult>;

export const ZReturnRequest = z.object({
  lines: z
    .array(z.object({ lineId: ZId, quantity: z.number().int().min(1).max(MAX_LINE_QUANTITY) }))
    .min(1)
    .max(50),
  reason: ZVisibleText({ min: 0, max: 200 }).optional(),
  returnTrackingNo: z.string().trim().max(30).optional(),
});
export type TReturnRequest = z.infer<typeof ZReturnRequest>;

export const ZShippingRateQuery = z.object({
  from: z.string().date(),
  to: z.string().date(),
});
export const ZShippingRate = z.object({
  from: z.string(),
  to: z.string(),
  /** Orders paid in the period (cancelled before shipping left out). */
  paid: z.number().int(),
  shippedWithin48h: z.number().int(),
  /** shippedWithin48h / paid; null when nothing was paid. */
  rate: z.number().nullable(),
  /** Paid and still not shipped after 48 h. */
  overdue: z.number().int(),
  /** Shipped, not picked up within 24 h. */
  pickupLate: z.number().int(),
});
export type TShippingRate = z.infer<typeof ZShippingRate>;

/** A buyer's own car for "fits my car": from one of their vehicle orders (the trim's series and model year). */
export const ZMyCar = z.object({
  orderId: z.string(),
  orderNumber: z.string(),
  title: z.string(),
  brandName: z.string(),
  seriesId: z.string(),
  seriesName: z.string(),
  modelYear: z.number().int(),
});
export type TMyCar = z.infer<typeof ZMyCar>;
export const ZMyCarList = z.object({ items: z.array(ZMyCar) });
