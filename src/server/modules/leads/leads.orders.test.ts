import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../testing/app.js';
import { applyOrderPayment } from '../orders/index.js';
import {
  drainJobs,
  newBuyer,
  type OrdersWorld,
  placeOk,
  setupOrdersWorld,
  sys,
  usedCarListing,
} from '../orders/orders.testing.js';
import { leadActivityTable, leadTable } from './leads.schema.js';

// The order side of the wiring through the real checkout: placing an order is an order_unpaid contact that
// moves the buyer's lead to negotiating; the paid deposit wins it and links the order.

let w: OrdersWorld;

beforeAll(async () => {
  const t = await createTestApp();
  t.clock.set('2026-12-08T01:00:00Z');
  w = await setupOrdersWorld(t);
});
afterAll(async () => {
  await w.t.close();
});

describe('orders make and win leads', () => {
  it('an unpaid order makes the buyer a negotiating lead of the dealer; the deposit wins it', async () => {
    const buyer = await newBuyer(w);
    const { listingId } = await usedCarListing(w);
    const order = await placeOk(w, buyer, listingId);
    await drainJobs(w);
    const db = w.t.database.db;
    const [lead] = await db.select().from(leadTable).where(eq(leadTable.phone, buyer.phone));
    expect(lead).toMatchObject({
      status: 'negotiating',
      firstSourceKind: 'order_unpaid',
      buyerId: buyer.id,
      name: '王建国',
    });
    expect(lead?.dealerId).not.toBeNull();
    expect(lead?.vehicles.map((v) => v.listingId)).toEqual([listingId]);

    await applyOrderPayment(
      db,
      { orderId: order.id, purpose: 'deposit', amountFen: 500_000, paymentRef: 'pay_lead_dep_1' },
      sys(w),
      w.t.ctx.config,
    );
    await drainJobs(w);
    const [won] = await db
      .select()
      .from(leadTable)
      .where(eq(leadTable.id, lead?.id ?? ''));
    expect(won).toMatchObject({ status: 'won', wonOrderId: order.id });
    const timeline = await db
      .select()
      .from(leadActivityTable)
      .where(eq(leadActivityTable.leadId, lead?.id ?? ''));
    expect(timeline.filter((a) => a.kind === 'order').map((a) => a.refId)).toEqual([order.id, order.id]);
  });
});
