import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestApp } from '../../testing/app.js';
import { orderTable } from './orders.schema.js';
import {
  type Buyer,
  newBuyer,
  type OrdersWorld,
  orderBody,
  placeRequest,
  quoteOf,
  setupOrdersWorld,
  usedCarListing,
} from './orders.testing.js';

// Placement races on real PostgreSQL (PGlite has one connection, so nothing there can race).

const onPostgres = inject('testDb').backend === 'postgres';
let w: OrdersWorld;

describe.runIf(onPostgres)('placing orders under concurrency (PostgreSQL only)', () => {
  beforeAll(async () => {
    const t = await createTestApp();
    t.clock.set('2026-12-07T02:00:00Z');
    w = await setupOrdersWorld(t);
  });
  afterAll(async () => {
    await w?.t.close();
  });

  it('gives a used car to exactly one of 200 buyers ordering it at once; the rest get 409 INVENTORY_UNAVAILABLE', async () => {
    const { listingId, unitId } = await usedCarListing(w);
    const buyers: Buyer[] = [];
    for (let i = 0; i < 200; i++) buyers.push(await newBuyer(w));
    const quoteId = await quoteOf(w, buyers[0] as Buyer, listingId);
    const results = await Promise.all(
      buyers.map((b) => placeRequest(w, b, orderBody(listingId, { quoteId }))),
    );
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(199);
    expect(new Set(results.filter((r) => r.statusCode === 409).map((r) => r.json().error.code))).toEqual(
      new Set(['INVENTORY_UNAVAILABLE']),
    );
    const orders = await w.t.database.db.select().from(orderTable).where(eq(orderTable.listingId, listingId));
    expect(orders).toHaveLength(1);
    expect(orders[0]?.unitId).toBe(unitId);
  });

  it('hands out distinct, gapless order numbers to concurrent placements on one day', async () => {
    const listings = [];
    for (let i = 0; i < 20; i++) listings.push(await usedCarListing(w));
    const buyer = await newBuyer(w);
    const results = await Promise.all(listings.map((l) => placeRequest(w, buyer, orderBody(l.listingId))));
    expect(results.map((r) => r.statusCode)).toEqual(results.map(() => 201));
    const all = await w.t.database.db.select({ n: orderTable.orderNumber }).from(orderTable);
    const seqs = all.map((r) => Number(r.n.slice(-6))).sort((a, b) => a - b);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });
});
