import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { ShopOrderStatus } from './shop.enums.js';

// The accessories shop: account carts, shop orders with their lines, and the shipping-fee rules operators
// edit. SKUs, prices and stock belong to the accessories and inventory modules: lines copy what was bought.

/** A signed-in buyer's cart (an anonymous cart lives in the browser and is merged at sign-in). */
export const shopCartLines = pgTable(
  'shop_cart_lines',
  {
    buyerId: text('buyer_id').notNull(),
    variantId: text('variant_id').notNull(),
    quantity: integer('quantity').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.buyerId, t.variantId] }),
    check('shop_cart_lines_qty', sql`${t.quantity} > 0`),
  ],
);

export const shopOrderNumberSequence = pgSequence('shop_order_number_seq', { startWith: 1 });

export const shopOrders = pgTable(
  'shop_orders',
  {
    id: text('id').primaryKey(), // sho_...
    /** What people see: `SP` + the Asia/Shanghai day + a running number, e.g. SP20261207-000042. */
    orderNumber: text('order_number').notNull(),
    buyerId: text('buyer_id').notNull(),
    status: text('status').$type<ShopOrderStatus>().notNull(),
    province: text('province').notNull(),
    city: text('city').notNull(),
    district: text('district').notNull(),
    /** Recipient, phone and street address, encrypted (personal data not searched). */
    addressEnc: text('address_enc').notNull(),
    phoneMasked: text('phone_masked').notNull(),
    goodsFen: bigint('goods_fen', { mode: 'number' }).notNull(),
    shippingFen: bigint('shipping_fen', { mode: 'number' }).notNull(),
    discountFen: bigint('discount_fen', { mode: 'number' }).notNull().default(0),
    couponCode: text('coupon_code'),
    totalFen: bigint('total_fen', { mode: 'number' }).notNull(),
    paymentIntentId: text('payment_intent_id'),
    holdExpiresAt: timestamp('hold_expires_at', { withTimezone: true }).notNull(),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    carrier: text('carrier'),
    trackingNo: text('tracking_no'),
    shippedAt: timestamp('shipped_at', { withTimezone: true }),
    pickedUpAt: timestamp('picked_up_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelReason: text('cancel_reason'),
    returnRequestedAt: timestamp('return_requested_at', { withTimezone: true }),
    returnReason: text('return_reason'),
    returnTrackingNo: text('return_tracking_no'),
    returnedAt: timestamp('returned_at', { withTimezone: true }),
    refundFen: bigint('refund_fen', { mode: 'number' }).notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('shop_orders_number_uq').on(t.orderNumber),
    index('shop_orders_buyer_idx').on(t.buyerId, t.createdAt),
    index('shop_orders_status_idx').on(t.status, t.createdAt),
    index('shop_orders_created_idx').on(t.createdAt, t.id),
    check(
      'shop_orders_money',
      sql`${t.goodsFen} >= 0 AND ${t.shippingFen} >= 0 AND ${t.discountFen} >= 0 AND ${t.totalFen} >= 0 AND ${t.refundFen} >= 0 AND ${t.refundFen} <= ${t.totalFen}`,
    ),
  ],
);

export const shopOrderLines = pgTable(
  'shop_order_lines',
  {
    id: text('id').primaryKey(), // sol_...
    orderId: text('order_id')
      .notNull()
      .references(() => shopOrders.id, { onDelete: 'cascade' }),
    variantId: text('variant_id').notNull(),
    productId: text('product_id').notNull(),
    sku: text('sku').notNull(),
    title: text('title').notNull(),
    attributes: jsonb('attributes').notNull().default(sql`'{}'::jsonb`),
    unitPriceFen: bigint('unit_price_fen', { mode: 'number' }).notNull(),
    quantity: integer('quantity').notNull(),
    /** Copied at purchase: the 7-day return applies as the page said when the buyer bought. */
    returnable: boolean('returnable').notNull(),
    /** The stock location the units are held at and ship from. */
    locationId: text('location_id').notNull(),
    /** Units the buyer asked to return, and units received back. */
    returnQuantity: integer('return_quantity').notNull().default(0),
    returnedQuantity: integer('returned_quantity').notNull().default(0),
  },
  (t) => [
    index('shop_order_lines_order_idx').on(t.orderId),
    check(
      'shop_order_lines_qty',
      sql`${t.quantity} > 0 AND ${t.returnQuantity} >= 0 AND ${t.returnQuantity} <= ${t.quantity} AND ${t.returnedQuantity} >= 0 AND ${t.returnedQuantity} <= ${t.returnQuantity}`,
    ),
  ],
);

/**
 * Shipping-fee rules: one per province ('' is the default for everywhere else). The fee is waived when the
 * goods (after any discount) reach `freeOverFen`; null never waives it.
 */
export const shopShippingRules = pgTable(
  'shop_shipping_rules',
  {
    province: text('province').primaryKey(),
    feeFen: bigint('fee_fen', { mode: 'number' }).notNull(),
    freeOverFen: bigint('free_over_fen', { mode: 'number' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [check('shop_shipping_rules_money', sql`${t.feeFen} >= 0 AND coalesce(${t.freeOverFen}, 0) >= 0`)],
);

export type ShopCartLineRow = typeof shopCartLines.$inferSelect;
export type ShopOrderRow = typeof shopOrders.$inferSelect;
export type NewShopOrderRow = typeof shopOrders.$inferInsert;
export type ShopOrderLineRow = typeof shopOrderLines.$inferSelect;
export type ShopShippingRuleRow = typeof shopShippingRules.$inferSelect;
