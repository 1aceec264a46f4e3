import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestApp } from '../../testing/app.js';
import { assertLedgerBalanced } from '../payments/index.js';
import { runDueJobs } from '../payments/payments.testing.js';
import type { TShopOrder } from './shop.contract.js';
import { shopOrders } from './shop.schema.js';
import {
  checkoutRequest,
  newBuyer,
  pay,
  product,
  type ShopWorld,
  setupShopWorld,
  stockOf,
} from './shop.testing.js';

// Checkout races on real PostgreSQL (PGlite has one connection, so nothing there can race): N buyers at
// once for S units of one SKU; exactly S hold stock, all S pay, nothing is oversold.

const onPostgres = inject('testDb').backend === 'postgres';
let w: ShopWorld;

describe.runIf(onPostgres)('shop checkout under concurrency (PostgreSQL only)', () => {
  beforeAll(async () => {
    const t = await createTestApp();
    t.clock.set('2026-12-07T02:00:00Z');
    w = await setupShopWorld(t);
  });
  afterAll(async () => {
    await w?.t.close();
  });

  it('gives 7 units to exactly 7 of 60 buyers checking out at once; all 7 pay and stock ends at 0 on hand', async () => {
    const S = 7;
    const N = 60;
    const p = await product(w, [{ sku: 'RACE-MAT-1', priceFen: 69_900, stock: S }]);
    const v = p.variantIds[0] as string;
    const buyers = [];
    for (let i = 0; i < N; i++) buyers.push(await newBuyer(w));
    const results = await Promise.all(
      buyers.map((b) => checkoutRequest(w, b.bearer, [{ variantId: v, quantity: 1 }])),
    );
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(S);
    expect(statuses.filter((s) => s === 409)).toHaveLength(N - S);
    expect(new Set(results.filter((r) => r.statusCode === 409).map((r) => r.json().error.code))).toEqual(
      new Set(['SHOP_STOCK_UNAVAILABLE']),
    );
    expect(await stockOf(w, v)).toMatchObject({ onHand: S, reserved: S });

    const placed = results.filter((r) => r.statusCode === 201).map((r) => r.json() as TShopOrder);
    await Promise.all(placed.map((o) => pay(w, o.paymentIntentId as string)));
    await runDueJobs(w.t.ctx);
    const rows = await w.t.database.db.select().from(shopOrders).where(eq(shopOrders.status, 'paid'));
    expect(rows.filter((r) => placed.some((o) => o.id === r.id))).toHaveLength(S);
    expect(await stockOf(w, v)).toMatchObject({ onHand: 0, reserved: 0 });
    await assertLedgerBalanced(w.t.database.db);
  });

  it('never oversells when buyers ask for several units each (two lines of one SKU summed)', async () => {
    const p = await product(w, [{ sku: 'RACE-MAT-2', priceFen: 29_900, stock: 10 }]);
    const v = p.variantIds[0] as string;
    const buyers = [];
    for (let i = 0; i < 30; i++) buyers.push(await newBuyer(w));
    const results = await Promise.all(
      buyers.map((b) =>
        checkoutRequest(w, b.bearer, [
          { variantId: v, quantity: 1 },
          { variantId: v, quantity: 2 },
        ]),
      ),
    );
    // 3 units each: 3 buyers get 9 units, the last unit stays free.
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(3);
    expect(await stockOf(w, v)).toMatchObject({ onHand: 10, reserved: 9 });
  });
});
