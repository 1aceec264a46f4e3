import { z } from 'zod';
import type { Config } from '../../config.js';
import { decryptPersonal, encryptPersonal } from '../../kernel/crypto.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { publish } from '../../kernel/events/define.js';
import { AppError } from '../../kernel/http/errors.js';
import { decodeCursor, toPage } from '../../kernel/http/pagination.js';
import { newId } from '../../kernel/ids.js';
import { audit, type Mutation, staffOf } from '../../kernel/mutation.js';
import { applyTransition } from '../../kernel/state-machine.js';
import { accessoryVariantFacts } from '../accessories/index.js';
import { maskMainlandPhone } from '../crm/index.js';
import {
  accessoryStockLevels,
  adjustAccessoryStock,
  commitAccessoryStock,
  releaseAccessoryStock,
  reserveAccessoryStock,
} from '../inventory/index.js';
import { createPaymentIntent, getPaymentIntent, requestRefund } from '../payments/index.js';
import { buyerOf, sumLines } from './shop.cart.js';
import type {
  TCheckoutQuote,
  TCheckoutQuoteRequest,
  TCheckoutRequest,
  TShippingAddress,
  TShopOrder,
  TShopOrderListQuery,
  TStaffShopOrder,
} from './shop.contract.js';
import { shopCoupons } from './shop.coupons.js';
import { SHOP_HOLD_MINUTES } from './shop.enums.js';
import { ShopEvents } from './shop.events.js';
import { type ShopOrderAction, shopOrderMachine } from './shop.machine.js';
import { toShopOrder } from './shop.mappers.js';
import { formatShopOrderNumber, shippingFee } from './shop.policy.js';
import * as repo from './shop.repository.js';
import type { ShopOrderLineRow, ShopOrderRow } from './shop.schema.js';
import { scopeLocations } from './shop.scope.js';

// Shop orders from checkout to payment and cancellation. Stock is HELD (reserved) at checkout in the same
// transaction as the order and its payment intent, TAKEN (committed) when the payment succeeds, and
// released when the order is cancelled or its hold runs out unpaid. Every stock change is the inventory
// module's one conditional UPDATE, so concurrent buyers can never take more than is there.

const ZCursor = z.object({ createdAt: z.string(), id: z.string() });

/** Runs a transition and publishes the status change with both states, on the caller's transaction. */
export async function moveShopOrder(
  tx: DbHandle,
  id: string,
  action: ShopOrderAction,
  mutation: Mutation,
  check?: (row: ShopOrderRow) => void | Promise<void>,
): Promise<ShopOrderRow> {
  const r = await applyTransition(tx, shopOrderMachine, id, action, mutation, check);
  await publish(tx, ShopEvents.statusChanged, id, { shopOrderId: id, from: r.from, to: r.to }, mutation.at);
  return r.after;
}

// ---- pricing ----

interface PricedLine {
  variantId: string;
  productId: string;
  sku: string;
  title: string;
  attributes: Record<string, string>;
  unitPriceFen: number;
  quantity: number;
  returnable: boolean;
}

async function priceOrder(
  db: DbHandle,
  input: { lines: TCheckoutRequest['lines']; province: string; couponCode?: string | undefined },
  buyerId: string | null,
): Promise<TCheckoutQuote & { lines: PricedLine[]; couponCode: string | null }> {
  const lines = sumLines(input.lines);
  const facts = new Map(
    (await accessoryVariantFacts(db, { ids: lines.map((l) => l.variantId) })).map((f) => [f.id, f]),
  );
  const priced: PricedLine[] = lines.map((l) => {
    const f = facts.get(l.variantId);
    if (f?.productStatus !== 'listed') {
      throw new AppError('SHOP_ITEM_UNAVAILABLE', { variantId: l.variantId });
    }
    return {
      variantId: f.id,
      productId: f.productId,
      sku: f.sku,
      title: f.productName,
      attributes: (f.attributes ?? {}) as Record<string, string>,
      unitPriceFen: f.priceFen,
      quantity: l.quantity,
      returnable: f.returnable,
    };
  });
  const goodsFen = priced.reduce((s, l) => s + l.unitPriceFen * l.quantity, 0);
  const coupon = await shopCoupons().quote(db, {
    buyerId,
    code: input.couponCode,
    lines: priced,
    goodsFen,
  });
  const discountFen = Math.min(goodsFen, Math.max(0, coupon?.discountFen ?? 0));
  const rule = await repo.shippingRuleFor(db, input.province);
  const shippingFen = shippingFee(rule, goodsFen - discountFen);
  return {
    lines: priced,
    goodsFen,
    discountFen,
    shippingFen,
    totalFen: goodsFen - discountFen + shippingFen,
    freeOverFen: rule?.freeOverFen ?? null,
    couponCode: coupon?.code ?? null,
  };
}

/** What checkout would charge (the cart and checkout pages show it before the buyer submits). */
export async function quoteCheckout(
  db: DbHandle,
  input: TCheckoutQuoteRequest,
  mutation: Mutation,
): Promise<TCheckoutQuote> {
  const buyerId = mutation.actor?.kind === 'buyer' ? mutation.actor.buyerId : null;
  const { lines: _lines, couponCode: _code, ...quote } = await priceOrder(db, input, buyerId);
  return quote;
}

/** Holds a line's units at the location with the most free (then the next, should another buyer win). */
async function holdLine(tx: DbHandle, line: PricedLine, mutation: Mutation): Promise<string> {
  const levels = (await accessoryStockLevels(tx, [line.variantId]))
    .filter((l) => l.available >= line.quantity)
    .sort((a, b) => b.available - a.available || (a.locationId < b.locationId ? -1 : 1));
  for (const level of levels) {
    try {
      await reserveAccessoryStock(
        tx,
        { locationId: level.locationId, variantId: line.variantId, quantity: line.quantity },
        mutation,
      );
      return level.locationId;
    } catch (e) {
      // Another buyer took these units between the read and the guarded UPDATE: try the next location.
      if (e instanceof AppError && e.code === 'ACCESSORY_STOCK_UNAVAILABLE') continue;
      throw e;
    }
  }
  throw new AppError('SHOP_STOCK_UNAVAILABLE', { variantId: line.variantId, sku: line.sku });
}

/**
 * Checkout: prices the lines, holds their stock, writes the order with its lines and opens the payment
 * intent, in ONE transaction (any line without stock undoes all of it). The hold lasts SHOP_HOLD_MINUTES,
 * as long as the intent; the expiry job cancels what is still unpaid then.
 */
export async function checkout(
  db: DbHandle,
  config: Pick<Config, 'dataEncryptionKey'>,
  input: TCheckoutRequest,
  mutation: Mutation,
): Promise<TShopOrder> {
  const buyerId = buyerOf(mutation);
  const price = await priceOrder(db, { ...input, province: input.address.province }, buyerId);
  if (input.expectedTotalFen !== undefined && input.expectedTotalFen !== price.totalFen) {
    throw new AppError('SHOP_PRICE_CHANGED', { totalFen: price.totalFen });
  }
  const id = newId('sho');
  const at = mutation.at;
  return withTransaction(db, async (tx) => {
    const lineRows: ShopOrderLineRow[] = [];
    for (const line of price.lines) {
      const locationId = await holdLine(tx, line, mutation);
      lineRows.push({
        id: newId('sol'),
        orderId: id,
        variantId: line.variantId,
        productId: line.productId,
        sku: line.sku,
        title: line.title,
        attributes: line.attributes,
        unitPriceFen: line.unitPriceFen,
        quantity: line.quantity,
        returnable: line.returnable,
        locationId,
        returnQuantity: 0,
        returnedQuantity: 0,
      });
    }
    const orderNumber = formatShopOrderNumber(at, await repo.nextShopOrderSequence(tx));
    const a = input.address;
    await repo.insertShopOrder(
      tx,
      {
        id,
        orderNumber,
        buyerId,
        status: 'pending_payment',
        province: a.province,
        city: a.city,
        district: a.district,
        addressEnc: encryptPersonal(
          config,
          JSON.stringify({ recipient: a.recipient, phone: a.phone, detail: a.detail }),
        ),
        phoneMasked: maskMainlandPhone(a.phone),
        goodsFen: price.goodsFen,
        shippingFen: price.shippingFen,
        discountFen: price.discountFen,
        couponCode: price.couponCode,
        totalFen: price.totalFen,
        holdExpiresAt: new Date(at.getTime() + SHOP_HOLD_MINUTES * 60_000),
        createdAt: at,
        updatedAt: at,
      },
      lineRows,
    );
    if (price.couponCode) {
      await shopCoupons().redeem(tx, {
        buyerId,
        code: price.couponCode,
        lines: price.lines,
        goodsFen: price.goodsFen,
        orderId: id,
      });
    }
    const first = price.lines[0]?.title ?? '';
    const intent = await createPaymentIntent(
      tx,
      {
        orderId: id,
        orderNumber,
        purpose: 'shop_order',
        amountFen: price.totalFen,
        provider: input.provider,
        payerUserId: buyerId,
        subject: `${first}${price.lines.length > 1 ? ` 等${price.lines.length}件` : ''}`.slice(0, 120),
        channel: input.device,
        expiresInMinutes: SHOP_HOLD_MINUTES,
        returnPath: `/account/shop-orders/${encodeURIComponent(id)}`,
      },
      mutation,
    );
    const row = await repo.updateShopOrder(tx, id, { paymentIntentId: intent.id });
    await audit(tx, mutation, {
      action: 'shop_order.place',
      entityType: 'shop_order',
      entityId: id,
      after: {
        orderNumber,
        lines: lineRows.map((l) => ({ sku: l.sku, quantity: l.quantity, locationId: l.locationId })),
        goodsFen: price.goodsFen,
        shippingFen: price.shippingFen,
        discountFen: price.discountFen,
        totalFen: price.totalFen,
      },
    });
    await publish(tx, ShopEvents.orderPlaced, id, { shopOrderId: id, buyerId, totalFen: price.totalFen }, at);
    await repo.removeCartLines(
      tx,
      buyerId,
      lineRows.map((l) => l.variantId),
    );
    return toShopOrder(row, lineRows, at, intent.payUrl ?? null);
  });
}

/**
 * The payment of a shop order succeeded (payments' intent_succeeded, through flows): the held units are
 * taken and the order is paid. Money reaching an order already cancelled (its hold ran out first) goes
 * back in full. Idempotent: a second delivery of the event finds the order paid and does nothing.
 */
export async function markShopOrderPaid(
  db: DbHandle,
  input: { shopOrderId: string; intentId: string; amountFen: number },
  mutation: Mutation,
): Promise<void> {
  await withTransaction(db, async (tx) => {
    const row = await repo.lockShopOrder(tx, input.shopOrderId);
    if (!row) return;
    if (row.status === 'cancelled') {
      await requestRefund(
        tx,
        {
          orderId: row.id,
          amountFen: input.amountFen,
          reason: `${row.orderNumber} 已取消后到账，全额退回`,
          kind: 'cancellation',
          requestedBy: null,
        },
        mutation,
      );
      return;
    }
    if (row.status !== 'pending_payment') return;
    for (const line of await repo.linesOf(tx, [row.id])) {
      await commitAccessoryStock(
        tx,
        { locationId: line.locationId, variantId: line.variantId, quantity: line.quantity },
        mutation,
      );
    }
    await moveShopOrder(tx, row.id, 'pay', mutation);
    await repo.updateShopOrder(tx, row.id, { paymentIntentId: input.intentId });
  });
}

/**
 * Cancels an order before it ships: held units go back (an unpaid order) or, once paid, the taken units are
 * put back on hand and the money is refunded in full. Buyers may cancel only while unpaid.
 */
export async function cancelShopOrder(
  db: DbHandle,
  id: string,
  reason: string,
  mutation: Mutation,
  who: 'buyer' | 'staff' | 'system',
): Promise<ShopOrderRow> {
  return withTransaction(db, async (tx) => {
    let before: ShopOrderRow | null = null;
    const after = await moveShopOrder(tx, id, 'cancel', mutation, (row) => {
      if (who === 'buyer' && row.buyerId !== buyerOf(mutation)) throw new AppError('SHOP_ORDER_NOT_FOUND');
      if (who === 'buyer' && row.status !== 'pending_payment') {
        throw new AppError('INVALID_TRANSITION', {
          machine: 'shop_order',
          from: row.status,
          action: 'cancel',
        });
      }
      before = row;
    });
    const was = before as ShopOrderRow | null;
    const lines = await repo.linesOf(tx, [id]);
    if (was?.status === 'pending_payment') {
      for (const l of lines) {
        await releaseAccessoryStock(
          tx,
          { locationId: l.locationId, variantId: l.variantId, quantity: l.quantity },
          mutation,
        );
      }
      if (was.couponCode) await shopCoupons().release(tx, id);
    } else if (was?.status === 'paid') {
      await restock(tx, lines, (l) => l.quantity, `商城订单 ${was.orderNumber} 取消`, mutation);
      await requestRefund(
        tx,
        {
          orderId: id,
          amountFen: was.totalFen,
          reason: `${was.orderNumber} 取消：${reason}`.slice(0, 200),
          kind: 'cancellation',
          requestedBy: mutation.actor?.kind === 'staff' ? mutation.actor.accountId : null,
        },
        mutation,
      );
      return repo.updateShopOrder(tx, id, { cancelReason: reason, refundFen: was.totalFen });
    }
    return repo.updateShopOrder(tx, id, { cancelReason: reason, updatedAt: after.updatedAt });
  });
}

/** Units that came back (a cancelled paid order, a received return) go on hand where they shipped from. */
export async function restock(
  tx: DbHandle,
  lines: readonly ShopOrderLineRow[],
  quantityOf: (l: ShopOrderLineRow) => number,
  reason: string,
  mutation: Mutation,
): Promise<void> {
  for (const l of lines) {
    const q = quantityOf(l);
    if (q <= 0) continue;
    await adjustAccessoryStock(
      tx,
      { locationId: l.locationId, variantId: l.variantId, change: { delta: q }, reason },
      mutation,
    );
  }
}

/** The expiry job: unpaid orders whose hold ran out are cancelled and their stock released. */
export async function expireUnpaidShopOrders(db: DbHandle, mutation: Mutation): Promise<number> {
  let n = 0;
  for (const row of await repo.expiredUnpaid(db, mutation.at, 200)) {
    try {
      await cancelShopOrder(db, row.id, '超时未支付，库存已释放', mutation, 'system');
      n++;
    } catch (e) {
      // Paid meanwhile (the payment won the row lock): nothing to expire.
      if (e instanceof AppError && e.code === 'INVALID_TRANSITION') continue;
      throw e;
    }
  }
  return n;
}

// ---- reading ----

async function withPayUrl(db: DbHandle, row: ShopOrderRow): Promise<string | null> {
  if (row.status !== 'pending_payment' || !row.paymentIntentId) return null;
  return (await getPaymentIntent(db, row.paymentIntentId)).payUrl ?? null;
}

export async function getMyShopOrder(db: DbHandle, id: string, mutation: Mutation): Promise<TShopOrder> {
  const row = await repo.findShopOrder(db, id);
  if (!row || row.buyerId !== buyerOf(mutation)) throw new AppError('SHOP_ORDER_NOT_FOUND');
  return toShopOrder(row, await repo.linesOf(db, [id]), mutation.at, await withPayUrl(db, row));
}

async function page(
  db: DbHandle,
  query: TShopOrderListQuery,
  buyerId: string | undefined,
  now: Date,
  locationIds?: readonly string[] | null,
) {
  const after = decodeCursor(query.cursor, ZCursor);
  const rows = await repo.listShopOrders(
    db,
    { buyerId, status: query.status, q: query.q, locationIds: locationIds ?? undefined },
    query.limit,
    after,
  );
  const lines = await repo.linesOf(
    db,
    rows.map((r) => r.id),
  );
  return toPage(
    rows,
    query.limit,
    (r) => toShopOrder(r, lines, now),
    (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }),
  );
}

export function listMyShopOrders(db: DbHandle, query: TShopOrderListQuery, mutation: Mutation) {
  return page(db, query, buyerOf(mutation), mutation.at);
}

/** Staff: every order, or for dealer staff the orders shipping from their dealer's locations. */
export async function listShopOrders(db: DbHandle, query: TShopOrderListQuery, mutation: Mutation) {
  return page(db, query, undefined, mutation.at, await scopeLocations(db, mutation));
}

/** The console's view: the full address is decrypted for the people who ship (and the read is audited). */
export async function getStaffShopOrder(
  db: DbHandle,
  config: Pick<Config, 'dataEncryptionKey'>,
  id: string,
  mutation: Mutation,
): Promise<TStaffShopOrder> {
  staffOf(mutation);
  const row = await repo.findShopOrder(db, id);
  if (!row) throw new AppError('SHOP_ORDER_NOT_FOUND');
  let address: TShippingAddress | null = null;
  try {
    const p = JSON.parse(decryptPersonal(config, row.addressEnc)) as {
      recipient: string;
      phone: string;
      detail: string;
    };
    address = { ...p, province: row.province, city: row.city, district: row.district };
  } catch {
    address = null; // a key rotated without re-encryption: the order still shows
  }
  return {
    ...toShopOrder(row, await repo.linesOf(db, [id]), mutation.at),
    buyerId: row.buyerId,
    address,
  };
}
