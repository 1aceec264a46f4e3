import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxEvents } from '../../kernel/events/outbox.schema.js';
import { AppError } from '../../kernel/http/errors.js';
import { devSmsMessages } from '../../kernel/notify/sms/sms.schema.js';
import { createTestApp } from '../../testing/app.js';
import { autoAllocateOrders, expireUnpaidOrders, sendPaymentReminders } from './orders.jobs.js';
import {
  advanceOrderDelivery,
  allocateOrderUnit,
  applyOrderPayment,
  cancelOrder,
  changeOrderSpec,
  type DeliveryAction,
  markContractSigned,
  markLoanDisbursed,
} from './orders.lifecycle.js';
import { orderPaymentTable, orderTable } from './orders.schema.js';
import {
  advance,
  BYD_STORE,
  BYD_STORE_2,
  drainJobs,
  newBuyer,
  newCarListing,
  type OrdersWorld,
  placeOk,
  receiveUnit,
  setupOrdersWorld,
  sys,
  usedCarListing,
} from './orders.testing.js';

let w: OrdersWorld;
const T0 = new Date('2026-12-08T01:00:00Z');

beforeAll(async () => {
  const t = await createTestApp();
  t.clock.set(T0);
  w = await setupOrdersWorld(t);
});
afterAll(async () => {
  await w.t.close();
});

const db = () => w.t.database.db;
const env = () => w.t.ctx.config;
const unitStatus = async (id: string) =>
  (
    await w.t.app.inject({ method: 'GET', url: `/api/v1/inventory/units/${id}`, headers: w.supply.bearer })
  ).json().status as string;
const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'ok';
  } catch (err) {
    return err instanceof AppError ? err.code : String(err);
  }
};
const pay = (orderId: string, purpose: 'deposit' | 'balance', amountFen: number, ref: string) =>
  applyOrderPayment(db(), { orderId, purpose, amountFen, paymentRef: ref }, sys(w), env());

describe('an order from deposit to ready for delivery', () => {
  it('pays the deposit (the car is sold), allocates, signs, pays the balance and becomes ready', async () => {
    const buyer = await newBuyer(w);
    const { listingId, unitId } = await usedCarListing(w);
    const order = await placeOk(w, buyer, listingId);
    expect(await codeOf(pay(order.id, 'deposit', 400_000, 'pay_wrong'))).toBe('ORDER_PAYMENT_MISMATCH');
    expect(
      await codeOf(markContractSigned(db(), { orderId: order.id, contractId: 'ctr_1' }, sys(w), env())),
    ).toBe('INVALID_TRANSITION');
    const paid = await pay(order.id, 'deposit', 500_000, 'pay_dep_1');
    expect(paid).toMatchObject({ status: 'deposit_paid', depositPaidFen: 500_000 });
    expect(await unitStatus(unitId)).toBe('sold');
    // the same payment again is a no-op
    const again = await pay(order.id, 'deposit', 500_000, 'pay_dep_1');
    expect(again.version).toBe(paid.version);
    expect(await codeOf(pay(order.id, 'balance', 1_000_000, 'pay_bal_early'))).toBe('INVALID_TRANSITION');

    await allocateOrderUnit(db(), { orderId: order.id }, sys(w), env());
    const signed = await markContractSigned(
      db(),
      { orderId: order.id, contractId: 'ctr_2026_0001' },
      sys(w),
      env(),
    );
    expect(signed.status).toBe('contract_signed');
    // a repeated signing callback changes nothing
    expect(
      (await markContractSigned(db(), { orderId: order.id, contractId: 'ctr_2026_0001' }, sys(w), env()))
        .version,
    ).toBe(signed.version);
    const due = signed.totalDueFen - 500_000;
    expect(await codeOf(pay(order.id, 'balance', due + 1, 'pay_over'))).toBe('ORDER_PAYMENT_MISMATCH');
    const part = await pay(order.id, 'balance', 1_000_000, 'pay_bal_1');
    expect(part).toMatchObject({ status: 'contract_signed', balancePaidFen: 1_000_000 });
    const done = await pay(order.id, 'balance', due - 1_000_000, 'pay_bal_2');
    expect(done).toMatchObject({ status: 'ready_for_delivery', balancePaidFen: due });
    expect(done.readyAt).not.toBeNull();
    const events = await db()
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.aggregateId, order.id), eq(outboxEvents.type, 'orders.status_changed')))
      .orderBy(outboxEvents.id);
    expect(
      events.map((e) => {
        const p = e.payload as { from: string; to: string };
        return `${p.from}->${p.to}`;
      }),
    ).toEqual([
      'created->deposit_paid',
      'deposit_paid->vehicle_allocated',
      'vehicle_allocated->contract_signed',
      'contract_signed->balance_paid',
      'balance_paid->ready_for_delivery',
    ]);
    await drainJobs(w);
    const sms = await db().select().from(devSmsMessages).where(eq(devSmsMessages.phone, '13800138000'));
    const mine = sms.filter((m) => m.text.includes(order.orderNumber)).map((m) => m.template);
    expect(mine).toEqual(
      expect.arrayContaining([
        'orders.created',
        'orders.deposit_paid',
        'orders.vehicle_allocated',
        'orders.contract_signed',
        'orders.balance_paid',
        'orders.ready_for_delivery',
      ]),
    );
  });

  it('moves through the delivery states once each, stamps the handover, and refuses to cancel after it', async () => {
    const buyer = await newBuyer(w);
    const { listingId } = await usedCarListing(w);
    const order = await placeOk(w, buyer, listingId, { paymentMethod: 'loan', loanApplicationId: 'loan_d' });
    await pay(order.id, 'deposit', 500_000, `dep_${order.id}`);
    await allocateOrderUnit(db(), { orderId: order.id }, sys(w), env());
    await markContractSigned(db(), { orderId: order.id, contractId: 'ctr_d' }, sys(w), env());
    expect(
      await codeOf(
        advanceOrderDelivery(db(), { orderId: order.id, action: 'schedule_delivery' }, sys(w), env()),
      ),
    ).toBe('INVALID_TRANSITION');
    await markLoanDisbursed(db(), { orderId: order.id, loanApplicationId: 'loan_d' }, sys(w), env());
    const move = (action: DeliveryAction) =>
      advanceOrderDelivery(
        db(),
        { orderId: order.id, action, params: { slot: '12月10日 10:00-12:00' } },
        sys(w),
        env(),
      );
    expect(await codeOf(move('deliver'))).toBe('INVALID_TRANSITION');
    const booked = await move('schedule_delivery');
    expect(booked.status).toBe('delivery_scheduled');
    // a retried reaction changes nothing
    expect((await move('schedule_delivery')).version).toBe(booked.version);
    await move('dispatch');
    const delivered = await move('deliver');
    expect(delivered).toMatchObject({ status: 'delivered', deliveredAt: T0 });
    expect(
      await codeOf(cancelOrder(db(), { orderId: order.id, by: 'seller', reason: '测试' }, sys(w), env())),
    ).toBe('INVALID_TRANSITION');
    expect(await move('complete')).toMatchObject({ status: 'completed', completedAt: T0 });
    await drainJobs(w);
    const sms = await db().select().from(devSmsMessages).where(eq(devSmsMessages.phone, '13800138000'));
    const mine = sms.filter((m) => m.text.includes(order.orderNumber));
    expect(mine.find((m) => m.template === 'orders.delivery_scheduled')?.text).toContain(
      '12月10日 10:00-12:00',
    );
    expect(mine.map((m) => m.template)).toEqual(
      expect.arrayContaining(['orders.in_transit', 'orders.delivered', 'orders.completed']),
    );
  });

  it('goes through loan_disbursed for a loan order; a full-payment order refuses a loan', async () => {
    const buyer = await newBuyer(w);
    const { listingId } = await usedCarListing(w);
    const order = await placeOk(w, buyer, listingId, { paymentMethod: 'loan', loanApplicationId: 'loan_01' });
    await pay(order.id, 'deposit', 500_000, `dep_${order.id}`);
    await allocateOrderUnit(db(), { orderId: order.id }, sys(w), env());
    await markContractSigned(db(), { orderId: order.id, contractId: 'ctr_loan' }, sys(w), env());
    expect(
      await codeOf(
        markLoanDisbursed(db(), { orderId: order.id, loanApplicationId: 'loan_02' }, sys(w), env()),
      ),
    ).toBe('ORDER_LOAN_APPLICATION_REQUIRED');
    const ready = await markLoanDisbursed(
      db(),
      { orderId: order.id, loanApplicationId: 'loan_01' },
      sys(w),
      env(),
    );
    expect(ready.status).toBe('ready_for_delivery');

    const full = await placeOk(w, buyer, (await usedCarListing(w)).listingId);
    expect(
      await codeOf(
        markLoanDisbursed(db(), { orderId: full.id, loanApplicationId: 'loan_03' }, sys(w), env()),
      ),
    ).toBe('ORDER_LOAN_APPLICATION_REQUIRED');
  });
});

describe('payments that arrive late', () => {
  it('takes the same car again when the hold expired but the car is still there', async () => {
    const buyer = await newBuyer(w);
    const { listingId, unitId } = await usedCarListing(w);
    const order = await placeOk(w, buyer, listingId);
    await advance(w, 31 * 60_000);
    const { expireHolds } = await import('../inventory/index.js');
    await expireHolds(db(), sys(w));
    expect(await unitStatus(unitId)).toBe('available');
    const paid = await pay(order.id, 'deposit', 500_000, `late_${order.id}`);
    expect(paid.status).toBe('deposit_paid');
    expect(await unitStatus(unitId)).toBe('sold');
  });

  it('cancels by the system with a full refund when the expired car was sold to someone else', async () => {
    const first = await newBuyer(w);
    const { listingId } = await usedCarListing(w);
    const order = await placeOk(w, first, listingId);
    await advance(w, 31 * 60_000);
    const second = await newBuyer(w);
    const { expireHolds } = await import('../inventory/index.js');
    await expireHolds(db(), sys(w));
    const other = await placeOk(w, second, listingId);
    expect(other.status).toBe('created');
    const lost = await pay(order.id, 'deposit', 500_000, `lost_${order.id}`);
    expect(lost).toMatchObject({ status: 'cancelled', cancelledBy: 'system', cancelReason: 'unit_lost' });
    expect(lost.settlement).toMatchObject({ refundFen: 500_000, forfeitFen: 0 });
    const [event] = await db()
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.aggregateId, order.id), eq(outboxEvents.type, 'orders.cancelled')))
      .orderBy(outboxEvents.id);
    expect(event?.payload).toMatchObject({ by: 'system', reason: 'unit_lost', refundFen: 500_000 });
  });

  it('records a payment reaching a cancelled order and asks for its refund (orders.refund_due)', async () => {
    const buyer = await newBuyer(w);
    const { listingId } = await usedCarListing(w);
    const order = await placeOk(w, buyer, listingId);
    await cancelOrder(db(), { orderId: order.id, by: 'buyer', reason: '改主意了' }, sys(w), env());
    const after = await pay(order.id, 'deposit', 500_000, `pay_after_${order.id}`);
    expect(after.status).toBe('cancelled');
    const [payment] = await db()
      .select()
      .from(orderPaymentTable)
      .where(eq(orderPaymentTable.orderId, order.id));
    expect(payment?.outcome).toBe('refund_due');
    const refund = await db()
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.aggregateId, order.id), eq(outboxEvents.type, 'orders.refund_due')))
      .orderBy(outboxEvents.id);
    expect(refund[0]?.payload).toMatchObject({ amountFen: 500_000, reason: 'order_cancelled' });
  });
});

describe('allocation and spec changes of new cars', () => {
  it('sources from the nearest store of the dealer when the listing store has none, and says so', async () => {
    const buyer = await newBuyer(w);
    const listingId = await newCarListing(w, { colour: '极地白' });
    const unit = await receiveUnit(w, { trimId: w.trims.bydHan, storeId: BYD_STORE_2, colour: '极地白' });
    const order = await placeOk(w, buyer, listingId);
    expect(order).toMatchObject({ unitStoreId: BYD_STORE_2, colour: '极地白', vin: unit.vin });
    expect(order.sourcingNote).toContain('丰台');
    expect(order.timeline[0]?.note).toContain('调配');
  });

  it('lets staff allocate another unit of the trim and colour, putting the held one back on sale', async () => {
    const buyer = await newBuyer(w);
    const listingId = await newCarListing(w, { colour: '星河蓝' });
    const a = await receiveUnit(w, { trimId: w.trims.bydHan, storeId: BYD_STORE, colour: '星河蓝' });
    const order = await placeOk(w, buyer, listingId);
    const b = await receiveUnit(w, { trimId: w.trims.bydHan, storeId: BYD_STORE, colour: '星河蓝' });
    const red = await receiveUnit(w, { trimId: w.trims.bydHan, storeId: BYD_STORE, colour: '汉宫红' });
    await pay(order.id, 'deposit', 500_000, `dep_${order.id}`);
    const staffMutation = { ...sys(w), actor: null };
    expect(
      await codeOf(allocateOrderUnit(db(), { orderId: order.id, unitId: red.id }, staffMutation, env())),
    ).toBe('ORDER_UNIT_MISMATCH');
    expect(await unitStatus(red.id)).toBe('available');
    const allocated = await allocateOrderUnit(
      db(),
      { orderId: order.id, unitId: b.id },
      staffMutation,
      env(),
    );
    expect(allocated).toMatchObject({ status: 'vehicle_allocated', unitId: b.id, vin: b.vin });
    expect(await unitStatus(b.id)).toBe('sold');
    expect(await unitStatus(a.id)).toBe('available');
  });

  it('changes the colour before allocation (new unit held, old released) and refuses it after', async () => {
    const buyer = await newBuyer(w);
    const listingId = await newCarListing(w, { colour: '时空灰' });
    const grey = await receiveUnit(w, { trimId: w.trims.bydHan, storeId: BYD_STORE, colour: '时空灰' });
    const order = await placeOk(w, buyer, listingId);
    const red = await receiveUnit(w, { trimId: w.trims.bydHan, storeId: BYD_STORE, colour: '汉宫红' });
    const mutation = {
      ...sys(w),
      actor: { kind: 'buyer' as const, buyerId: buyer.id, sessionId: 's', phone: buyer.phone },
    };
    const changed = await changeOrderSpec(db(), { orderId: order.id, colour: '汉宫红' }, mutation, env());
    // a red new-car unit of the store (the oldest: maybe one an earlier test left), never a used car's unit
    const held = (
      await w.t.app.inject({
        method: 'GET',
        url: `/api/v1/inventory/units/${changed.unitId}`,
        headers: w.supply.bearer,
      })
    ).json();
    expect(held).toMatchObject({
      status: 'reserved',
      exteriorColour: '汉宫红',
      listingId: null,
      storeId: BYD_STORE,
    });
    expect(changed.colour).toBe('汉宫红');
    expect(changed.paymentDeadline.getTime()).toBe(new Date(order.paymentDeadline).getTime());
    expect(await unitStatus(grey.id)).toBe('available');
    expect(await unitStatus(red.id)).toBe(changed.unitId === red.id ? 'reserved' : 'available');
    await pay(order.id, 'deposit', 500_000, `dep_${order.id}`);
    await allocateOrderUnit(db(), { orderId: order.id }, sys(w), env());
    expect(
      await codeOf(changeOrderSpec(db(), { orderId: order.id, colour: '时空灰' }, mutation, env())),
    ).toBe('ORDER_SPEC_FIXED');
  });

  it('cancels by the seller after allocation: the deposit comes back double and the car goes back on sale', async () => {
    const buyer = await newBuyer(w);
    const { listingId, unitId } = await usedCarListing(w);
    const order = await placeOk(w, buyer, listingId, { depositKind: 'binding', depositFen: 2_000_000 });
    await pay(order.id, 'deposit', 2_000_000, `dep_${order.id}`);
    await allocateOrderUnit(db(), { orderId: order.id }, sys(w), env());
    const res = await w.t.app.inject({
      method: 'POST',
      url: `/api/v1/orders/${order.id}/cancel-by-seller`,
      headers: w.bydStaff.bearer,
      payload: { reason: '车辆检测发现问题，无法交付' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().settlement).toMatchObject({
      paidFen: 2_000_000,
      refundFen: 2_000_000,
      compensationFen: 2_000_000,
      forfeitFen: 0,
    });
    expect(await unitStatus(unitId)).toBe('available');
  });
});

describe('jobs', () => {
  it('reminds once 10 minutes before the deadline, then expires the unpaid order and releases the car', async () => {
    w.t.clock.set('2026-12-09T02:00:00Z');
    await advance(w, 0);
    const buyer = await newBuyer(w);
    const { listingId, unitId } = await usedCarListing(w);
    const order = await placeOk(w, buyer, listingId);
    await advance(w, 15 * 60_000);
    expect(await sendPaymentReminders(db(), env(), w.t.clock.now())).toBe(0);
    await advance(w, 6 * 60_000);
    expect(await sendPaymentReminders(db(), env(), w.t.clock.now())).toBeGreaterThanOrEqual(1);
    expect(await sendPaymentReminders(db(), env(), w.t.clock.now())).toBe(0);
    await expireUnpaidOrders(db(), env(), w.t.clock.now());
    expect((await db().select().from(orderTable).where(eq(orderTable.id, order.id)))[0]?.status).toBe(
      'created',
    );
    await advance(w, 10 * 60_000);
    // the schedule wakes the jobs: run everything due, as the worker would
    await drainJobs(w);
    const [row] = await db().select().from(orderTable).where(eq(orderTable.id, order.id));
    expect(row).toMatchObject({
      status: 'cancelled',
      cancelledBy: 'system',
      cancelReason: 'payment_timeout',
    });
    expect(await unitStatus(unitId)).toBe('available');
    const sms = await db()
      .select()
      .from(devSmsMessages)
      .where(eq(devSmsMessages.template, 'orders.payment_reminder'));
    expect(sms.filter((m) => m.text.includes(order.orderNumber))).toHaveLength(1);
  });

  it('auto-allocates paid orders staff left alone for ORDER_AUTO_ALLOCATE_MINUTES', async () => {
    w.t.clock.set('2026-12-10T02:00:00Z');
    await advance(w, 0);
    const buyer = await newBuyer(w);
    const { listingId } = await usedCarListing(w);
    const order = await placeOk(w, buyer, listingId);
    await pay(order.id, 'deposit', 500_000, `dep_${order.id}`);
    await advance(w, 119 * 60_000);
    await autoAllocateOrders(db(), env(), w.t.clock.now());
    expect((await db().select().from(orderTable).where(eq(orderTable.id, order.id)))[0]?.status).toBe(
      'deposit_paid',
    );
    await advance(w, 2 * 60_000);
    expect(await autoAllocateOrders(db(), env(), w.t.clock.now())).toBeGreaterThanOrEqual(1);
    const [row] = await db().select().from(orderTable).where(eq(orderTable.id, order.id));
    expect(row).toMatchObject({ status: 'vehicle_allocated' });
  });
});
