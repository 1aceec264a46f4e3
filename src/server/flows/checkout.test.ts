import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TPurchaseContract } from '../modules/contracts/index.js';
import type { TOrder } from '../modules/orders/index.js';
import {
  drainJobs,
  newBuyer,
  newCarListing,
  type OrdersWorld,
  orderBody,
  placeRequest,
  receiveUnit,
  setupOrdersWorld,
  usedCarListing,
} from '../modules/orders/orders.testing.js';
import { assertLedgerBalanced, orderMoney, type TPaymentIntent } from '../modules/payments/index.js';
import { setSandboxKnobs, useSandboxGatewaysInProcess } from '../modules/payments/payments.testing.js';
import { createTestApp } from '../testing/app.js';
import type { TCheckoutResponse } from './checkout.contract.js';

// The checkout flow end to end through the HTTP API: order + deposit intent in one step, the sandbox
// gateway's signed notification moving the order, allocation issuing the contract, both signatures moving
// the order on, the balance, cancellation money, and the risk hold. The ledger balances after every test.

let w: OrdersWorld;
const NOW = new Date('2026-12-07T02:00:00Z');

beforeAll(async () => {
  const t = await createTestApp();
  t.clock.set(NOW);
  w = await setupOrdersWorld(t);
  useSandboxGatewaysInProcess(t);
});
afterEach(async () => {
  await assertLedgerBalanced(w.t.database.db);
  useSandboxGatewaysInProcess(w.t);
});
afterAll(async () => {
  await w.t.close();
});

type Headers = Record<string, string>;
const get = (url: string, headers: Headers) => w.t.app.inject({ method: 'GET', url, headers });
const post = (url: string, headers: Headers, payload: Record<string, unknown> = {}) =>
  w.t.app.inject({ method: 'POST', url, headers, payload });

async function press(intentId: string, action: 'succeed' | 'fail' | 'close' = 'succeed') {
  const res = await w.t.app.inject({
    method: 'POST',
    url: `/api/v1/payments/sandbox/${intentId}/${action}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: '',
  });
  expect(res.statusCode, res.body).toBe(303);
  await drainJobs(w);
}

async function orderOf(id: string, headers: Headers): Promise<TOrder> {
  const res = await get(`/api/v1/orders/${id}`, headers);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as TOrder;
}

async function checkoutUsedCar(patch: Record<string, unknown> = {}) {
  const buyer = await newBuyer(w);
  const car = await usedCarListing(w);
  const res = await placeRequest(w, buyer, orderBody(car.listingId, patch));
  expect(res.statusCode, res.body).toBe(201);
  return { buyer, car, placed: res.json() as TCheckoutResponse };
}

describe('checkout to ready for delivery', () => {
  it('pays the deposit, allocates, signs both sides, pays the balance, and the ledger holds every fen', async () => {
    const { buyer, placed } = await checkoutUsedCar();
    expect(placed.status).toBe('created');
    const deposit = placed.payment as TPaymentIntent;
    expect(deposit).toMatchObject({
      orderId: placed.id,
      purpose: 'deposit',
      provider: 'alipay',
      amountFen: placed.deposit.amountFen,
      status: 'pending',
    });
    expect(deposit.payUrl).toContain(`/sandbox/pay/${deposit.id}`);

    await press(deposit.id);
    let order = await orderOf(placed.id, buyer.bearer);
    expect(order.status).toBe('deposit_paid');
    expect(order.depositPaidFen).toBe(placed.deposit.amountFen);
    expect(order.timeline.map((e) => e.to)).toEqual(['created', 'deposit_paid']);

    const allocated = await post(`/api/v1/orders/${placed.id}/allocate`, w.operator.bearer, {});
    expect(allocated.statusCode, allocated.body).toBe(200);
    await drainJobs(w);
    order = await orderOf(placed.id, buyer.bearer);
    expect(order.status).toBe('vehicle_allocated');
    expect(order.contractId).not.toBeNull();

    const contract = (
      await get(`/api/v1/contracts/${order.contractId}`, buyer.bearer)
    ).json() as TPurchaseContract;
    expect(contract.totalFen).toBe(order.totalDueFen);
    const buyerSigns = await post(`/api/v1/contracts/${contract.id}/sign`, buyer.bearer, {
      documentSha256: contract.sha256,
      consent: true,
    });
    expect(buyerSigns.statusCode, buyerSigns.body).toBe(200);
    const dealerSigns = await post(`/api/v1/contracts/${contract.id}/sign`, w.operator.bearer, {
      documentSha256: contract.sha256,
      consent: true,
    });
    expect(dealerSigns.statusCode, dealerSigns.body).toBe(200);
    await drainJobs(w);
    order = await orderOf(placed.id, buyer.bearer);
    expect(order.status).toBe('contract_signed');
    expect(order.amountDueNowFen).toBe(order.totalDueFen - order.deposit.amountFen);

    const balanceRes = await post(`/api/v1/orders/${placed.id}/payments`, buyer.bearer, {
      provider: 'wechat_pay',
    });
    expect(balanceRes.statusCode, balanceRes.body).toBe(201);
    const balance = balanceRes.json() as TPaymentIntent;
    expect(balance).toMatchObject({ purpose: 'balance', amountFen: order.amountDueNowFen });
    // Asking again returns the live intent rather than a second charge.
    const again = await post(`/api/v1/orders/${placed.id}/payments`, buyer.bearer, {
      provider: 'wechat_pay',
    });
    expect((again.json() as TPaymentIntent).id).toBe(balance.id);

    await press(balance.id);
    order = await orderOf(placed.id, buyer.bearer);
    expect(order.status).toBe('ready_for_delivery');
    expect(order.timeline.map((e) => e.to)).toEqual([
      'created',
      'deposit_paid',
      'vehicle_allocated',
      'contract_signed',
      'balance_paid',
      'ready_for_delivery',
    ]);
    const money = await orderMoney(w.t.database.db, placed.id);
    expect(money.paidFen).toBe(order.totalDueFen);
    expect(money.refundedFen).toBe(0);
    const nothing = await post(`/api/v1/orders/${placed.id}/payments`, buyer.bearer, { provider: 'alipay' });
    expect(nothing.statusCode).toBe(409);
    expect(nothing.json().error.code).toBe('ORDER_NOTHING_TO_PAY');
  });

  it('gives one order and one deposit intent for a retried checkout with the same Idempotency-Key', async () => {
    const buyer = await newBuyer(w);
    const car = await usedCarListing(w);
    const body = orderBody(car.listingId);
    const first = await placeRequest(w, buyer, body, 'checkout-retry-1');
    const second = await placeRequest(w, buyer, body, 'checkout-retry-1');
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    const a = first.json() as TCheckoutResponse;
    const b = second.json() as TCheckoutResponse;
    expect(b.id).toBe(a.id);
    expect(b.payment?.id).toBe(a.payment?.id);
    const list = (await get(`/api/v1/orders/${a.id}/payments`, buyer.bearer)).json() as {
      items: TPaymentIntent[];
    };
    expect(list.items).toHaveLength(1);
  });

  it('settles an order whose notification never arrives through the gateway query job', async () => {
    setSandboxKnobs(w.t.ctx, { lossRate: 1 });
    const { buyer, placed } = await checkoutUsedCar();
    await press((placed.payment as TPaymentIntent).id);
    expect((await orderOf(placed.id, buyer.bearer)).status).toBe('created');
    w.t.clock.advance(2 * 60_000);
    await drainJobs(w);
    expect((await orderOf(placed.id, buyer.bearer)).status).toBe('deposit_paid');
  });
});

describe('cancellation money', () => {
  it('refunds a refundable deposit in full through the gateway it came from', async () => {
    const { buyer, placed } = await checkoutUsedCar({ depositKind: 'refundable', depositFen: 500_000 });
    await press((placed.payment as TPaymentIntent).id);
    const res = await post(`/api/v1/orders/${placed.id}/cancel`, buyer.bearer, { reason: '家里决定再看看' });
    expect(res.statusCode, res.body).toBe(200);
    await drainJobs(w);
    const money = await orderMoney(w.t.database.db, placed.id);
    expect(money).toMatchObject({ paidFen: 500_000, refundedFen: 500_000, forfeitedFen: 0, netHeldFen: 0 });
  });

  it('forfeits a binding deposit when the buyer walks away once the car is allocated', async () => {
    const { buyer, placed } = await checkoutUsedCar({ depositKind: 'binding', depositFen: 1_000_000 });
    await press((placed.payment as TPaymentIntent).id);
    const allocated = await post(`/api/v1/orders/${placed.id}/allocate`, w.operator.bearer, {});
    expect(allocated.statusCode, allocated.body).toBe(200);
    await drainJobs(w);
    const res = await post(`/api/v1/orders/${placed.id}/cancel`, buyer.bearer, { reason: '不想要了' });
    expect(res.statusCode, res.body).toBe(200);
    await drainJobs(w);
    const money = await orderMoney(w.t.database.db, placed.id);
    expect(money).toMatchObject({ paidFen: 1_000_000, refundedFen: 0, forfeitedFen: 1_000_000 });
  });

  it('returns a binding deposit double when the seller walks away', async () => {
    const buyer = await newBuyer(w);
    const listingId = await newCarListing(w);
    await receiveUnit(w, { trimId: w.trims.bydHan, storeId: 'sto_bj_byd_chaoyang', colour: '时空灰' });
    const res = await placeRequest(
      w,
      buyer,
      orderBody(listingId, { depositKind: 'binding', depositFen: 2_000_000 }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const placed = res.json() as TCheckoutResponse;
    await press((placed.payment as TPaymentIntent).id);
    const cancel = await post(`/api/v1/orders/${placed.id}/cancel-by-seller`, w.operator.bearer, {
      reason: '车辆在运输途中受损，无法交付',
    });
    expect(cancel.statusCode, cancel.body).toBe(200);
    await drainJobs(w);
    // The deposit goes back through the provider; its refund API will not pay more than the trade, so the
    // compensation waits for finance, who pays it by bank transfer and records it.
    const waiting = await w.t.app.inject({
      method: 'GET',
      url: '/api/v1/payments/staff/refunds?status=awaiting_transfer',
      headers: w.riskOfficer.bearer,
    });
    const compensation = (
      waiting.json() as { items: { id: string; orderId: string; amountFen: number }[] }
    ).items.find((r) => r.orderId === placed.id);
    expect(compensation).toMatchObject({ amountFen: 2_000_000 });
    const recorded = await post(
      `/api/v1/payments/staff/refunds/${compensation?.id}/transfer`,
      w.riskOfficer.bearer,
      {
        bankReference: 'CMB2026120700042',
      },
    );
    expect(recorded.statusCode, recorded.body).toBe(200);
    const money = await orderMoney(w.t.database.db, placed.id);
    // 2,000,000 back and 2,000,000 more: 定金 returned double (Civil Code art. 587).
    expect(money).toMatchObject({ paidFen: 2_000_000, refundedFen: 2_000_000, compensationFen: 2_000_000 });
  });
});

describe('refund after delivery', () => {
  it('holds the money of a cancellation whose car was already handed over until a person clears it', async () => {
    const { buyer, placed } = await checkoutUsedCar({ depositKind: 'refundable', depositFen: 500_000 });
    await press((placed.payment as TPaymentIntent).id);
    // The deposit is paid: the car is sold to this order. Staff then record it as handed over.
    const order = await orderOf(placed.id, buyer.bearer);
    const unitId = (
      (await get(`/api/v1/orders/${placed.id}/staff`, w.operator.bearer)).json() as { unitId: string }
    ).unitId;
    expect(order.status).toBe('deposit_paid');
    const delivered = await post(`/api/v1/inventory/units/${unitId}/deliver`, w.supply.bearer, {});
    expect(delivered.statusCode, delivered.body).toBe(200);

    const cancel = await post(`/api/v1/orders/${placed.id}/cancel`, buyer.bearer, { reason: '想退订金' });
    expect(cancel.statusCode, cancel.body).toBe(200);
    await drainJobs(w);
    expect(await orderMoney(w.t.database.db, placed.id)).toMatchObject({ paidFen: 500_000, refundedFen: 0 });
    const cases = (await get(`/api/v1/risk/cases?orderId=${placed.id}`, w.riskOfficer.bearer)).json() as {
      items: { id: string; rule: string; subjectType: string }[];
    };
    const held = cases.items.find((c) => c.rule === 'refund_after_delivery');
    expect(held?.subjectType).toBe('refund');

    const decided = await post(`/api/v1/risk/cases/${held?.id}/decision`, w.riskOfficer.bearer, {
      decision: 'cleared',
      note: '车辆交付后发现严重质量问题，同意退款',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    await drainJobs(w);
    expect(await orderMoney(w.t.database.db, placed.id)).toMatchObject({
      paidFen: 500_000,
      refundedFen: 500_000,
    });
  });
});

describe('risk hold', () => {
  it('places a flagged order without a payment link until a person clears it', async () => {
    const enable = await w.t.app.inject({
      method: 'PUT',
      url: '/api/v1/risk/rules/phone_velocity',
      headers: w.operator.bearer,
      payload: { limit: 3, windowMinutes: 1440, enabled: true },
    });
    expect(enable.statusCode, enable.body).toBe(200);
    const buyer = await newBuyer(w);
    let last: TCheckoutResponse | null = null;
    for (let i = 0; i < 4; i++) {
      const car = await usedCarListing(w);
      const body = orderBody(car.listingId);
      const res = await placeRequest(w, buyer, {
        ...body,
        buyer: { ...(body.buyer as object), phone: '186 1234 5678' },
      });
      expect(res.statusCode, res.body).toBe(201);
      last = res.json() as TCheckoutResponse;
      if (i < 3) expect(last.payment).not.toBeNull();
    }
    const flagged = last as TCheckoutResponse;
    expect(flagged.riskReview).toBe('pending');
    expect(flagged.payment).toBeNull();
    const refused = await post(`/api/v1/orders/${flagged.id}/payments`, buyer.bearer, { provider: 'alipay' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('ORDER_RISK_REVIEW_PENDING');

    const cases = (await get(`/api/v1/risk/cases?orderId=${flagged.id}`, w.riskOfficer.bearer)).json() as {
      items: { id: string }[];
    };
    const caseId = cases.items[0]?.id;
    expect(caseId).toBeDefined();
    const decided = await post(`/api/v1/risk/cases/${caseId}/decision`, w.riskOfficer.bearer, {
      decision: 'cleared',
      note: '同一家庭为亲属购车，已电话核实',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    await drainJobs(w);
    expect((await orderOf(flagged.id, buyer.bearer)).riskReview).toBe('cleared');
    const pay = await post(`/api/v1/orders/${flagged.id}/payments`, buyer.bearer, { provider: 'alipay' });
    expect(pay.statusCode, pay.body).toBe(201);
    await w.t.app.inject({
      method: 'PUT',
      url: '/api/v1/risk/rules/phone_velocity',
      headers: w.operator.bearer,
      payload: { limit: 3, windowMinutes: 1440, enabled: false },
    });
  });
});
