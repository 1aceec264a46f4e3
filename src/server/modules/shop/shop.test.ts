import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/audit/audit.schema.js';
import { createTestApp } from '../../testing/app.js';
import { assertLedgerBalanced, orderMoney } from '../payments/index.js';
import { runDueJobs } from '../payments/payments.testing.js';
import type { TCart, TShopOrder } from './shop.contract.js';
import {
  ADDRESS,
  adminHeaders,
  checkoutOk,
  checkoutRequest,
  type Headers,
  newBuyer,
  pay,
  product,
  type ShopWorld,
  setupShopWorld,
  signIn,
  stockOf,
} from './shop.testing.js';

// The shop end to end through the HTTP API: anonymous cart merged at sign-in, checkout holding stock,
// payment taking it, the hold expiring, shipping rules, shipping, pickup, delivery, the 7-day return and
// its refund, bulk shipping by CSV and the 48 h shipping rate. The ledger balances after every test.

let w: ShopWorld;
const T0 = new Date('2026-12-07T02:00:00Z'); // 10:00 Shanghai
const HOUR = 3_600_000;

beforeAll(async () => {
  const t = await createTestApp();
  t.clock.set(T0);
  w = await setupShopWorld(t);
  await put('/api/v1/shop/shipping-rules', { province: '', feeFen: 1_000, freeOverFen: 9_900 });
  await put('/api/v1/shop/shipping-rules', {
    province: '新疆维吾尔自治区',
    feeFen: 2_500,
    freeOverFen: null,
  });
});
afterEach(async () => {
  await assertLedgerBalanced(w.t.database.db);
  w.t.clock.set(T0);
});
afterAll(async () => {
  await w.t.close();
});

const get = (url: string, headers: Headers) => w.t.app.inject({ method: 'GET', url, headers });
const post = (url: string, headers: Headers, payload: Record<string, unknown> = {}) =>
  w.t.app.inject({ method: 'POST', url, headers, payload });
async function put(url: string, payload: Record<string, unknown>) {
  const res = await w.t.app.inject({ method: 'PUT', url, headers: await adminHeaders(w), payload });
  expect(res.statusCode, res.body).toBe(200);
}
async function staff(id: string, action: string, payload: Record<string, unknown> = {}) {
  const res = await post(`/api/v1/shop/orders/${id}/${action}`, await adminHeaders(w), payload);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as TShopOrder;
}
async function mine(id: string, headers: Headers) {
  const res = await get(`/api/v1/shop/orders/mine/${id}`, headers);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as TShopOrder;
}
let skuSeq = 0;
const sku = () => `MAT-T${++skuSeq}`;

/** A paid, shipped and delivered order (delivered at `deliveredAt`). */
async function delivered(
  lines: { variantId: string; quantity: number }[],
  deliveredAt: Date,
  buyer?: Awaited<ReturnType<typeof newBuyer>>,
) {
  w.t.clock.set(new Date(deliveredAt.getTime() - 24 * HOUR));
  const b = buyer ?? (await newBuyer(w));
  const order = await checkoutOk(w, b.bearer, lines);
  await pay(w, order.paymentIntentId as string);
  await staff(order.id, 'ship', { carrier: 'sf', trackingNo: `SF${Date.now()}${skuSeq}` });
  w.t.clock.set(deliveredAt);
  await staff(order.id, 'deliver');
  return { buyer: b, order: await mine(order.id, b.bearer) };
}

/** The buyer asks to return lines of an order, signing in again (sessions idle out on the test clock). */
function askReturn(buyerId: string, orderId: string, payload: Record<string, unknown>) {
  return signIn(w, buyerId).then((h) => post(`/api/v1/shop/orders/mine/${orderId}/return`, h, payload));
}

describe('cart', () => {
  it('prices an anonymous cart, limits quantities to stock, and merges it into the account at sign-in', async () => {
    const p = await product(w, [
      { sku: sku(), priceFen: 69_900, stock: 3 },
      { sku: sku(), priceFen: 72_900, stock: 5 },
    ]);
    const [a, b] = p.variantIds as [string, string];
    const priced = await post('/api/v1/shop/cart/price', {}, { lines: [{ variantId: a, quantity: 5 }] });
    expect(priced.statusCode, priced.body).toBe(200);
    expect(priced.json()).toMatchObject({
      lines: [{ variantId: a, quantity: 3, available: 3 }],
      limited: [a],
    });

    const buyer = await newBuyer(w);
    await post('/api/v1/shop/cart/lines', buyer.bearer, { variantId: b, quantity: 2 });
    const merged = await post('/api/v1/shop/cart/merge', buyer.bearer, {
      lines: [
        { variantId: a, quantity: 2 },
        { variantId: a, quantity: 2 },
        { variantId: b, quantity: 1 },
      ],
    });
    expect(merged.statusCode, merged.body).toBe(200);
    const cart = merged.json() as TCart;
    expect(cart.lines.map((l) => [l.variantId, l.quantity]).sort()).toEqual([
      [a, 3],
      [b, 3],
    ]);
    expect(cart.goodsFen).toBe(3 * 69_900 + 3 * 72_900);
    // Anyone may see free stock per SKU.
    const stock = await get(`/api/v1/shop/stock?variantIds=${a},${b}`, {});
    expect(stock.json().items).toEqual(
      expect.arrayContaining([
        { variantId: a, available: 3 },
        { variantId: b, available: 5 },
      ]),
    );
  });
});

describe('shipping-fee rules', () => {
  it('charges the default fee under the free-over amount, none above it, and the province rule where there is one', async () => {
    const p = await product(w, [{ sku: sku(), priceFen: 5_000, stock: 10 }]);
    const v = p.variantIds[0] as string;
    const quote = async (quantity: number, province: string) =>
      (
        await post('/api/v1/shop/checkout/quote', {}, { lines: [{ variantId: v, quantity }], province })
      ).json();
    expect(await quote(1, '上海市')).toMatchObject({ goodsFen: 5_000, shippingFen: 1_000, totalFen: 6_000 });
    expect(await quote(2, '上海市')).toMatchObject({ goodsFen: 10_000, shippingFen: 0, totalFen: 10_000 });
    expect(await quote(4, '新疆维吾尔自治区')).toMatchObject({ shippingFen: 2_500, totalFen: 22_500 });
  });

  it('refuses a checkout whose total changed since the buyer saw it', async () => {
    const p = await product(w, [{ sku: sku(), priceFen: 5_000, stock: 10 }]);
    const buyer = await newBuyer(w);
    const res = await checkoutRequest(
      w,
      buyer.bearer,
      [{ variantId: p.variantIds[0] as string, quantity: 1 }],
      {
        expectedTotalFen: 5_000,
      },
    );
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: { code: 'SHOP_PRICE_CHANGED', details: { totalFen: 6_000 } } });
  });
});

describe('checkout and payment', () => {
  it('holds stock at checkout, takes it at payment, and the order is paid', async () => {
    const p = await product(w, [{ sku: sku(), priceFen: 29_900, stock: 5 }]);
    const v = p.variantIds[0] as string;
    const buyer = await newBuyer(w);
    const order = await checkoutOk(w, buyer.bearer, [
      { variantId: v, quantity: 1 },
      { variantId: v, quantity: 1 },
    ]);
    expect(order).toMatchObject({
      status: 'pending_payment',
      goodsFen: 59_800,
      shippingFen: 0,
      totalFen: 59_800,
    });
    expect(order.orderNumber).toMatch(/^SP20261207-\d{6}$/);
    expect(order.payUrl).toContain('/sandbox/pay/');
    expect(order.lines).toHaveLength(1);
    expect(await stockOf(w, v)).toMatchObject({ onHand: 5, reserved: 2 });

    await pay(w, order.paymentIntentId as string);
    const paid = await mine(order.id, buyer.bearer);
    expect(paid.status).toBe('paid');
    expect(paid.paidAt).toBe(T0.toISOString());
    expect(await stockOf(w, v)).toMatchObject({ onHand: 3, reserved: 0 });
    const audits = await w.t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, order.id), eq(auditLog.action, 'shop_order.pay')));
    expect(audits).toHaveLength(1);
  });

  it('refuses more than is in stock with 409 and holds nothing', async () => {
    const p = await product(w, [{ sku: sku(), priceFen: 10_000, stock: 2 }]);
    const v = p.variantIds[0] as string;
    const buyer = await newBuyer(w);
    const res = await checkoutRequest(w, buyer.bearer, [{ variantId: v, quantity: 3 }]);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('SHOP_STOCK_UNAVAILABLE');
    expect(await stockOf(w, v)).toMatchObject({ onHand: 2, reserved: 0 });
  });

  it('releases the stock of an unpaid order when its hold runs out (the expiry job), so the next buyer gets it', async () => {
    const p = await product(w, [{ sku: sku(), priceFen: 12_800, stock: 1 }]);
    const v = p.variantIds[0] as string;
    const buyer = await newBuyer(w);
    const order = await checkoutOk(w, buyer.bearer, [{ variantId: v, quantity: 1 }]);
    const other = await newBuyer(w);
    expect((await checkoutRequest(w, other.bearer, [{ variantId: v, quantity: 1 }])).statusCode).toBe(409);

    w.t.clock.set(new Date(T0.getTime() + 31 * 60_000));
    await runDueJobs(w.t.ctx);
    const expired = await mine(order.id, buyer.bearer);
    expect(expired).toMatchObject({ status: 'cancelled', cancelReason: '超时未支付，库存已释放' });
    expect(await stockOf(w, v)).toMatchObject({ onHand: 1, reserved: 0 });
    // Now the other buyer gets it.
    const second = await checkoutOk(w, other.bearer, [{ variantId: v, quantity: 1 }]);
    expect(second.status).toBe('pending_payment');
  });

  it('lets a buyer cancel an unpaid order (stock released) but not a paid one', async () => {
    const p = await product(w, [{ sku: sku(), priceFen: 12_800, stock: 2 }]);
    const v = p.variantIds[0] as string;
    const buyer = await newBuyer(w);
    const order = await checkoutOk(w, buyer.bearer, [{ variantId: v, quantity: 2 }]);
    const res = await post(`/api/v1/shop/orders/mine/${order.id}/cancel`, buyer.bearer, {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('cancelled');
    expect(await stockOf(w, v)).toMatchObject({ onHand: 2, reserved: 0 });

    const again = await checkoutOk(w, buyer.bearer, [{ variantId: v, quantity: 1 }]);
    await pay(w, again.paymentIntentId as string);
    const refused = await post(`/api/v1/shop/orders/mine/${again.id}/cancel`, buyer.bearer, {});
    expect(refused.statusCode).toBe(409);
    // Staff may: the unit goes back on hand and the money back in full.
    const cancelled = await staff(again.id, 'cancel', { reason: '缺货' });
    expect(cancelled).toMatchObject({ status: 'cancelled', refundFen: again.totalFen });
    expect(await stockOf(w, v)).toMatchObject({ onHand: 2, reserved: 0 });
    await runDueJobs(w.t.ctx);
    expect((await orderMoney(w.t.database.db, again.id)).refundedFen).toBe(again.totalFen);
  });

  it('refunds in full money that reaches an order already cancelled, and keeps its stock released', async () => {
    const p = await product(w, [{ sku: sku(), priceFen: 12_800, stock: 1 }]);
    const v = p.variantIds[0] as string;
    const buyer = await newBuyer(w);
    const order = await checkoutOk(w, buyer.bearer, [{ variantId: v, quantity: 1 }]);
    expect((await post(`/api/v1/shop/orders/mine/${order.id}/cancel`, buyer.bearer, {})).statusCode).toBe(
      200,
    );
    // The buyer had the pay page open and paid anyway.
    await pay(w, order.paymentIntentId as string);
    await runDueJobs(w.t.ctx);
    expect((await mine(order.id, buyer.bearer)).status).toBe('cancelled');
    expect(await orderMoney(w.t.database.db, order.id)).toMatchObject({
      paidFen: 12_800,
      refundedFen: 12_800,
    });
    expect(await stockOf(w, v)).toMatchObject({ onHand: 1, reserved: 0 });
  });

  it('hides another buyer’s order', async () => {
    const p = await product(w, [{ sku: sku(), priceFen: 12_800, stock: 2 }]);
    const buyer = await newBuyer(w);
    const order = await checkoutOk(w, buyer.bearer, [{ variantId: p.variantIds[0] as string, quantity: 1 }]);
    const other = await newBuyer(w);
    expect((await get(`/api/v1/shop/orders/mine/${order.id}`, other.bearer)).statusCode).toBe(404);
  });
});

describe('shipping', () => {
  it('ships with carrier and tracking number, flags a pickup later than 24 h, and delivers', async () => {
    const p = await product(w, [{ sku: sku(), priceFen: 59_900, stock: 3 }]);
    const buyer = await newBuyer(w);
    const order = await checkoutOk(w, buyer.bearer, [{ variantId: p.variantIds[0] as string, quantity: 1 }]);
    await pay(w, order.paymentIntentId as string);
    const shipped = await staff(order.id, 'ship', { carrier: 'sf', trackingNo: 'SF1234567890' });
    expect(shipped).toMatchObject({
      status: 'shipped',
      carrier: 'sf',
      trackingNo: 'SF1234567890',
      pickupLate: false,
    });
    w.t.clock.set(new Date(T0.getTime() + 25 * HOUR));
    expect((await staff(order.id, 'pickup')).pickupLate).toBe(true);
    const done = await staff(order.id, 'deliver');
    expect(done.status).toBe('delivered');
    expect(done.returnOpen).toBe(true);
    // Shipping twice is refused.
    const twice = await post(`/api/v1/shop/orders/${order.id}/ship`, await adminHeaders(w), {
      carrier: 'sf',
      trackingNo: 'SF1234567891',
    });
    expect(twice.statusCode).toBe(409);
  });

  it('ships in bulk from a CSV and reports each bad row', async () => {
    const p = await product(w, [{ sku: sku(), priceFen: 5_990, stock: 10 }]);
    const buyer = await newBuyer(w);
    const a = await checkoutOk(w, buyer.bearer, [{ variantId: p.variantIds[0] as string, quantity: 1 }]);
    await pay(w, a.paymentIntentId as string);
    const b = await checkoutOk(w, buyer.bearer, [{ variantId: p.variantIds[0] as string, quantity: 1 }]);
    const csv = [
      '订单号,快递公司,运单号',
      `${a.orderNumber},顺丰,SF9000000001`,
      `${b.orderNumber},中通,ZT9000000002`,
      'SP20260101-999999,jd,JD9000000003',
      `${a.orderNumber},不存在快递,X1`,
    ].join('\n');
    const boundary = '----shopbulk';
    const body = [
      `--${boundary}`,
      'Content-Disposition: form-data; name="file"; filename="ship.csv"',
      'Content-Type: text/csv',
      '',
      csv,
      `--${boundary}--`,
      '',
    ].join('\r\n');
    const res = await w.t.app.inject({
      method: 'POST',
      url: '/api/v1/shop/orders/bulk-ship',
      headers: { ...(await adminHeaders(w)), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json();
    expect(result).toMatchObject({ shipped: 1, failed: 3 });
    expect(result.rows.map((r: { row: number; code: string | null }) => [r.row, r.code])).toEqual([
      [2, null],
      [3, 'INVALID_TRANSITION'],
      [4, 'SHOP_ORDER_NOT_FOUND'],
      [5, 'CARRIER_UNKNOWN'],
    ]);
    expect((await mine(a.id, buyer.bearer)).trackingNo).toBe('SF9000000001');
  });

  it('reports the 48 h shipping rate of the orders paid in a period', async () => {
    const day = '2026-12-20';
    const at = new Date('2026-12-20T02:00:00Z');
    w.t.clock.set(at);
    const p = await product(w, [{ sku: sku(), priceFen: 5_990, stock: 10 }]);
    const buyer = await newBuyer(w);
    const orders: TShopOrder[] = [];
    for (let i = 0; i < 3; i++) {
      const o = await checkoutOk(w, buyer.bearer, [{ variantId: p.variantIds[0] as string, quantity: 1 }]);
      await pay(w, o.paymentIntentId as string);
      orders.push(o);
    }
    w.t.clock.set(new Date(at.getTime() + 47 * HOUR));
    await staff((orders[0] as TShopOrder).id, 'ship', { carrier: 'jd', trackingNo: 'JD0000000001' });
    w.t.clock.set(new Date(at.getTime() + 49 * HOUR));
    await staff((orders[1] as TShopOrder).id, 'ship', { carrier: 'jd', trackingNo: 'JD0000000002' });
    const res = await get(`/api/v1/shop/shipping-rate?from=${day}&to=${day}`, await adminHeaders(w));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ paid: 3, shippedWithin48h: 1, overdue: 1, rate: 0.3333 });
  });
});

describe('7-day no-reason return', () => {
  // Delivered 2026-12-08 15:00 Shanghai: the window runs to 2026-12-15 23:59:59.999 Shanghai.
  const DELIVERED = new Date('2026-12-08T07:00:00Z');
  const LAST = new Date('2026-12-15T15:59:59.999Z');

  it('accepts a return at the last moment of the 7th day after delivery and refuses one a millisecond later', async () => {
    const p = await product(w, [{ sku: sku(), priceFen: 30_000, stock: 4 }]);
    const v = p.variantIds[0] as string;
    const one = await delivered([{ variantId: v, quantity: 1 }], DELIVERED);
    expect(one.order.returnDeadline).toBe(LAST.toISOString());
    const two = await delivered([{ variantId: v, quantity: 1 }], DELIVERED);
    const line = (o: TShopOrder) => (o.lines[0] as { id: string }).id;

    w.t.clock.set(new Date(LAST.getTime() + 1));
    const late = await askReturn(two.buyer.id, two.order.id, {
      lines: [{ lineId: line(two.order), quantity: 1 }],
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('SHOP_RETURN_WINDOW_CLOSED');

    w.t.clock.set(LAST);
    const ok = await askReturn(one.buyer.id, one.order.id, {
      lines: [{ lineId: line(one.order), quantity: 1 }],
      reason: '不想要了',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().status).toBe('returning');

    // The window closed for the other: the hourly job completes it.
    w.t.clock.set(new Date(LAST.getTime() + 2 * HOUR));
    await runDueJobs(w.t.ctx);
    const h = await signIn(w, two.buyer.id);
    expect((await get(`/api/v1/shop/orders/mine/${two.order.id}`, h)).json().status).toBe('completed');
  });

  it('refuses a line marked non-returnable (the product said so before purchase)', async () => {
    const p = await product(w, [{ sku: sku(), priceFen: 199_900, stock: 2 }], {
      returnable: false,
      name: '7kW 家用交流充电桩',
    });
    const pub = await get(`/api/v1/catalog/accessories/${p.productId}`, {});
    expect(pub.json().returnable).toBe(false);
    const { buyer, order } = await delivered(
      [{ variantId: p.variantIds[0] as string, quantity: 1 }],
      DELIVERED,
    );
    expect(order.returnOpen).toBe(false);
    const res = await askReturn(buyer.id, order.id, {
      lines: [{ lineId: (order.lines[0] as { id: string }).id, quantity: 1 }],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('SHOP_ITEM_NOT_RETURNABLE');
  });

  it('refunds only the goods of a partial return, and goods plus shipping when everything comes back; units restocked', async () => {
    // ¥50 + ¥30 < ¥99: the order pays the ¥10 fee.
    const p = await product(w, [
      { sku: sku(), priceFen: 5_000, stock: 5 },
      { sku: sku(), priceFen: 3_000, stock: 5 },
    ]);
    const [a, b] = p.variantIds as [string, string];
    const partial = await delivered(
      [
        { variantId: a, quantity: 1 },
        { variantId: b, quantity: 1 },
      ],
      DELIVERED,
    );
    expect(partial.order).toMatchObject({ goodsFen: 8_000, shippingFen: 1_000, totalFen: 9_000 });
    const lineB = partial.order.lines.find((l) => l.variantId === b) as { id: string };
    w.t.clock.set(new Date(DELIVERED.getTime() + 2 * 24 * HOUR));
    await askReturn(partial.buyer.id, partial.order.id, {
      lines: [{ lineId: lineB.id, quantity: 1 }],
      returnTrackingNo: 'YT1234567',
    });
    const before = await stockOf(w, b);
    const received = await staff(partial.order.id, 'receive-return');
    expect(received).toMatchObject({ status: 'returned', refundFen: 3_000 });
    expect((await stockOf(w, b))?.onHand).toBe((before?.onHand ?? 0) + 1);
    await runDueJobs(w.t.ctx);

    const whole = await delivered([{ variantId: a, quantity: 1 }], DELIVERED);
    await askReturn(whole.buyer.id, whole.order.id, {
      lines: [{ lineId: (whole.order.lines[0] as { id: string }).id, quantity: 1 }],
    });
    const all = await staff(whole.order.id, 'receive-return');
    expect(all).toMatchObject({ status: 'returned', refundFen: 6_000, totalFen: 6_000 });
    await runDueJobs(w.t.ctx);
    // The refunds went through the sandbox gateway: the ledger shows the money back.
    expect((await orderMoney(w.t.database.db, whole.order.id)).refundedFen).toBe(6_000);
    expect((await orderMoney(w.t.database.db, partial.order.id)).refundedFen).toBe(3_000);
  });

  it('refuses more units than were bought', async () => {
    const p = await product(w, [{ sku: sku(), priceFen: 5_000, stock: 3 }]);
    const { buyer, order } = await delivered(
      [{ variantId: p.variantIds[0] as string, quantity: 1 }],
      DELIVERED,
    );
    const res = await askReturn(buyer.id, order.id, {
      lines: [{ lineId: (order.lines[0] as { id: string }).id, quantity: 2 }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('SHOP_RETURN_QUANTITY_INVALID');
  });
});

describe('console', () => {
  it('shows staff the full address and buyers only the masked phone', async () => {
    const p = await product(w, [{ sku: sku(), priceFen: 5_000, stock: 3 }]);
    const buyer = await newBuyer(w);
    const order = await checkoutOk(w, buyer.bearer, [{ variantId: p.variantIds[0] as string, quantity: 1 }]);
    expect(order.phoneMasked).toBe('139****5678');
    const res = await get(`/api/v1/shop/orders/${order.id}`, await adminHeaders(w));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().address).toEqual(ADDRESS);
    const list = await get(`/api/v1/shop/orders?q=${order.orderNumber}`, await adminHeaders(w));
    expect(list.json().items.map((o: TShopOrder) => o.id)).toEqual([order.id]);
    expect((await get('/api/v1/shop/orders', buyer.bearer)).statusCode).toBe(403);
  });
});
