import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/audit/audit.schema.js';
import { decryptPersonal } from '../../kernel/crypto.js';
import { outboxEvents } from '../../kernel/events/outbox.schema.js';
import { devSmsMessages } from '../../kernel/notify/sms/sms.schema.js';
import { createTestApp } from '../../testing/app.js';
import type { TOrder, TStaffOrder } from './orders.contract.js';
import { applyOrderPayment } from './orders.lifecycle.js';
import { maxBindingDepositFen } from './orders.policy.js';
import { orderEventTable, orderTable } from './orders.schema.js';
import {
  BYD_STORE,
  drainJobs,
  HAN_PRICE,
  ID_WANG,
  newBuyer,
  newCarListing,
  type OrdersWorld,
  orderBody,
  placeOk,
  placeRequest,
  quoteOf,
  receiveUnit,
  setupOrdersWorld,
  sys,
  usedCarListing,
} from './orders.testing.js';

let w: OrdersWorld;
const NOW = new Date('2026-12-07T02:00:00Z'); // 10:00 in Beijing

beforeAll(async () => {
  const t = await createTestApp();
  t.clock.set(NOW);
  w = await setupOrdersWorld(t);
});
afterAll(async () => {
  await w.t.close();
});

const get = (url: string, headers: Record<string, string>) => w.t.app.inject({ method: 'GET', url, headers });
const post = (url: string, headers: Record<string, string>, payload: Record<string, unknown> = {}) =>
  w.t.app.inject({ method: 'POST', url, headers, payload });

describe('placing an order', () => {
  it('holds the used car, freezes the quote and deposit terms, encrypts the buyer and numbers the order', async () => {
    const buyer = await newBuyer(w);
    const { listingId, unitId, vin } = await usedCarListing(w);
    const quoteId = await quoteOf(w, buyer, listingId);
    const order = await placeOk(w, buyer, listingId, { quoteId });
    expect(order).toMatchObject({
      status: 'created',
      riskReview: 'none',
      listingKind: 'used',
      vin,
      quoteId,
      barePriceFen: 13_880_000,
      depositPaidFen: 0,
      amountDueNowFen: 500_000,
      buyer: {
        name: '王建国',
        phoneMasked: '138****8000',
        idNumberMasked: `${ID_WANG.slice(0, 6)}********${ID_WANG.slice(-4)}`,
      },
      deposit: { kind: 'refundable', amountFen: 500_000, termsVersion: 'deposit-refundable-2026-01' },
      preferredProvider: 'alipay',
      actions: ['cancel'],
    });
    expect(order.orderNumber).toMatch(/^AY20261207-\d{6}$/);
    expect(order.deposit.termsText).toContain('订金');
    expect(order.paymentDeadline).toBe(new Date(NOW.getTime() + 30 * 60_000).toISOString());
    expect(order.timeline).toEqual([expect.objectContaining({ from: null, to: 'created', actor: 'buyer' })]);
    expect(order.landedTotalFen).toBeGreaterThan(order.barePriceFen);
    expect(order.totalDueFen).toBe(order.landedTotalFen);

    const [row] = await w.t.database.db.select().from(orderTable).where(eq(orderTable.id, order.id));
    expect(row?.unitId).toBe(unitId);
    expect(row?.idNumberEnc).not.toContain(ID_WANG);
    expect(decryptPersonal(w.t.ctx.config, row?.idNumberEnc ?? '')).toBe(ID_WANG);
    expect(decryptPersonal(w.t.ctx.config, row?.buyerPhoneEnc ?? '')).toBe('13800138000');
    expect(row?.idNumberHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.depositTermsHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.channelUserAgent).toBe('AutoyardTest/1.0');
    const audits = await w.t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, order.id), eq(auditLog.action, 'order.create')));
    expect(audits).toHaveLength(1);
    const events = await w.t.database.db
      .select()
      .from(outboxEvents)
      .where(eq(outboxEvents.aggregateId, order.id))
      .orderBy(outboxEvents.id);
    expect(events.map((e) => e.type)).toContain('orders.created');

    // the car is taken: a second buyer gets 409 and nothing is stored for them
    const other = await newBuyer(w);
    const taken = await placeRequest(w, other, orderBody(listingId));
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ error: { code: 'INVENTORY_UNAVAILABLE' } });
    expect(
      await w.t.database.db.select().from(orderTable).where(eq(orderTable.buyerId, other.id)),
    ).toHaveLength(0);
  });

  it('sends the first SMS with the order number and the vehicle', async () => {
    const buyer = await newBuyer(w);
    const { listingId } = await usedCarListing(w);
    const order = await placeOk(w, buyer, listingId);
    await drainJobs(w);
    const sms = await w.t.database.db
      .select()
      .from(devSmsMessages)
      .where(eq(devSmsMessages.phone, '13800138000'));
    const first = sms.find((m) => m.text.includes(order.orderNumber));
    expect(first?.template).toBe('orders.created');
    expect(first?.text).toContain('比亚迪 汉 2023款 EV 创世版 715KM 准新车');
    expect(first?.text).toContain('¥5,000.00');
    expect(first?.text).toMatch(/^【Autoyard】订单已提交：/);
    const inbox = await get('/api/v1/platform/notifications', buyer.bearer);
    if (inbox.statusCode === 200) expect(inbox.body).toContain(order.orderNumber);
  });

  it('gives one order for two requests with the same Idempotency-Key', async () => {
    const buyer = await newBuyer(w);
    const listingId = await newCarListing(w);
    await receiveUnit(w, { trimId: w.trims.bydHan, storeId: BYD_STORE, colour: '时空灰' });
    await receiveUnit(w, { trimId: w.trims.bydHan, storeId: BYD_STORE, colour: '时空灰' });
    const body = orderBody(listingId);
    const first = await placeRequest(w, buyer, body, 'order-key-1');
    const again = await placeRequest(w, buyer, body, 'order-key-1');
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(first.json().id);
    const rows = await w.t.database.db.select().from(orderTable).where(eq(orderTable.buyerId, buyer.id));
    expect(rows).toHaveLength(1);
  });

  it('refuses a binding deposit over 20% of the price (400) and outdated terms (409)', async () => {
    const buyer = await newBuyer(w);
    const listingId = await newCarListing(w);
    await receiveUnit(w, { trimId: w.trims.bydHan, storeId: BYD_STORE, colour: '时空灰' });
    const max = maxBindingDepositFen(HAN_PRICE);
    expect(max).toBe(4_196_000); // 20% of ¥209,800 = ¥41,960
    const over = await placeRequest(
      w,
      buyer,
      orderBody(listingId, { depositKind: 'binding', depositFen: max + 1 }),
    );
    expect(over.statusCode).toBe(400);
    expect(over.json()).toMatchObject({ error: { code: 'DEPOSIT_OVER_LIMIT', details: { maxFen: max } } });
    const old = await placeRequest(
      w,
      buyer,
      orderBody(listingId, { acceptDepositTerms: { version: 'deposit-refundable-2025-01', accepted: true } }),
    );
    expect(old.statusCode).toBe(409);
    expect(old.json()).toMatchObject({ error: { code: 'DEPOSIT_TERMS_OUTDATED' } });
    const unticked = await placeRequest(
      w,
      buyer,
      orderBody(listingId, {
        acceptDepositTerms: { version: 'deposit-refundable-2026-01', accepted: false },
      }),
    );
    expect(unticked.statusCode).toBe(400);
    const badId = await placeRequest(
      w,
      buyer,
      orderBody(listingId, {
        buyer: { name: '王建国', phone: '13800138000', idNumber: `${ID_WANG.slice(0, 17)}0` },
      }),
    );
    expect(badId.statusCode).toBe(400);
    expect(
      await w.t.database.db.select().from(orderTable).where(eq(orderTable.buyerId, buyer.id)),
    ).toHaveLength(0);
    const ok = await placeOk(w, buyer, listingId, { depositKind: 'binding', depositFen: max });
    expect(ok.deposit).toMatchObject({
      kind: 'binding',
      amountFen: max,
      termsVersion: 'deposit-binding-2026-01',
    });
    expect(ok.deposit.termsText).toContain('双倍返还定金');
  });

  it('answers the deposit terms to show, with the binding limit', async () => {
    const res = await get(`/api/v1/orders/deposit-terms?kind=binding&priceFen=${HAN_PRICE}`, {});
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      kind: 'binding',
      version: 'deposit-binding-2026-01',
      maxDepositFen: 4_196_000,
      defaultDepositFen: 500_000,
      freeCancelHours: 24,
    });
    expect(res.json().text).toContain('¥41,960.00');
    const en = await w.t.app.inject({
      method: 'GET',
      url: '/api/v1/orders/deposit-terms?kind=refundable&priceFen=100000',
      headers: { 'accept-language': 'en' },
    });
    expect(en.json().text).toMatch(/refundable deposit/);
  });
});

describe('buyers and their orders', () => {
  it("lists my orders and shows my order with its timeline; another buyer's is 404", async () => {
    const buyer = await newBuyer(w);
    const { listingId } = await usedCarListing(w);
    const order = await placeOk(w, buyer, listingId);
    const mine = await get('/api/v1/orders/mine', buyer.bearer);
    expect(mine.json().items.map((o: { id: string }) => o.id)).toEqual([order.id]);
    const detail = await get(`/api/v1/orders/${order.id}`, buyer.bearer);
    expect(detail.json()).toMatchObject({ id: order.id, timeline: [{ to: 'created' }] });
    const stranger = await newBuyer(w);
    expect((await get(`/api/v1/orders/${order.id}`, stranger.bearer)).statusCode).toBe(404);
    expect(
      (await post(`/api/v1/orders/${order.id}/cancel`, stranger.bearer, { reason: '不想要了' })).statusCode,
    ).toBe(404);
  });

  it('previews and cancels a paid refundable order with a full refund, and a second cancel is 409', async () => {
    const buyer = await newBuyer(w);
    const { listingId, unitId } = await usedCarListing(w);
    const order = await placeOk(w, buyer, listingId);
    await applyOrderPayment(
      w.t.database.db,
      { orderId: order.id, purpose: 'deposit', amountFen: 500_000, paymentRef: `pay_${order.id}` },
      sys(w),
      w.t.ctx.config,
    );
    const preview = await get(`/api/v1/orders/${order.id}/cancellation-preview`, buyer.bearer);
    expect(preview.json()).toMatchObject({
      paidFen: 500_000,
      refundFen: 500_000,
      forfeitFen: 0,
      compensationFen: 0,
      rule: 'refundable_full_refund',
    });
    const cancel = await post(`/api/v1/orders/${order.id}/cancel`, buyer.bearer, { reason: '家人不同意' });
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect(cancel.json()).toMatchObject({
      order: { status: 'cancelled', cancelledBy: 'buyer', settlement: { refundFen: 500_000 } },
      settlement: { refundFen: 500_000 },
    });
    const events = await w.t.database.db
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.aggregateId, order.id), eq(outboxEvents.type, 'orders.cancelled')))
      .orderBy(outboxEvents.id);
    expect(events[0]?.payload).toMatchObject({
      by: 'buyer',
      refundFen: 500_000,
      forfeitFen: 0,
      compensationFen: 0,
    });
    // the car is back on sale
    const unit = await get(`/api/v1/inventory/units/${unitId}`, w.supply.bearer);
    expect(unit.json().status).toBe('available');
    const again = await post(`/api/v1/orders/${order.id}/cancel`, buyer.bearer, { reason: '再取消一次' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      error: { code: 'INVALID_TRANSITION', details: { from: 'cancelled' } },
    });
    const timeline = await w.t.database.db
      .select()
      .from(orderEventTable)
      .where(eq(orderEventTable.orderId, order.id))
      .orderBy(orderEventTable.at, orderEventTable.id);
    expect(timeline.map((e) => e.toStatus)).toEqual(['created', 'deposit_paid', 'cancelled']);
  });
});

describe('staff', () => {
  it('allocates from the console; allocating again or before payment is 409', async () => {
    const buyer = await newBuyer(w);
    const { listingId } = await usedCarListing(w);
    const order = await placeOk(w, buyer, listingId);
    const early = await post(`/api/v1/orders/${order.id}/allocate`, w.operator.bearer);
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({
      error: { code: 'INVALID_TRANSITION', details: { from: 'created' } },
    });
    await applyOrderPayment(
      w.t.database.db,
      { orderId: order.id, purpose: 'deposit', amountFen: 500_000, paymentRef: `pay_${order.id}` },
      sys(w),
      w.t.ctx.config,
    );
    const staffView = (
      await get(`/api/v1/orders/${order.id}/staff`, w.operator.bearer)
    ).json() as TStaffOrder;
    expect(staffView.staffActions).toEqual(['allocate', 'cancel_by_seller']);
    const ok = await post(`/api/v1/orders/${order.id}/allocate`, w.bydStaff.bearer);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'vehicle_allocated' });
    const twice = await post(`/api/v1/orders/${order.id}/allocate`, w.bydStaff.bearer);
    expect(twice.statusCode).toBe(409);
  });

  it("scopes dealer staff to their dealer's orders: another dealer's order is 404 and absent from lists", async () => {
    const buyer = await newBuyer(w);
    const { listingId } = await usedCarListing(w);
    const order = await placeOk(w, buyer, listingId);
    expect((await get(`/api/v1/orders/${order.id}/staff`, w.teslaStaff.bearer)).statusCode).toBe(404);
    expect(
      (await post(`/api/v1/orders/${order.id}/cancel-by-seller`, w.teslaStaff.bearer, { reason: '无车' }))
        .statusCode,
    ).toBe(404);
    const teslaList = (await get('/api/v1/orders', w.teslaStaff.bearer)).json();
    expect(teslaList.items.map((o: { id: string }) => o.id)).not.toContain(order.id);
    const bydList = (await get('/api/v1/orders?limit=100', w.bydStaff.bearer)).json();
    expect(bydList.items.map((o: { id: string }) => o.id)).toContain(order.id);
    expect((await get(`/api/v1/orders?dealerId=${'dlr_demo_bj_byd'}`, w.teslaStaff.bearer)).statusCode).toBe(
      403,
    );
    expect((await get('/api/v1/orders', w.marketing.bearer)).statusCode).toBe(403);
    expect((await get('/api/v1/orders', buyerHeaders(buyer))).statusCode).toBe(403);
  });

  it('searches by order number, phone last 4 and VIN, filters by status and exports CSV', async () => {
    const buyer = await newBuyer(w);
    const { listingId, vin } = await usedCarListing(w);
    const order = await placeOk(w, buyer, listingId, {
      buyer: { name: '李娜', phone: '13912345678', idNumber: ID_WANG },
    });
    const byNumber = (await get(`/api/v1/orders?q=${order.orderNumber}`, w.operator.bearer)).json();
    expect(byNumber.items.map((o: TOrder) => o.id)).toEqual([order.id]);
    const byPhone = (await get('/api/v1/orders?q=5678', w.operator.bearer)).json();
    expect(byPhone.items.map((o: TOrder) => o.id)).toEqual([order.id]);
    const byVin = (await get(`/api/v1/orders?q=${vin.slice(-6)}`, w.operator.bearer)).json();
    expect(byVin.items.map((o: TOrder) => o.id)).toEqual([order.id]);
    const cancelled = (await get('/api/v1/orders?status=cancelled&limit=100', w.operator.bearer)).json();
    expect(cancelled.items.map((o: TOrder) => o.id)).not.toContain(order.id);
    const today = (
      await get('/api/v1/orders?from=2026-12-07&to=2026-12-07&limit=100', w.operator.bearer)
    ).json();
    expect(today.items.map((o: TOrder) => o.id)).toContain(order.id);
    const yesterday = (await get('/api/v1/orders?to=2026-12-06', w.operator.bearer)).json();
    expect(yesterday.items).toHaveLength(0);
    const csv = await get(`/api/v1/orders/export.csv?q=${order.orderNumber}`, w.operator.bearer);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body
      .replace(/^\ufeff/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toContain('订单号');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(order.orderNumber);
    expect(lines[1]).toContain('139****5678');
    expect(csv.body).not.toContain('13912345678');
  });

  it('puts a flagged order under review; rejecting it cancels with a full refund', async () => {
    const buyer = await newBuyer(w);
    const { listingId } = await usedCarListing(w);
    const { placeOrder } = await import('./orders.place.js');
    const quoteId = await quoteOf(w, buyer, listingId);
    const body = orderBody(listingId, { quoteId });
    const { row } = await placeOrder(
      w.t.database.db,
      {
        ...(body as unknown as Parameters<typeof placeOrder>[1]),
        buyer: { name: '王建国', phone: '13800138000', idNumber: ID_WANG },
        riskFlags: ['device_shared_by_5_buyers'],
      },
      {
        actor: { kind: 'buyer', buyerId: buyer.id, sessionId: 's', phone: buyer.phone },
        at: NOW,
        requestId: null,
        ip: '203.0.113.9',
        lang: 'zh-CN',
      },
      w.t.ctx.config,
    );
    expect(row.riskReview).toBe('pending');
    await applyOrderPayment(
      w.t.database.db,
      { orderId: row.id, purpose: 'deposit', amountFen: 500_000, paymentRef: `pay_${row.id}` },
      sys(w),
      w.t.ctx.config,
    );
    const blocked = await post(`/api/v1/orders/${row.id}/allocate`, w.operator.bearer);
    expect(blocked.json()).toMatchObject({ error: { code: 'ORDER_RISK_REVIEW_PENDING' } });
    expect(
      (await post(`/api/v1/orders/${row.id}/risk-review`, w.bydStaff.bearer, { decision: 'rejected' }))
        .statusCode,
    ).toBe(403);
    const rejected = await post(`/api/v1/orders/${row.id}/risk-review`, w.riskOfficer.bearer, {
      decision: 'rejected',
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toMatchObject({
      status: 'cancelled',
      riskReview: 'rejected',
      cancelledBy: 'system',
      cancelReason: 'risk_rejected',
      settlement: { refundFen: 500_000, forfeitFen: 0 },
    });
  });
});

function buyerHeaders(buyer: { bearer: { authorization: string } }) {
  return buyer.bearer;
}
