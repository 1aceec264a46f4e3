import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/audit/audit.schema.js';
import { createTestApp } from '../../testing/app.js';
import { type OrdersWorld, setupOrdersWorld } from '../orders/orders.testing.js';
import { deliveries, deliverySlots } from './fulfilment.schema.js';
import {
  BYD_STORE,
  book,
  bookableSlots,
  bookOk,
  feeRules,
  HOME_SHANGHAI,
  openCalendar,
  readyOrder,
} from './fulfilment.testing.js';

let w: OrdersWorld;
// Tuesday 2026-12-08 09:00 in Shanghai.
const T0 = new Date('2026-12-08T01:00:00Z');
const RANGE = { from: '2026-12-09', to: '2026-12-15' };

beforeAll(async () => {
  const t = await createTestApp();
  t.clock.set(T0);
  w = await setupOrdersWorld(t);
  await openCalendar(w, RANGE);
  await feeRules(w);
});
afterAll(async () => {
  await w.t.close();
});

const slotRow = async (id: string) =>
  (await w.t.database.db.select().from(deliverySlots).where(eq(deliverySlots.id, id)))[0];

describe('the delivery calendar', () => {
  it('generates two slots a day in Shanghai time, repeatably, and a closure removes a day', async () => {
    const res = await w.t.app.inject({
      method: 'GET',
      url: `/api/v1/fulfilment/stores/${BYD_STORE}/slots?from=${RANGE.from}&to=${RANGE.to}`,
      headers: w.supply.bearer,
    });
    const slots = res.json() as { date: string; startsAt: string; capacity: number }[];
    expect(slots).toHaveLength(14);
    expect(slots[0]).toMatchObject({ date: '2026-12-09', startsAt: '2026-12-09T02:00:00.000Z', capacity: 2 });
    const again = await w.t.app.inject({
      method: 'POST',
      url: `/api/v1/fulfilment/stores/${BYD_STORE}/slots/generate`,
      headers: w.supply.bearer,
      payload: RANGE,
    });
    expect(again.json()).toEqual({ created: 0, removed: 0 });

    const closed = await w.t.app.inject({
      method: 'POST',
      url: `/api/v1/fulfilment/stores/${BYD_STORE}/closures`,
      headers: w.supply.bearer,
      payload: { date: '2026-12-15', reason: '门店盘点' },
    });
    expect(closed.statusCode, closed.body).toBe(201);
    const after = await w.t.app.inject({
      method: 'GET',
      url: `/api/v1/fulfilment/stores/${BYD_STORE}/slots?from=2026-12-15&to=2026-12-15`,
      headers: w.supply.bearer,
    });
    expect(after.json()).toEqual([]);
    const audits = await w.t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, BYD_STORE), eq(auditLog.action, 'delivery_closure.create')));
    expect(audits).toHaveLength(1);
  });

  it('refuses a reversed range, overlapping templates, and another dealer’s store', async () => {
    const bad = await w.t.app.inject({
      method: 'POST',
      url: `/api/v1/fulfilment/stores/${BYD_STORE}/slots/generate`,
      headers: w.supply.bearer,
      payload: { from: '2026-12-20', to: '2026-12-10' },
    });
    expect(bad.json()).toMatchObject({ error: { code: 'DELIVERY_RANGE_INVALID' } });
    const twice = await w.t.app.inject({
      method: 'PUT',
      url: `/api/v1/fulfilment/stores/${BYD_STORE}/templates`,
      headers: w.supply.bearer,
      payload: {
        templates: [
          { weekday: 1, startTime: '10:00', endTime: '12:00', capacity: 1 },
          { weekday: 1, startTime: '10:00', endTime: '11:00', capacity: 1 },
        ],
      },
    });
    expect(twice.statusCode).toBe(400);
    const tesla = await w.t.app.inject({
      method: 'GET',
      url: `/api/v1/fulfilment/stores/${BYD_STORE}/calendar`,
      headers: w.teslaStaff.bearer,
    });
    expect(tesla.statusCode).toBe(404);
  });
});

describe('booking', () => {
  it('quotes the fee by rule: same city free, a city pair, per km, unknown city', async () => {
    const { order, buyer } = await readyOrder(w);
    const q = (qs: string) =>
      w.t.app.inject({
        method: 'GET',
        url: `/api/v1/fulfilment/orders/${order.id}/quote?${qs}`,
        headers: buyer.bearer,
      });
    expect((await q('mode=home&cityCode=110100')).json()).toMatchObject({ feeFen: 0, basis: 'same_city' });
    expect((await q('mode=home&cityCode=120100')).json()).toMatchObject({
      feeFen: 80_000,
      basis: 'city_pair',
    });
    const sh = (await q('mode=home&cityCode=310100')).json() as {
      feeFen: number;
      distanceKm: number;
      basis: string;
    };
    expect(sh.basis).toBe('per_km');
    // Beijing-Shanghai is about 1,070 km in a straight line; by road about 1,340.
    expect(sh.distanceKm).toBeGreaterThan(1_250);
    expect(sh.distanceKm).toBeLessThan(1_450);
    expect(sh.feeFen).toBe(50_000 + 300 * sh.distanceKm);
    expect((await q('mode=pickup')).json()).toMatchObject({ feeFen: 0, basis: 'pickup' });
    expect((await q('mode=home&cityCode=999999')).json()).toMatchObject({
      error: { code: 'DELIVERY_CITY_UNKNOWN' },
    });
  });

  it('books pickup: the slot is taken, the order is delivery_scheduled; moving it frees the old slot', async () => {
    const { order, buyer } = await readyOrder(w);
    const slots = await bookableSlots(w, buyer, order.id, RANGE);
    const [first, second] = slots;
    if (!first || !second) throw new Error('no slots');
    const d = await bookOk(w, buyer, order.id, { mode: 'pickup', slotId: first.id });
    expect(d).toMatchObject({ mode: 'pickup', status: 'scheduled', feeFen: 0, slot: { id: first.id } });
    expect(d.checklist.filter((i) => i.kind === 'pdi')).toHaveLength(6);
    expect((await slotRow(first.id))?.booked).toBe(1);
    const orderNow = await w.t.app.inject({
      method: 'GET',
      url: `/api/v1/orders/${order.id}`,
      headers: buyer.bearer,
    });
    expect(orderNow.json()).toMatchObject({ status: 'delivery_scheduled' });

    const moved = await bookOk(w, buyer, order.id, {
      mode: 'home',
      slotId: second.id,
      address: HOME_SHANGHAI,
    });
    expect(moved.id).toBe(d.id);
    expect(moved).toMatchObject({ mode: 'home', address: { cityCode: '310100' } });
    expect(moved.address?.masked).not.toContain('1201');
    expect(moved.feeFen).toBeGreaterThan(0);
    expect((await slotRow(first.id))?.booked).toBe(0);
    expect((await slotRow(second.id))?.booked).toBe(1);
    // booking the same slot again changes nothing
    await bookOk(w, buyer, order.id, { mode: 'home', slotId: second.id, address: HOME_SHANGHAI });
    expect((await slotRow(second.id))?.booked).toBe(1);
  });

  it('refuses a full slot, a past slot, a fee the buyer did not see, another buyer, and home without address', async () => {
    const a = await readyOrder(w);
    const b = await readyOrder(w);
    const slots = await bookableSlots(w, a.buyer, a.order.id, RANGE);
    const afternoon = slots.find((s) => s.startsAt.endsWith('T06:00:00.000Z') && s.available === 1);
    if (!afternoon) throw new Error('no afternoon slot');
    await bookOk(w, a.buyer, a.order.id, { mode: 'pickup', slotId: afternoon.id });
    const full = await book(w, b.buyer, b.order.id, { mode: 'pickup', slotId: afternoon.id });
    expect(full.statusCode).toBe(409);
    expect(full.json()).toMatchObject({ error: { code: 'DELIVERY_SLOT_FULL' } });
    expect((await bookableSlots(w, b.buyer, b.order.id, RANGE)).map((s) => s.id)).not.toContain(afternoon.id);

    const other = await book(w, a.buyer, b.order.id, { mode: 'pickup', slotId: slots[0]?.id });
    expect(other.json()).toMatchObject({ error: { code: 'ORDER_NOT_FOUND' } });
    const noAddress = await book(w, b.buyer, b.order.id, { mode: 'home', slotId: slots[0]?.id });
    expect(noAddress.statusCode).toBe(400);
    const fee = await book(w, b.buyer, b.order.id, {
      mode: 'home',
      slotId: slots[0]?.id,
      address: HOME_SHANGHAI,
      expectedFeeFen: 0,
    });
    expect(fee.json()).toMatchObject({ error: { code: 'DELIVERY_FEE_CHANGED' } });

    w.t.clock.set(new Date('2026-12-09T03:00:00Z'));
    try {
      const past = await book(w, b.buyer, b.order.id, { mode: 'pickup', slotId: slots[0]?.id });
      expect(past.json()).toMatchObject({ error: { code: 'DELIVERY_SLOT_UNAVAILABLE' } });
    } finally {
      w.t.clock.set(T0);
    }
  });

  it('gives the slot back when the buyer cancels the order before the handover', async () => {
    const { order, buyer } = await readyOrder(w);
    const [slot] = await bookableSlots(w, buyer, order.id, RANGE);
    if (!slot) throw new Error('no slot');
    await bookOk(w, buyer, order.id, { mode: 'pickup', slotId: slot.id });
    const taken = (await slotRow(slot.id))?.booked ?? 0;
    const cancel = await w.t.app.inject({
      method: 'POST',
      url: `/api/v1/orders/${order.id}/cancel`,
      headers: buyer.bearer,
      payload: { reason: '计划有变' },
    });
    expect(cancel.statusCode, cancel.body).toBe(200);
    // Earlier tests left notices queued: run jobs until the queue is empty.
    for (let i = 0; i < 50 && (await w.t.ctx.jobs.runDueOnce()).ran > 0; i++);
    expect((await slotRow(slot.id))?.booked).toBe(taken - 1);
    const [d] = await w.t.database.db.select().from(deliveries).where(eq(deliveries.orderId, order.id));
    expect(d?.status).toBe('cancelled');
  });
});
