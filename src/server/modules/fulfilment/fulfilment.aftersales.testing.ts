// Test fixtures of the fulfilment module's after-sales: an order paid in full through the sandbox gateway
// (deposit, allocation, both signatures, balance) and handed over, as the buyer would get there.
import { expect } from 'vitest';
import type { TPurchaseContract } from '../contracts/index.js';
import { advanceOrderDelivery, type TOrder } from '../orders/index.js';
import {
  type Buyer,
  drainJobs,
  newBuyer,
  newCarListing,
  type OrdersWorld,
  orderBody,
  placeRequest,
  receiveUnit,
  sys,
  usedCarListing,
} from '../orders/orders.testing.js';
import type { TPaymentIntent } from '../payments/index.js';

type Headers = Record<string, string>;

async function post(w: OrdersWorld, url: string, headers: Headers, payload: Record<string, unknown> = {}) {
  const res = await w.t.app.inject({ method: 'POST', url, headers, payload });
  expect(res.statusCode, `${url} ${res.body}`).toBeLessThan(300);
  return res.json() as Record<string, unknown>;
}

async function press(w: OrdersWorld, intentId: string) {
  const res = await w.t.app.inject({
    method: 'POST',
    url: `/api/v1/payments/sandbox/${intentId}/succeed`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: '',
  });
  expect(res.statusCode, res.body).toBe(303);
  await drainJobs(w);
}

export async function buyerOrder(w: OrdersWorld, buyer: Buyer, orderId: string): Promise<TOrder> {
  const res = await w.t.app.inject({
    method: 'GET',
    url: `/api/v1/orders/${orderId}`,
    headers: buyer.bearer,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as TOrder;
}

/** Places an order of a new (BYD 汉, a unit received for it) or used car and pays it to ready_for_delivery. */
export async function paidOrder(
  w: OrdersWorld,
  kind: 'new' | 'used',
  options: { buyer?: Buyer; beforeOrder?: (listingId: string) => Promise<void> } = {},
): Promise<{ buyer: Buyer; order: TOrder }> {
  const who = options.buyer ?? (await newBuyer(w));
  let listingId: string;
  if (kind === 'new') {
    listingId = await newCarListing(w);
    await receiveUnit(w, { trimId: w.trims.bydHan, storeId: 'sto_bj_byd_chaoyang', colour: '时空灰' });
  } else {
    listingId = (await usedCarListing(w)).listingId;
  }
  if (options.beforeOrder) await options.beforeOrder(listingId);
  const placed = await placeRequest(w, who, orderBody(listingId));
  expect(placed.statusCode, placed.body).toBe(201);
  const body = placed.json() as { id: string; payment: TPaymentIntent };
  await press(w, body.payment.id);
  await post(w, `/api/v1/orders/${body.id}/allocate`, w.operator.bearer);
  await drainJobs(w);
  const allocated = await buyerOrder(w, who, body.id);
  const contract = (
    await w.t.app.inject({
      method: 'GET',
      url: `/api/v1/contracts/${allocated.contractId}`,
      headers: who.bearer,
    })
  ).json() as TPurchaseContract;
  const signature = { documentSha256: contract.sha256, consent: true };
  await post(w, `/api/v1/contracts/${contract.id}/sign`, who.bearer, signature);
  await post(w, `/api/v1/contracts/${contract.id}/sign`, w.operator.bearer, signature);
  await drainJobs(w);
  const balance = (await post(w, `/api/v1/orders/${body.id}/payments`, who.bearer, {
    provider: 'wechat_pay',
  })) as unknown as TPaymentIntent;
  await press(w, balance.id);
  const order = await buyerOrder(w, who, body.id);
  expect(order.status).toBe('ready_for_delivery');
  return { buyer: who, order };
}

/** Hands the order's car over now (store pickup: schedule, then deliver). */
export async function handOver(w: OrdersWorld, orderId: string): Promise<TOrder> {
  await advanceOrderDelivery(
    w.t.database.db,
    { orderId, action: 'schedule_delivery', params: { slot: '到店自提' } },
    sys(w),
    w.t.ctx.config,
  );
  return advanceOrderDelivery(w.t.database.db, { orderId, action: 'deliver' }, sys(w), w.t.ctx.config);
}
