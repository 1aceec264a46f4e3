import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxEvents } from '../../kernel/events/outbox.schema.js';
import { notifications } from '../../kernel/notify/notify.schema.js';
import { devSmsMessages } from '../../kernel/notify/sms/sms.schema.js';
import { createTestApp } from '../../testing/app.js';
import {
  advance,
  type Buyer,
  drainJobs,
  type OrdersWorld,
  setupOrdersWorld,
} from '../orders/orders.testing.js';
import { routePoint, signCarrierEvent } from './fulfilment.carriers.js';
import type { TCarrierEvent, TDelivery } from './fulfilment.contract.js';
import { HANDOVER_ITEMS, PDI_ITEMS } from './fulfilment.enums.js';
import { alertDelayedDeliveries } from './fulfilment.jobs.js';
import {
  bookableSlots,
  bookOk,
  feeRules,
  HOME_SHANGHAI,
  openCalendar,
  readyOrder,
} from './fulfilment.testing.js';

let w: OrdersWorld;
const T0 = new Date('2026-12-08T01:00:00Z');
const RANGE = { from: '2026-12-09', to: '2026-12-20' };
const PHOTO = { name: 'handover.jpg', contentType: 'image/jpeg', dataBase64: '/9j/4AAQSkZJRgABAQ==' };

beforeAll(async () => {
  const t = await createTestApp();
  t.clock.set(T0);
  w = await setupOrdersWorld(t);
  await openCalendar(w, RANGE, { morning: 5, afternoon: 5 });
  await feeRules(w);
});
afterAll(async () => {
  await w.t.close();
});

const api = (
  method: 'GET' | 'POST',
  url: string,
  headers: Record<string, string>,
  payload?: Record<string, unknown>,
) =>
  payload === undefined
    ? w.t.app.inject({ method, url: `/api/v1/fulfilment${url}`, headers })
    : w.t.app.inject({ method, url: `/api/v1/fulfilment${url}`, headers, payload });
const orderStatus = async (orderId: string, buyer: Buyer) =>
  (await w.t.app.inject({ method: 'GET', url: `/api/v1/orders/${orderId}`, headers: buyer.bearer })).json()
    .status;

async function signAll(id: string, kind: 'pdi' | 'handover', except: string[] = []) {
  for (const code of kind === 'pdi' ? PDI_ITEMS : HANDOVER_ITEMS) {
    if (except.includes(code)) continue;
    const res = await api('POST', `/deliveries/${id}/checklist/${kind}/${code}`, w.bydStaff.bearer, {});
    expect(res.statusCode, res.body).toBe(200);
  }
}

async function bookedHome(): Promise<{ d: TDelivery; buyer: Buyer; orderId: string }> {
  const { order, buyer } = await readyOrder(w);
  const [slot] = await bookableSlots(w, buyer, order.id, RANGE);
  const d = await bookOk(w, buyer, order.id, { mode: 'home', slotId: slot?.id, address: HOME_SHANGHAI });
  return { d, buyer, orderId: order.id };
}

function signedPost(event: TCarrierEvent, signature?: string) {
  return w.t.app.inject({
    method: 'POST',
    url: '/api/v1/fulfilment/carriers/sandbox/events',
    headers: { 'x-carrier-signature': signature ?? signCarrierEvent(w.t.ctx.config, 'sandbox', event) },
    payload: event,
  });
}

describe('home delivery from Beijing to Shanghai', () => {
  let d: TDelivery;
  let buyer: Buyer;
  let orderId: string;

  it('assigns a carrier and people (dealer-scoped), refuses dispatch with an open PDI item', async () => {
    ({ d, buyer, orderId } = await bookedHome());
    const tesla = await api('POST', `/deliveries/${d.id}/assign`, w.teslaStaff.bearer, {
      carrier: 'sandbox',
    });
    expect(tesla.statusCode).toBe(404);
    const noCarrier = await api('POST', `/deliveries/${d.id}/dispatch`, w.bydStaff.bearer);
    expect(noCarrier.json()).toMatchObject({ error: { code: 'DELIVERY_CARRIER_REQUIRED' } });
    const assigned = await api('POST', `/deliveries/${d.id}/assign`, w.bydStaff.bearer, {
      carrier: 'sandbox',
      driverName: '李师傅',
      advisorName: '张晓燕',
    });
    expect(assigned.json()).toMatchObject({
      carrier: 'sandbox',
      driverName: '李师傅',
      advisorName: '张晓燕',
    });
    const unconnected = await api('POST', `/deliveries/${d.id}/assign`, w.bydStaff.bearer, {
      carrier: 'anji',
    });
    expect(unconnected.json()).toMatchObject({ error: { code: 'DELIVERY_CARRIER_UNAVAILABLE' } });
    await signAll(d.id, 'pdi', ['road_test']);
    const open = await api('POST', `/deliveries/${d.id}/dispatch`, w.bydStaff.bearer);
    expect(open.statusCode).toBe(409);
    expect(open.json()).toMatchObject({
      error: { code: 'DELIVERY_CHECKLIST_OPEN', details: { items: ['pdi.road_test'] } },
    });
  });

  it('dispatches: the order is in transit and the sandbox carrier reports along the route as time passes', async () => {
    await signAll(d.id, 'pdi');
    const sent = await api('POST', `/deliveries/${d.id}/dispatch`, w.bydStaff.bearer);
    expect(sent.statusCode, sent.body).toBe(200);
    const dispatched = sent.json() as TDelivery;
    expect(dispatched).toMatchObject({ status: 'in_transit' });
    expect(dispatched.trackingNumber).toMatch(/^SBX/);
    expect(await orderStatus(orderId, buyer)).toBe('in_transit');

    // Nothing is due yet; after 31 minutes the car is picked up at the store.
    await drainJobs(w);
    expect((await api('GET', `/orders/${orderId}/delivery`, buyer.bearer)).json().tracking).toEqual([]);
    await advance(w, 31 * 60_000);
    await drainJobs(w);
    let mine = (await api('GET', `/orders/${orderId}/delivery`, buyer.bearer)).json() as TDelivery;
    expect(mine.tracking.map((e) => e.kind)).toEqual(['picked_up']);
    expect(mine.tracking[0]).toMatchObject({ latitude: d.origin.latitude, longitude: d.origin.longitude });

    // The buyer cannot accept a car still on the road.
    const early = await api('POST', `/orders/${orderId}/handover`, buyer.bearer, { photos: [PHOTO] });
    expect(early.json()).toMatchObject({ error: { code: 'DELIVERY_NOT_ARRIVED' } });

    await advance(w, 2 * 86_400_000);
    await drainJobs(w);
    mine = (await api('GET', `/orders/${orderId}/delivery`, buyer.bearer)).json() as TDelivery;
    expect(mine.tracking.map((e) => e.kind)).toEqual(['picked_up', 'hub', 'out_for_delivery', 'delivered']);
    expect(mine.trackingStage).toBe('delivered');
    const hub = mine.tracking[1];
    const mid = routePoint(d.origin, d.destination, 0.5);
    expect(hub).toMatchObject({ latitude: mid.latitude, longitude: mid.longitude });
    // Between the two cities, near neither.
    expect(hub?.latitude).toBeLessThan(d.origin.latitude - 2);
    expect(hub?.latitude).toBeGreaterThan(d.destination.latitude + 2);
    expect(mine.tracking.at(-1)).toMatchObject({
      latitude: d.destination.latitude,
      longitude: d.destination.longitude,
    });
  });

  it('refuses a handover with an open checklist item or no invoice, and completion with an open gate (409)', async () => {
    await signAll(d.id, 'handover', ['certificate_of_conformity']);
    const open = await api('POST', `/orders/${orderId}/handover`, buyer.bearer, { photos: [PHOTO] });
    expect(open.statusCode).toBe(409);
    expect(open.json()).toMatchObject({
      error: { code: 'DELIVERY_CHECKLIST_OPEN', details: { items: ['handover.certificate_of_conformity'] } },
    });
    const complete = await api('POST', `/deliveries/${d.id}/complete`, w.bydStaff.bearer);
    expect(complete.statusCode).toBe(409);
    expect(complete.json()).toMatchObject({
      error: {
        code: 'DELIVERY_GATE_OPEN',
        details: {
          gate: 'handover',
          missing: ['handover.certificate_of_conformity', 'invoice', 'buyer_acceptance'],
        },
      },
    });
    await signAll(d.id, 'handover');
    const noInvoice = await api('POST', `/orders/${orderId}/handover`, buyer.bearer, { photos: [PHOTO] });
    expect(noInvoice.json()).toMatchObject({ error: { code: 'DELIVERY_INVOICE_REQUIRED' } });
    const badInvoice = await api('POST', `/deliveries/${d.id}/invoice`, w.bydStaff.bearer, {
      number: 'ABC',
      amountFen: 1,
    });
    expect(badInvoice.statusCode).toBe(400);
  });

  it('the buyer accepts with photos: the order is delivered and, with every gate passed, completed', async () => {
    const inv = await api('POST', `/deliveries/${d.id}/invoice`, w.bydStaff.bearer, {
      number: '12345678',
      amountFen: 13_880_000,
    });
    expect(inv.json()).toMatchObject({ invoice: { number: '12345678', amountFen: 13_880_000 } });
    const noPhoto = await api('POST', `/orders/${orderId}/handover`, buyer.bearer, { photos: [] });
    expect(noPhoto.statusCode).toBe(400);
    const ok = await api('POST', `/orders/${orderId}/handover`, buyer.bearer, { photos: [PHOTO, PHOTO] });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'completed', photoCount: 2 });
    expect(await orderStatus(orderId, buyer)).toBe('completed');
    const events = await w.t.database.db
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.aggregateId, orderId), eq(outboxEvents.type, 'orders.status_changed')))
      .orderBy(outboxEvents.id);
    expect(events.map((e) => (e.payload as { to: string }).to).slice(-4)).toEqual([
      'delivery_scheduled',
      'in_transit',
      'delivered',
      'completed',
    ]);
    // The flows mark the car's stock unit delivered.
    await drainJobs(w);
    const staffOrder = await w.t.app.inject({
      method: 'GET',
      url: `/api/v1/orders/${orderId}/staff`,
      headers: w.supply.bearer,
    });
    const unitId = (staffOrder.json() as { unitId: string | null }).unitId;
    const unit = await w.t.app.inject({
      method: 'GET',
      url: `/api/v1/inventory/units/${unitId}`,
      headers: w.supply.bearer,
    });
    expect(unit.json()).toMatchObject({ status: 'delivered' });
  });
});

describe('carrier events through the signed endpoint', () => {
  it('ignores duplicates, keeps out-of-order events in time order, never moves the stage back, refuses bad signatures', async () => {
    const { d, buyer, orderId } = await bookedHome();
    await api('POST', `/deliveries/${d.id}/assign`, w.bydStaff.bearer, { carrier: 'sandbox' });
    await signAll(d.id, 'pdi');
    const tn = ((await api('POST', `/deliveries/${d.id}/dispatch`, w.bydStaff.bearer)).json() as TDelivery)
      .trackingNumber;
    if (!tn) throw new Error('no tracking number');
    const at = (min: number) => new Date(w.t.clock.now().getTime() + min * 60_000).toISOString();
    const ev = (id: string, kind: TCarrierEvent['kind'], min: number): TCarrierEvent => ({
      eventId: id,
      trackingNumber: tn,
      kind,
      occurredAt: at(min),
      latitude: 35,
      longitude: 118,
      place: '济南',
    });
    const outForDelivery = ev('x-3', 'out_for_delivery', 600);
    const pickedUp = ev('x-1', 'picked_up', 10);
    expect((await signedPost(outForDelivery)).json()).toEqual({ recorded: true });
    expect((await signedPost(pickedUp)).json()).toEqual({ recorded: true });
    expect((await signedPost(pickedUp)).json()).toEqual({ recorded: false });
    const forged = await signedPost(ev('x-9', 'delivered', 700), 'deadbeef');
    expect(forged.statusCode).toBe(401);
    expect(forged.json()).toMatchObject({ error: { code: 'DELIVERY_SIGNATURE_INVALID' } });
    const unknown = await signedPost({ ...ev('x-8', 'hub', 5), trackingNumber: 'SBXNOPE' });
    expect(unknown.statusCode).toBe(404);

    const mine = (await api('GET', `/orders/${orderId}/delivery`, buyer.bearer)).json() as TDelivery;
    expect(mine.tracking.map((e) => e.kind)).toEqual(['picked_up', 'out_for_delivery']);
    expect(mine.trackingStage).toBe('out_for_delivery');
    const updates = await w.t.database.db
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.aggregateId, d.id), eq(outboxEvents.type, 'fulfilment.tracking_updated')))
      .orderBy(outboxEvents.id);
    expect(updates).toHaveLength(2);
  });

  it('store pickup has no carrier and is handed over without one', async () => {
    const { order, buyer } = await readyOrder(w);
    const [slot] = await bookableSlots(w, buyer, order.id, RANGE);
    const d = await bookOk(w, buyer, order.id, { mode: 'pickup', slotId: slot?.id });
    const carrier = await api('POST', `/deliveries/${d.id}/assign`, w.bydStaff.bearer, {
      carrier: 'sandbox',
    });
    expect(carrier.json()).toMatchObject({ error: { code: 'DELIVERY_PICKUP_HAS_NO_CARRIER' } });
    const dispatch = await api('POST', `/deliveries/${d.id}/dispatch`, w.bydStaff.bearer);
    expect(dispatch.json()).toMatchObject({ error: { code: 'DELIVERY_PICKUP_HAS_NO_CARRIER' } });
    await api('POST', `/deliveries/${d.id}/assign`, w.bydStaff.bearer, { advisorName: '张晓燕' });
    await signAll(d.id, 'pdi');
    await signAll(d.id, 'handover');
    await api('POST', `/deliveries/${d.id}/invoice`, w.bydStaff.bearer, {
      number: '87654321',
      amountFen: 13_880_000,
    });
    const ok = await api('POST', `/orders/${order.id}/handover`, buyer.bearer, { photos: [PHOTO] });
    expect(ok.json()).toMatchObject({ status: 'completed' });
    expect(await orderStatus(order.id, buyer)).toBe('completed');
  });
});

describe('delays and rates', () => {
  it('alerts staff and the buyer once when a slot passes without a handover, and reports the rates', async () => {
    const { d, buyer } = await bookedHome();
    await advance(w, new Date(d.slot.endsAt).getTime() + 60_000 - w.t.clock.now().getTime());
    expect(
      await alertDelayedDeliveries(w.t.database.db, w.t.clock.now(), w.t.ctx.config),
    ).toBeGreaterThanOrEqual(1);
    expect(await alertDelayedDeliveries(w.t.database.db, w.t.clock.now(), w.t.ctx.config)).toBe(0);
    await drainJobs(w);
    const mine = await w.t.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.templateKey, 'fulfilment.delivery_delayed'));
    expect(mine.map((n) => n.recipientId)).toContain(buyer.id);
    const sms = await w.t.database.db
      .select()
      .from(devSmsMessages)
      .where(eq(devSmsMessages.template, 'fulfilment.delivery_delayed'));
    expect(sms.length).toBeGreaterThanOrEqual(1);
    const staff = await w.t.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.templateKey, 'fulfilment.delivery_delayed_staff'));
    expect(staff.length).toBeGreaterThanOrEqual(1);
    const board = await api('GET', '/deliveries?delayed=true', w.supply.bearer);
    expect((board.json() as { items: TDelivery[] }).items.map((i) => i.id)).toContain(d.id);

    const rates = await api('GET', '/reports/rates?from=2026-12-01&to=2026-12-31', w.supply.bearer);
    expect(rates.statusCode, rates.body).toBe(200);
    const r = rates.json() as {
      handedOver: number;
      onTime: number;
      ready: number;
      delayedOpen: number;
      rate48h: number;
    };
    expect(r.handedOver).toBe(2);
    expect(r.onTime).toBeGreaterThanOrEqual(1);
    expect(r.delayedOpen).toBeGreaterThanOrEqual(1);
    expect(r.ready).toBeGreaterThanOrEqual(4);
    const scoped = await api('GET', '/reports/rates?from=2026-12-01&to=2026-12-31', w.teslaStaff.bearer);
    expect(scoped.json()).toMatchObject({ handedOver: 0, ready: 0 });
  });
});
