import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../testing/app.js';
import { createTestStaff, type TestStaff } from '../identity/identity.testing.js';
import type { TShopOrder } from './shop.contract.js';
import {
  adminHeaders,
  checkoutOk,
  type Headers,
  newBuyer,
  pay,
  product,
  type ShopWorld,
  setupShopWorld,
  signIn,
} from './shop.testing.js';

// Dealer staff handle the shop orders that ship from their own dealer's stock: list, ship, deliver and
// receive the return (refund), and another dealer's staff find none of it.

let w: ShopWorld;
let tesla: TestStaff;
let byd: TestStaff;
let teslaLocation: string;
const T0 = new Date('2026-12-07T02:00:00Z');
let seq = 0;

beforeAll(async () => {
  const t = await createTestApp();
  t.clock.set(T0);
  w = await setupShopWorld(t);
  tesla = await createTestStaff(t.ctx, { roles: ['dealer_staff'], dealerId: 'dlr_demo_sh_tesla' });
  byd = await createTestStaff(t.ctx, { roles: ['dealer_admin'], dealerId: 'dlr_demo_bj_byd' });
  const loc = await t.app.inject({
    method: 'POST',
    url: '/api/v1/inventory/locations',
    headers: await adminHeaders(w),
    payload: {
      kind: 'warehouse',
      name: '特斯拉上海浦东配件库',
      cityCode: '310100',
      dealerId: 'dlr_demo_sh_tesla',
    },
  });
  expect(loc.statusCode, loc.body).toBe(201);
  teslaLocation = loc.json().id;
});
afterAll(async () => {
  await w.t.close();
});

const call = (method: 'GET' | 'POST', url: string, headers: Headers, payload?: Record<string, unknown>) =>
  w.t.app.inject({ method, url: `/api/v1/shop${url}`, headers, ...(payload ? { payload } : {}) });

/** A paid order of a SKU stocked only at the Tesla dealer's warehouse. */
async function paidTeslaOrder(): Promise<{ order: TShopOrder; buyerId: string }> {
  const sku = `TSL-MAT-${++seq}`;
  const p = await product(w, [{ sku, priceFen: 89_900, stock: 0 }], { name: 'Model Y 全包围脚垫' });
  const adj = await w.t.app.inject({
    method: 'POST',
    url: '/api/v1/inventory/accessories/adjust',
    headers: await adminHeaders(w),
    payload: { locationId: teslaLocation, sku, delta: 5, reason: '入库' },
  });
  expect(adj.statusCode, adj.body).toBe(200);
  const buyer = await newBuyer(w);
  const order = await checkoutOk(w, buyer.bearer, [{ variantId: p.variantIds[0] as string, quantity: 1 }]);
  await pay(w, order.paymentIntentId as string);
  return { order, buyerId: buyer.id };
}

describe('dealer portal: shop orders', () => {
  it('lists, ships, delivers and refunds a return for the dealer whose stock it ships from; another dealer finds nothing', async () => {
    const { order, buyerId } = await paidTeslaOrder();
    const mine = await call('GET', '/orders?limit=50', tesla.bearer);
    expect(mine.statusCode, mine.body).toBe(200);
    expect((mine.json().items as TShopOrder[]).map((o) => o.id)).toEqual([order.id]);

    const theirs = await call('GET', '/orders?limit=50', byd.bearer);
    expect(theirs.statusCode, theirs.body).toBe(200);
    expect(theirs.json().items).toEqual([]);
    for (const [method, url, payload] of [
      ['GET', `/orders/${order.id}`, undefined],
      ['POST', `/orders/${order.id}/ship`, { carrier: 'sf', trackingNo: 'SF1234567890' }],
      ['POST', `/orders/${order.id}/cancel`, { reason: '缺货' }],
    ] as const) {
      const res = await call(method, url, byd.bearer, payload);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json().error.code, `${method} ${url} ${res.body}`).toBe('SHOP_ORDER_NOT_FOUND');
    }

    // The platform admin still sees everything.
    const all = await call('GET', '/orders?limit=50', await adminHeaders(w));
    expect((all.json().items as TShopOrder[]).some((o) => o.id === order.id)).toBe(true);

    const detail = await call('GET', `/orders/${order.id}`, tesla.bearer);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json().address.recipient).toBe('王小明');
    const shipped = await call('POST', `/orders/${order.id}/ship`, tesla.bearer, {
      carrier: 'sf',
      trackingNo: 'SF1234567890',
    });
    expect(shipped.statusCode, shipped.body).toBe(200);
    expect(shipped.json().status).toBe('shipped');
    const delivered = await call('POST', `/orders/${order.id}/deliver`, tesla.bearer);
    expect(delivered.json().status).toBe('delivered');

    const buyer = await signIn(w, buyerId);
    const line = order.lines[0] as { id: string };
    const ask = await call('POST', `/orders/mine/${order.id}/return`, buyer, {
      lines: [{ lineId: line.id, quantity: 1 }],
      reason: '尺寸不合适',
    });
    expect(ask.statusCode, ask.body).toBe(200);
    const stolen = await call('POST', `/orders/${order.id}/receive-return`, byd.bearer);
    expect(stolen.statusCode).toBe(404);
    const received = await call('POST', `/orders/${order.id}/receive-return`, tesla.bearer);
    expect(received.statusCode, received.body).toBe(200);
    expect(received.json().status).toBe('returned');
    expect(received.json().refundFen).toBe(89_900);

    // Its 48 h shipping rate counts its own orders only; the other dealer has none.
    const range = '?from=2026-12-01&to=2026-12-31';
    expect((await call('GET', `/shipping-rate${range}`, tesla.bearer)).json().paid).toBe(1);
    expect((await call('GET', `/shipping-rate${range}`, byd.bearer)).json().paid).toBe(0);
  });
});
