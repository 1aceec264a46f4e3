// Test fixtures of the fulfilment module: orders brought to ready_for_delivery through the orders module's
// public functions, a store calendar and fee rules set through the API.
import { expect } from 'vitest';
import type { TOrder } from '../orders/index.js';
import { allocateOrderUnit, applyOrderPayment, markContractSigned } from '../orders/index.js';
import {
  type Buyer,
  BYD_STORE,
  newBuyer,
  newCarListing,
  type OrdersWorld,
  placeOk,
  receiveUnit,
  sys,
} from '../orders/orders.testing.js';
import type { TDelivery, TSlot } from './fulfilment.contract.js';

export { BYD_STORE };

let paySeq = 0;

/**
 * A new-car order (BYD 汉 at BYD 朝阳, Beijing), paid in full: ready_for_delivery. New, so that completion waits
 * on the handover alone; the used-car gates (re-inspection, title transfer) have their own tests.
 */
export async function readyOrder(w: OrdersWorld, who?: Buyer): Promise<{ order: TOrder; buyer: Buyer }> {
  const buyer = who ?? (await newBuyer(w));
  const listingId = await newCarListing(w);
  await receiveUnit(w, { trimId: w.trims.bydHan, storeId: BYD_STORE, colour: '时空灰' });
  const placed = await placeOk(w, buyer, listingId);
  const db = w.t.database.db;
  const env = w.t.ctx.config;
  paySeq += 1;
  const dep = placed.deposit.amountFen;
  await applyOrderPayment(
    db,
    { orderId: placed.id, purpose: 'deposit', amountFen: dep, paymentRef: `f_dep_${paySeq}` },
    sys(w),
    env,
  );
  await allocateOrderUnit(db, { orderId: placed.id }, sys(w), env);
  const signed = await markContractSigned(
    db,
    { orderId: placed.id, contractId: `ctr_f_${paySeq}` },
    sys(w),
    env,
  );
  const order = await applyOrderPayment(
    db,
    {
      orderId: placed.id,
      purpose: 'balance',
      amountFen: signed.totalDueFen - dep,
      paymentRef: `f_bal_${paySeq}`,
    },
    sys(w),
    env,
  );
  expect(order.status).toBe('ready_for_delivery');
  return { order, buyer };
}

/** Weekly templates (every day 10:00-12:00 and 14:00-16:00) and the slots of a date range. */
export async function openCalendar(
  w: OrdersWorld,
  range: { from: string; to: string },
  capacity = { morning: 2, afternoon: 1 },
  storeId = BYD_STORE,
): Promise<void> {
  const templates = [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => [
    { weekday, startTime: '10:00', endTime: '12:00', capacity: capacity.morning },
    { weekday, startTime: '14:00', endTime: '16:00', capacity: capacity.afternoon },
  ]);
  const put = await w.t.app.inject({
    method: 'PUT',
    url: `/api/v1/fulfilment/stores/${storeId}/templates`,
    headers: w.supply.bearer,
    payload: { templates },
  });
  expect(put.statusCode, put.body).toBe(200);
  const gen = await w.t.app.inject({
    method: 'POST',
    url: `/api/v1/fulfilment/stores/${storeId}/slots/generate`,
    headers: w.supply.bearer,
    payload: range,
  });
  expect(gen.statusCode, gen.body).toBe(200);
}

/** Same city free, Beijing-Tianjin ¥800, otherwise ¥500 + ¥3/km. */
export async function feeRules(w: OrdersWorld): Promise<void> {
  for (const payload of [
    { kind: 'same_city', feeFen: 0 },
    { kind: 'city_pair', fromCityCode: '110100', toCityCode: '120100', feeFen: 80_000 },
    { kind: 'per_km', feeFen: 50_000, perKmFen: 300 },
  ]) {
    const res = await w.t.app.inject({
      method: 'POST',
      url: '/api/v1/fulfilment/fee-rules',
      headers: w.supply.bearer,
      payload,
    });
    expect(res.statusCode, res.body).toBe(201);
  }
}

export async function bookableSlots(
  w: OrdersWorld,
  buyer: Buyer,
  orderId: string,
  range: { from: string; to: string },
) {
  const res = await w.t.app.inject({
    method: 'GET',
    url: `/api/v1/fulfilment/orders/${orderId}/slots?from=${range.from}&to=${range.to}`,
    headers: buyer.bearer,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as TSlot[];
}

export const HOME_SHANGHAI = {
  province: '上海市',
  cityCode: '310100',
  district: '浦东新区',
  street: '世纪大道 100 号 3 号楼 1201 室',
  contactName: '王建国',
  contactPhone: '13800138000',
};

export function book(w: OrdersWorld, buyer: Buyer, orderId: string, body: Record<string, unknown>) {
  return w.t.app.inject({
    method: 'POST',
    url: `/api/v1/fulfilment/orders/${orderId}/booking`,
    headers: buyer.bearer,
    payload: body,
  });
}

export async function bookOk(w: OrdersWorld, buyer: Buyer, orderId: string, body: Record<string, unknown>) {
  const res = await book(w, buyer, orderId, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as TDelivery;
}
