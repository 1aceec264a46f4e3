import { expect } from 'vitest';
import { createSession } from '../../kernel/auth/sessions.js';
import type { TestApp } from '../../testing/app.js';
import { createTestBuyer } from '../crm/crm.testing.js';
import { createTestStaff, type TestStaff } from '../identity/identity.testing.js';
import {
  runDueJobs,
  // Not a React hook: it points the sandbox gateways at this app (the name only starts with "use").
  useSandboxGatewaysInProcess as sandboxInProcess,
} from '../payments/payments.testing.js';
import type { TShopOrder } from './shop.contract.js';

// For the shop's tests: a category, products with SKUs, a warehouse with stock, staff and buyers, all made
// through the HTTP API the way the console and the storefront do, and the sandbox gateway in process.

export interface ShopWorld {
  t: TestApp;
  /** An admin session; `adminHeaders` renews it when the test clock has moved past its idle expiry. */
  admin: TestStaff;
  adminAt: number;
  locationId: string;
  categoryId: string;
}

export type Headers = Record<string, string>;
let phoneSeq = 0;

export async function setupShopWorld(t: TestApp): Promise<ShopWorld> {
  sandboxInProcess(t);
  const admin = await createTestStaff(t.ctx, { roles: ['admin'] });
  const cat = await t.app.inject({
    method: 'POST',
    url: '/api/v1/catalog/accessories/categories',
    headers: admin.bearer,
    payload: { name: '脚垫', nameEn: 'Floor mats' },
  });
  expect(cat.statusCode, cat.body).toBe(201);
  const loc = await t.app.inject({
    method: 'POST',
    url: '/api/v1/inventory/locations',
    headers: admin.bearer,
    payload: { kind: 'warehouse', name: '上海嘉定配件中心仓', cityCode: '310100' },
  });
  expect(loc.statusCode, loc.body).toBe(201);
  return { t, admin, adminAt: t.clock.now().getTime(), locationId: loc.json().id, categoryId: cat.json().id };
}

/** A listed product with one SKU per entry, each stocked with `stock` units at the world's warehouse. */
export async function product(
  w: ShopWorld,
  skus: { sku: string; priceFen: number; stock: number }[],
  opts: { returnable?: boolean; name?: string } = {},
): Promise<{ productId: string; variantIds: string[] }> {
  const res = await w.t.app.inject({
    method: 'POST',
    url: '/api/v1/catalog/accessories',
    headers: await adminHeaders(w),
    payload: {
      categoryId: w.categoryId,
      name: opts.name ?? '全包围TPE脚垫',
      status: 'listed',
      returnable: opts.returnable ?? true,
      variants: skus.map((s) => ({ sku: s.sku, priceFen: s.priceFen, attributes: { 颜色: '黑色' } })),
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  const body = res.json() as { id: string; variants: { id: string; sku: string }[] };
  for (const s of skus) {
    if (s.stock <= 0) continue;
    const adj = await w.t.app.inject({
      method: 'POST',
      url: '/api/v1/inventory/accessories/adjust',
      headers: await adminHeaders(w),
      payload: { locationId: w.locationId, sku: s.sku, delta: s.stock, reason: '入库' },
    });
    expect(adj.statusCode, adj.body).toBe(200);
  }
  return {
    productId: body.id,
    variantIds: skus.map((s) => body.variants.find((v) => v.sku === s.sku)?.id ?? ''),
  };
}

export async function newBuyer(w: ShopWorld) {
  phoneSeq++;
  return createTestBuyer(w.t.ctx, `139${String(10_000_000 + phoneSeq).slice(-8)}`);
}

export const ADDRESS = {
  recipient: '王小明',
  phone: '13912345678',
  province: '上海市',
  city: '上海市',
  district: '浦东新区',
  detail: '张江路 88 号 3 号楼 1201',
};

export function checkoutRequest(
  w: ShopWorld,
  headers: Headers,
  lines: { variantId: string; quantity: number }[],
  extra: Record<string, unknown> = {},
) {
  return w.t.app.inject({
    method: 'POST',
    url: '/api/v1/shop/checkout',
    headers,
    payload: { lines, address: ADDRESS, ...extra },
  });
}

export async function checkoutOk(
  w: ShopWorld,
  headers: Headers,
  lines: { variantId: string; quantity: number }[],
): Promise<TShopOrder> {
  const res = await checkoutRequest(w, headers, lines);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as TShopOrder;
}

/** Presses a button on the sandbox pay page, then delivers the events. */
export async function pay(w: ShopWorld, intentId: string, action: 'succeed' | 'fail' = 'succeed') {
  const res = await w.t.app.inject({
    method: 'POST',
    url: `/api/v1/payments/sandbox/${intentId}/${action}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: '',
  });
  expect(res.statusCode, res.body).toBe(303);
  await runDueJobs(w.t.ctx);
}

export async function stockOf(w: ShopWorld, variantId: string) {
  const res = await w.t.app.inject({
    method: 'GET',
    url: `/api/v1/inventory/accessories?locationId=${w.locationId}`,
    headers: await adminHeaders(w),
  });
  const row = (
    res.json().items as { variantId?: string; sku: string; onHand: number; reserved: number }[]
  ).find((r) => r.variantId === variantId);
  return row;
}

/** Staff sessions idle out after 30 minutes: a fresh admin whenever the test clock moved. */
export async function adminHeaders(w: ShopWorld): Promise<Headers> {
  const now = w.t.clock.now().getTime();
  if (now - w.adminAt > 20 * 60_000 || now < w.adminAt) {
    w.admin = await createTestStaff(w.t.ctx, { roles: ['admin'] });
    w.adminAt = now;
  }
  return w.admin.bearer;
}

/** A new session for a buyer (theirs idle out after 7 days of test-clock time). */
export async function signIn(w: ShopWorld, buyerId: string): Promise<Headers> {
  const s = await createSession(w.t.database.db, w.t.ctx, { subjectKind: 'buyer', subjectId: buyerId });
  return { authorization: `Bearer ${s.token}` };
}
