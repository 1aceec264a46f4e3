import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxEvents } from '../../kernel/events/outbox.schema.js';
import { notifications } from '../../kernel/notify/notify.schema.js';
import { createTestApp } from '../../testing/app.js';
import { createTestStaff } from '../identity/identity.testing.js';
import { getUnit } from '../inventory/index.js';
import type { TStaffOrder } from '../orders/index.js';
import {
  BYD_STORE,
  BYD_STORE_2,
  drainJobs,
  type OrdersWorld,
  receiveUnit,
  setupOrdersWorld,
  TESLA_DEALER,
} from '../orders/orders.testing.js';
import { useSandboxGatewaysInProcess } from '../payments/payments.testing.js';
import { buyerOrder, handOver, paidOrder } from './fulfilment.aftersales.testing.js';
import type { TWarrantyClaim } from './fulfilment.warranty.contract.js';

// 三包 replacement: deciding "replace" gives the order a new car of the same trim and colour through the
// orders and inventory modules and takes the defective one back off sale; with none in stock the claim waits
// in replacement_pending (staff told once) and a retry after the car arrives finishes it.

let w: OrdersWorld;

beforeAll(async () => {
  const t = await createTestApp();
  t.clock.set(new Date('2026-12-08T02:00:00Z'));
  w = await setupOrdersWorld(t);
  useSandboxGatewaysInProcess(t);
});
afterAll(async () => {
  await w.t.close();
});

const engineClaim = {
  defect: 'engine',
  description: '交车第三天驱动电机异响，4S店检测需更换电机总成',
  mileageKm: 186,
  photos: ['/media/claims/motor-1.jpg'],
};

async function deliveredOrderWithClaim() {
  const { buyer, order } = await paidOrder(w, 'new');
  await handOver(w, order.id);
  await drainJobs(w);
  const res = await w.t.app.inject({
    method: 'POST',
    url: `/api/v1/fulfilment/warranty/orders/${order.id}/claims`,
    headers: buyer.bearer,
    payload: engineClaim,
  });
  expect(res.statusCode, res.body).toBe(201);
  const claim = res.json() as TWarrantyClaim;
  expect(claim.eligible).toBe(true);
  return { buyer, order: await buyerOrder(w, buyer, order.id), claim };
}

function post(headers: Record<string, string>, url: string, payload?: Record<string, unknown>) {
  return w.t.app.inject({ method: 'POST', url: `/api/v1/fulfilment/warranty${url}`, headers, payload });
}

async function staffOrder(orderId: string): Promise<TStaffOrder> {
  const res = await w.t.app.inject({
    method: 'GET',
    url: `/api/v1/orders/${orderId}/staff`,
    headers: w.operator.bearer,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as TStaffOrder;
}

const unitStatus = async (id: string) => (await getUnit(w.t.database.db, null, id, w.t.clock.now())).status;

describe('三包 replacement', () => {
  it('allocates a new car of the same trim and colour, takes the old one back, notes the timeline and tells the buyer', async () => {
    const { buyer, order, claim } = await deliveredOrderWithClaim();
    const before = await staffOrder(order.id);
    const oldUnitId = before.unitId ?? '';
    const oldVin = order.vin ?? '';
    expect(oldUnitId).not.toBe('');
    // Another colour at the order's store must not be chosen; the right colour is at the dealer's other store.
    const white = await receiveUnit(w, { trimId: w.trims.bydHan, storeId: BYD_STORE, colour: '雪域白' });
    const grey = await receiveUnit(w, { trimId: w.trims.bydHan, storeId: BYD_STORE_2, colour: '时空灰' });
    const cs = await createTestStaff(w.t.ctx, { roles: ['customer_service'] });

    const res = await post(cs.bearer, `/claims/${claim.id}/decision`, { decision: 'replace', reason: '' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'replacement',
      decision: 'replace',
      replacementUnitId: grey.id,
      replacementVin: grey.vin,
    });
    const after = await buyerOrder(w, buyer, order.id);
    expect(after).toMatchObject({ vin: grey.vin, status: order.status });
    expect((await staffOrder(order.id)).unitId).toBe(grey.id);
    expect(after.timeline.at(-1)?.note).toContain('三包换车已调配新车');
    expect(after.timeline.at(-1)?.note).toContain(grey.vin);
    expect(after.timeline.at(-1)?.note).toContain(oldVin);
    expect(await unitStatus(grey.id)).toBe('sold');
    // The defective car is off sale, on its way back (staff receive it after repair), never available.
    expect(await unitStatus(oldUnitId)).toBe('in_transit');
    expect(await unitStatus(white.id)).toBe('available');

    await drainJobs(w);
    const told = await w.t.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.templateKey, 'fulfilment.warranty_replacement_allocated'));
    expect(told.filter((n) => n.recipientId === buyer.id)).toHaveLength(1);
    expect(told[0]?.body).toContain(grey.vin);
    const events = await w.t.database.db
      .select()
      .from(outboxEvents)
      .where(eq(outboxEvents.aggregateId, claim.id))
      .orderBy(outboxEvents.id);
    expect(events.map((e) => e.type)).toContain('fulfilment.warranty_replacement_allocated');
    // Done once: neither a second decision nor a retry changes anything.
    expect((await post(cs.bearer, `/claims/${claim.id}/replacement/retry`)).json().error.code).toBe(
      'INVALID_TRANSITION',
    );
  });

  it('waits in replacement_pending with one staff notice when no car is in stock; a retry after one arrives finishes it', async () => {
    const { buyer, order, claim } = await deliveredOrderWithClaim();
    const oldUnitId = (await staffOrder(order.id)).unitId ?? '';
    expect(oldUnitId).not.toBe('');
    const cs = await createTestStaff(w.t.ctx, { roles: ['customer_service'] });

    const res = await post(cs.bearer, `/claims/${claim.id}/decision`, {
      decision: 'replace',
      reason: '电机总成故障',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'replacement_pending',
      decision: 'replace',
      replacementUnitId: null,
      replacementVin: null,
    });
    const unchanged = await buyerOrder(w, buyer, order.id);
    expect(unchanged.vin).toBe(order.vin);
    expect((await staffOrder(order.id)).unitId).toBe(oldUnitId);
    expect(unchanged.timeline.at(-1)?.note).toContain('三包申请已同意换车');
    expect(await unitStatus(oldUnitId)).not.toBe('in_transit');

    // Retrying with still nothing in stock is not an error: the claim keeps waiting, one staff notice in all.
    const still = await post(cs.bearer, `/claims/${claim.id}/replacement/retry`);
    expect(still.statusCode, still.body).toBe(200);
    expect(still.json()).toMatchObject({ status: 'replacement_pending' });
    await drainJobs(w);
    const notices = await w.t.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.templateKey, 'fulfilment.warranty_replacement_pending_staff'));
    expect(notices).toHaveLength(1);
    expect(notices[0]?.body).toContain(order.orderNumber);

    // Another dealer's staff cannot retry it.
    const tesla = await createTestStaff(w.t.ctx, { roles: ['dealer_staff'], dealerId: TESLA_DEALER });
    expect((await post(tesla.bearer, `/claims/${claim.id}/replacement/retry`)).statusCode).toBe(404);

    const arrived = await receiveUnit(w, { trimId: w.trims.bydHan, storeId: BYD_STORE, colour: '时空灰' });
    const done = await post(cs.bearer, `/claims/${claim.id}/replacement/retry`);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'replacement', replacementVin: arrived.vin });
    const after = await buyerOrder(w, buyer, order.id);
    expect(after.vin).toBe(arrived.vin);
    expect(await unitStatus(oldUnitId)).toBe('in_transit');
    expect(await unitStatus(arrived.id)).toBe('sold');
  });
});
